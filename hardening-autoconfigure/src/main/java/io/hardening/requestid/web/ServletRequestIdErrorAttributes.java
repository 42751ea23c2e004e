package io.hardening.requestid.web;

import java.util.Map;

import io.hardening.requestid.RequestIds;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes of a servlet application, with the request's
 * {@code X-Request-Id} as {@code requestId}, as in a reactive one.
 */
public class ServletRequestIdErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		Object id = request.getAttribute(RequestIds.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (id != null) {
			attributes.put("requestId", id);
		}
		return attributes;
	}

}
