package io.hardening.support.web;

import java.nio.charset.StandardCharsets;

import io.hardening.support.Refusal;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes a {@link Refusal} as a reactive response.
 */
public final class ReactiveRefusals {

	private ReactiveRefusals() {
	}

	/**
	 * Writes the refusal: status, JSON body and challenge.
	 * @param response the response, not yet committed
	 * @param refusal what to write
	 * @return completes once the body is written
	 */
	public static Mono<Void> write(ServerHttpResponse response, Refusal refusal) {
		response.setStatusCode(HttpStatus.valueOf(refusal.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		if (refusal.challenge() != null) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge());
		}
		DataBuffer body = response.bufferFactory().wrap(refusal.body().getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
