package io.hardening.requestid.web;

import io.hardening.requestid.RequestIds;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request of a reactive application its request id: an exchange attribute,
 * the response header, and the Reactor context (from which log lines on any thread take
 * it).
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = RequestIds.accept(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
		return chain.filter(exchange).contextWrite(Context.of(RequestIds.MDC_KEY, id));
	}

	@Override
	public int getOrder() {
		// Before every other filter, so that even a refused request has its id.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
