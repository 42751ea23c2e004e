package io.hardening.support.web;

import java.io.IOException;

import io.hardening.support.Refusal;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Writes a {@link Refusal} as a servlet response.
 */
public final class ServletRefusals {

	private ServletRefusals() {
	}

	/**
	 * Writes the refusal: status, JSON body and challenge.
	 * @param response the response, not yet committed
	 * @param refusal what to write
	 * @throws IOException when the body cannot be written
	 */
	public static void write(HttpServletResponse response, Refusal refusal) throws IOException {
		response.setStatus(refusal.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (refusal.challenge() != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge());
		}
		response.getWriter().write(refusal.body());
	}

}
