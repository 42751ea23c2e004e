package io.hardening.web.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.channel.ChannelPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the time limits at the edge of a Reactor Netty server that
 * Spring Boot has no property for: a deadline on reading a request's body and on each of
 * its reads, and a limit on how long one write may stay unsent, after which a client that
 * reads nothing is disconnected. The idle timeout of a connection waiting for a request,
 * the longest request line and the header size are Spring Boot properties whose starter
 * defaults {@link io.hardening.autoconfigure.HardeningDefaultsEnvironmentPostProcessor}
 * sets.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
@EnableConfigurationProperties(ServerEdgeProperties.class)
public final class ServerEdgeAutoConfiguration {

	private static final String STALLED_WRITE_TIMEOUT = "hardening.stalledWriteTimeout";

	@Bean
	NettyServerCustomizer hardeningServerEdgeCustomizer(ServerEdgeProperties properties) {
		long writeMillis = properties.getStalledWriteTimeout().toMillis();
		return (server) -> server.readTimeout(properties.getRequestReadTimeout())
			.requestTimeout(properties.getRequestReadTimeout())
			// Called with each request's connection; the handler stays on the channel for
			// the requests that follow on it.
			.doOnConnection((connection) -> install(connection.channel().pipeline(), writeMillis));
	}

	private static void install(ChannelPipeline pipeline, long writeMillis) {
		if (pipeline.get(STALLED_WRITE_TIMEOUT) == null) {
			pipeline.addFirst(STALLED_WRITE_TIMEOUT, new WriteTimeoutHandler(writeMillis, TimeUnit.MILLISECONDS));
		}
	}

}
