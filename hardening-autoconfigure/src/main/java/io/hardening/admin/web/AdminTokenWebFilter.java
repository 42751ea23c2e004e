package io.hardening.admin.web;

import io.hardening.admin.AdminTokenVerifier.Verdict;
import io.hardening.admin.AdminWriteGuard;
import io.hardening.support.web.ReactiveRefusals;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses Actuator writes without the admin token in a reactive application.
 */
public class AdminTokenWebFilter implements WebFilter, Ordered {

	private final AdminWriteGuard guard;

	/**
	 * Creates the filter.
	 * @param guard decides which requests need the token
	 */
	public AdminTokenWebFilter(AdminWriteGuard guard) {
		this.guard = guard;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Verdict verdict = this.guard.check(exchange.getRequest().getMethod().name(),
				exchange.getRequest().getPath().pathWithinApplication().value(),
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (verdict == Verdict.GRANTED) {
			return chain.filter(exchange);
		}
		return ReactiveRefusals.write(exchange.getResponse(), verdict.refusal());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
