package io.hardening.security.web;

import java.nio.charset.StandardCharsets;

import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.ApiKeyVerifier.Verdict;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses requests to {@code /api/**} without a valid API key in a reactive application.
 */
public class ApiKeyWebFilter implements WebFilter, Ordered {

	/**
	 * Order of the filter: right after the admin token filter.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private final ApiKeyGuard guard;

	/**
	 * Creates the filter.
	 * @param guard decides which requests need a key
	 */
	public ApiKeyWebFilter(ApiKeyGuard guard) {
		this.guard = guard;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Verdict verdict = this.guard.check(request.getMethod().name(),
				request.getPath().pathWithinApplication().value(),
				request.getHeaders().getFirst(ApiKeyVerifier.HEADER));
		if (verdict == Verdict.GRANTED) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(verdict.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, ApiKeyVerifier.CHALLENGE);
		DataBuffer body = response.bufferFactory().wrap(verdict.body().getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
