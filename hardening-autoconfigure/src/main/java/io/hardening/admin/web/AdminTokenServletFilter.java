package io.hardening.admin.web;

import java.io.IOException;

import io.hardening.admin.AdminTokenVerifier.Verdict;
import io.hardening.admin.AdminWriteGuard;
import io.hardening.support.web.ServletRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses Actuator writes without the admin token in a servlet application.
 */
public class AdminTokenServletFilter extends OncePerRequestFilter implements Ordered {

	private final AdminWriteGuard guard;

	/**
	 * Creates the filter.
	 * @param guard decides which requests need the token
	 */
	public AdminTokenServletFilter(AdminWriteGuard guard) {
		this.guard = guard;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Verdict verdict = this.guard.check(request.getMethod(), path, request.getHeader(HttpHeaders.AUTHORIZATION));
		if (verdict == Verdict.GRANTED) {
			chain.doFilter(request, response);
			return;
		}
		ServletRefusals.write(response, verdict.refusal());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
