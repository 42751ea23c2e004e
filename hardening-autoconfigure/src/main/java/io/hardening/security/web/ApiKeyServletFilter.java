package io.hardening.security.web;

import java.io.IOException;

import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.security.ApiKeyVerifier.Verdict;
import io.hardening.support.web.ServletRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests to {@code /api/**} without a valid API key in a servlet application.
 */
public class ApiKeyServletFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Order of the filter: right after the admin token filter.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private final ApiKeyGuard guard;

	/**
	 * Creates the filter.
	 * @param guard decides which requests need a key
	 */
	public ApiKeyServletFilter(ApiKeyGuard guard) {
		this.guard = guard;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Verdict verdict = this.guard.check(request.getMethod(), path, request.getHeader(ApiKeyVerifier.HEADER));
		if (verdict == Verdict.GRANTED) {
			chain.doFilter(request, response);
			return;
		}
		ServletRefusals.write(response, verdict.refusal());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
