package io.hardening.web.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import static io.hardening.support.PropertyChecks.positive;

/**
 * Time limits at the edge of a Reactor Netty server that Spring Boot has no property for
 * ({@code hardening.server}). Tomcat's own {@code server.tomcat.connection-timeout}
 * bounds its reads and blocking writes.
 */
@ConfigurationProperties("hardening.server")
public class ServerEdgeProperties {

	/**
	 * Reactor Netty: longest time to receive a request's body, and longest pause between
	 * two of its reads; a client that sends a short body and then nothing is cut off.
	 */
	private Duration requestReadTimeout = Duration.ofSeconds(30);

	/**
	 * Reactor Netty: longest time one write to a client may stay unsent; a client that
	 * reads nothing (for example an open stream nobody reads) is disconnected after it.
	 * Keep it above hardening.reasoning.heartbeat.
	 */
	private Duration stalledWriteTimeout = Duration.ofSeconds(60);

	public Duration getRequestReadTimeout() {
		return this.requestReadTimeout;
	}

	public void setRequestReadTimeout(Duration requestReadTimeout) {
		this.requestReadTimeout = positive("hardening.server.request-read-timeout", requestReadTimeout);
	}

	public Duration getStalledWriteTimeout() {
		return this.stalledWriteTimeout;
	}

	public void setStalledWriteTimeout(Duration stalledWriteTimeout) {
		this.stalledWriteTimeout = positive("hardening.server.stalled-write-timeout", stalledWriteTimeout);
	}

}
