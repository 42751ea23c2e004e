package io.hardening.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.hardening.admin.autoconfigure.AdminProperties;
import io.hardening.init.InitTracker;
import io.hardening.probes.autoconfigure.ProbesProperties;
import io.hardening.reasoning.ReasoningModels;
import io.hardening.reasoning.autoconfigure.ReasoningProperties;
import io.hardening.security.ApiKeyGuard;
import io.hardening.security.ApiKeyVerifier;
import io.hardening.storage.ExperimentStorage;
import io.hardening.storage.StorageStatus;
import io.hardening.storage.autoconfigure.StorageProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the one INFO line that says, at startup, what the starter
 * decided.
 */
@AutoConfiguration
@ImportRuntimeHints(StartupSummaryRuntimeHints.class)
public final class StartupSummaryAutoConfiguration {

	static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

	static final String SERVER_HTTP_SECURITY = "org.springframework.security.config.web.server.ServerHttpSecurity";

	static final String WEB_APPLICATION_CONTEXT = "org.springframework.web.context.WebApplicationContext";

	@Bean
	@ConditionalOnMissingBean
	StartupSummary hardeningStartupSummary(ObjectProvider<ReasoningProperties> reasoning,
			ObjectProvider<ReasoningModels> models, ObjectProvider<StorageProperties> storageProperties,
			ObjectProvider<ExperimentStorage> storage, ObjectProvider<ProbesProperties> probes,
			ObjectProvider<AdminProperties> admin, ObjectProvider<ApiKeyVerifier> apiKeys,
			ObjectProvider<InitTracker> tracker, Environment environment, ApplicationContext context) {
		List<Supplier<String>> parts = new ArrayList<>();
		parts.add(() -> reasoning(reasoning.getIfAvailable(), models.getIfAvailable()));
		parts.add(() -> storage(storageProperties.getIfAvailable(), storage.getIfAvailable()));
		parts.add(() -> probes(probes.getIfAvailable()));
		parts.add(() -> {
			AdminProperties properties = admin.getIfAvailable();
			return (properties != null)
					? "admin token " + (StringUtils.hasText(properties.getToken()) ? "set" : "not set") : null;
		});
		parts.add(() -> apiKeys(apiKeys.getIfAvailable(), environment, context));
		return new StartupSummary(parts,
				List.of(() -> initGateOff(tracker.getIfAvailable(), environment),
						() -> (context instanceof ReactiveWebApplicationContext)
								? ReactorNettyKeepAliveCheck.warning(context.getClassLoader()) : null));
	}

	private static String reasoning(ReasoningProperties properties, ReasoningModels models) {
		if (models == null) {
			return "reasoning off";
		}
		String provider = (properties != null)
				? "provider " + properties.getProvider().name().toLowerCase(Locale.ROOT) + ", " : "";
		return "reasoning " + provider + "flash " + models.flash().name() + ", pro " + models.pro().name();
	}

	private static String storage(StorageProperties properties, ExperimentStorage storage) {
		if (storage == null) {
			return "storage off";
		}
		StorageStatus status = storage.status();
		String mode = (properties != null) ? "mode " + properties.getMode().name().toLowerCase(Locale.ROOT) + ", " : "";
		return "storage " + mode + "backend " + status.backend()
				+ ((status.location() != null) ? " " + status.location() : "")
				+ ((status.fallbackReason() != null) ? " (" + status.fallbackReason() + ")" : "");
	}

	// As plain as the admin token's: an empty hardening.security.api-keys leaves /api/**
	// open, as documented, and the first line a user reads says so.
	private static String apiKeys(ApiKeyVerifier verifier, Environment environment, ApplicationContext context) {
		if (verifier != null) {
			return "api keys set (" + verifier.keyCount() + "): " + ApiKeyGuard.PROTECTED_PREFIX + "/** needs "
					+ ApiKeyVerifier.HEADER;
		}
		if (!isWeb(context)) {
			// Nothing is served under /api.
			return null;
		}
		ClassLoader classLoader = context.getClassLoader();
		if (ClassUtils.isPresent(HTTP_SECURITY, classLoader)
				|| ClassUtils.isPresent(SERVER_HTTP_SECURITY, classLoader)) {
			return "api keys off (Spring Security secures " + ApiKeyGuard.PROTECTED_PREFIX + "/**)";
		}
		String open = ApiKeyGuard.PROTECTED_PREFIX + "/** open";
		return environment.getProperty("hardening.security.enabled", Boolean.class, true) ? "api keys not set: " + open
				: "api keys off (hardening.security.enabled=false): " + open;
	}

	// By name: a non-web application may not have spring-web at all.
	private static boolean isWeb(ApplicationContext context) {
		if (context instanceof ReactiveWebApplicationContext) {
			return true;
		}
		try {
			return ClassUtils.forName(WEB_APPLICATION_CONTEXT, context.getClassLoader()).isInstance(context);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Readiness is gated through the init health contributor: switched off, required
	 * components no longer hold {@code /ready} although their status still says so.
	 */
	private static String initGateOff(InitTracker tracker, Environment environment) {
		boolean required = tracker != null
				&& tracker.statuses().stream().anyMatch((status) -> status.requiredForReadiness());
		boolean contributorOff = !environment.getProperty("management.health.init.enabled", Boolean.class, true)
				|| !environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return (required && contributorOff)
				? "The init health contributor is off (management.health.init.enabled=false): init components "
						+ "that say requiredForReadiness no longer gate /ready"
				: null;
	}

	private static String probes(ProbesProperties properties) {
		if (properties == null || !properties.isEnabled()) {
			return null;
		}
		ProbesProperties.Paths paths = properties.getPaths();
		List<String> served = new ArrayList<>();
		for (String path : new String[] { paths.getHealth(), paths.getHealthz(), paths.getLive(), paths.getReady() }) {
			if (StringUtils.hasText(path)) {
				served.add(path);
			}
		}
		return "probes " + String.join(" ", served);
	}

}
