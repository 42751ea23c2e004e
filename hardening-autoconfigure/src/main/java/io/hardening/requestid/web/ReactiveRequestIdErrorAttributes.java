package io.hardening.requestid.web;

import java.util.Map;

import io.hardening.requestid.RequestIds;

import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Spring Boot's error attributes of a reactive application, whose {@code requestId} is
 * the request's {@code X-Request-Id} rather than the server's own id of the exchange.
 */
public class ReactiveRequestIdErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		request.attribute(RequestIds.ATTRIBUTE).ifPresent((id) -> attributes.put("requestId", id));
		return attributes;
	}

}
