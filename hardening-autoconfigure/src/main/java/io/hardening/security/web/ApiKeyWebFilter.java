package io.hardening.security.web;

import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.ApiKeyVerifier.Verdict;
import io.hardening.support.web.ReactiveRefusals;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
		return ReactiveRefusals.write(exchange.getResponse(), verdict.refusal());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
