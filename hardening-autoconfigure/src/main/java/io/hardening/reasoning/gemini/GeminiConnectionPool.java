package io.hardening.reasoning.gemini;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The model clients' own connection pool, sized for the streams the application admits:
 * Reactor Netty's shared pool holds {@code max(cores, 8) * 2} connections (16 on two
 * cores) and makes the next stream wait up to 45 s for one.
 */
public class GeminiConnectionPool implements DisposableBean {

	private final ConnectionProvider provider;

	/**
	 * Creates a pool.
	 * @param maxConnections most connections open at once
	 */
	public GeminiConnectionPool(int maxConnections) {
		this.provider = ConnectionProvider.builder("hardening-models")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(maxConnections)
			.pendingAcquireTimeout(Duration.ofSeconds(10))
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * A connector that uses this pool.
	 * @return the connector
	 */
	public ClientHttpConnector connector() {
		return new ReactorClientHttpConnector(HttpClient.create(this.provider));
	}

	@Override
	public void destroy() {
		this.provider.dispose();
	}

}
