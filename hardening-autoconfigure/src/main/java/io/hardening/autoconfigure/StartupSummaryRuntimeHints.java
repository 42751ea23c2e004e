package io.hardening.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image find the classes the startup summary looks up by name at run time:
 * {@code Class.forName} there finds only types registered for reflection, so without
 * these the summary would misreport. Each is registered only when the build has it.
 */
class StartupSummaryRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		// Present means Spring Security secures /api/**: else the summary says it is
		// open.
		hints.reflection().registerTypeIfPresent(classLoader, StartupSummaryAutoConfiguration.HTTP_SECURITY);
		hints.reflection().registerTypeIfPresent(classLoader, StartupSummaryAutoConfiguration.SERVER_HTTP_SECURITY);
		// Tells a servlet application from a non-web one: else the API key line is left
		// out.
		hints.reflection().registerTypeIfPresent(classLoader, StartupSummaryAutoConfiguration.WEB_APPLICATION_CONTEXT);
		// The Reactor Netty keep-alive check reads this class's package version.
		hints.reflection().registerTypeIfPresent(classLoader, ReactorNettyKeepAliveCheck.SERVER_CLASS);
	}

}
