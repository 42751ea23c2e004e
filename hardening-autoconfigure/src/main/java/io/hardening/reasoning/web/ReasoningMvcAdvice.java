package io.hardening.reasoning.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What only Spring MVC needs of the reasoning endpoint's errors: it refuses an unparsable
 * {@code Content-Type} before the body reader runs, with an exception of the servlet API,
 * which a reactive application does not have on its class path.
 */
@RestControllerAdvice(assignableTypes = ReasoningController.class)
public class ReasoningMvcAdvice {

	@ExceptionHandler
	ResponseEntity<?> unsupportedContentType(HttpMediaTypeNotSupportedException ex) {
		return ReasoningController.error(ReasoningApi.invalid("Content-Type must be application/json"));
	}

}
