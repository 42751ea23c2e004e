package io.hardening.autoconfigure.aot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The properties whose values decide which of the starter's beans exist. Under Spring AOT
 * ({@code spring-boot:process-aot}, run with {@code -Dspring.aot.enabled=true}) the bean
 * definitions are those computed at build time, so these values are frozen then: an
 * application built with no API keys and started with {@code HARDENING_SECURITY_API_KEYS}
 * would serve {@code /api/**} without the key check. {@link FrozenSwitchesAotProcessor}
 * records what the build decided and the generated code calls {@link #check} at start-up,
 * which refuses to start when a decision would differ now.
 * <p>
 * Each switch is recorded as the decision the starter's conditions take, never as the
 * value itself: the API keys and the bucket as {@code set} or {@code unset}.
 */
public final class FrozenSwitches {

	/** Boolean switches of the starter's conditions, all {@code true} when missing. */
	static final List<String> ENABLED = List.of("hardening.admin.enabled", "hardening.init.enabled",
			"hardening.probes.enabled", "hardening.probes.sanitize-details", "hardening.reasoning.enabled",
			"hardening.reasoning.persist-runs", "hardening.reasoning.web.enabled", "hardening.request-id.enabled",
			"hardening.security.enabled", "hardening.storage.enabled", "hardening.storage.web.enabled",
			"management.endpoint.health.probes.enabled", "management.endpoint.health.validate-group-membership");

	static final String PROVIDER = "hardening.reasoning.provider";

	static final String STORAGE_MODE = "hardening.storage.mode";

	static final String BUCKET = "hardening.storage.gcs.bucket";

	static final String API_KEYS = "hardening.security.api-keys";

	private FrozenSwitches() {
	}

	/**
	 * The decisions the starter's conditions take in this environment.
	 * @param environment the environment
	 * @return property name to decision, in a fixed order
	 */
	static Map<String, String> decisions(Environment environment) {
		Map<String, String> decisions = new LinkedHashMap<>();
		Binder binder = Binder.get(environment);
		for (String name : ENABLED) {
			decisions.put(name, String.valueOf(binder.bind(name, Boolean.class).orElse(true)));
		}
		decisions.put(PROVIDER,
				binder.bind(PROVIDER, String.class)
					.map((value) -> value.strip().toLowerCase(Locale.ROOT).replace('_', '-'))
					.orElse("vertex"));
		decisions.put(STORAGE_MODE, environment.getProperty(STORAGE_MODE, "auto").strip().toLowerCase(Locale.ROOT));
		decisions.put(BUCKET, StringUtils.hasText(environment.getProperty(BUCKET)) ? "set" : "unset");
		List<String> keys = binder.bind(API_KEYS, Bindable.listOf(String.class)).orElse(List.of());
		decisions.put(API_KEYS, keys.stream().anyMatch(StringUtils::hasText) ? "set" : "unset");
		return decisions;
	}

	/**
	 * Called by the code Spring AOT generated: fails the start when a switch decides
	 * differently now than at build time.
	 * @param environment the environment at start-up
	 * @param built property names and decisions at build time, alternating
	 * @throws FrozenSwitchException naming every property that differs
	 */
	public static void check(Environment environment, String... built) {
		Map<String, String> now = decisions(environment);
		List<String> differing = new ArrayList<>();
		for (int i = 0; i + 1 < built.length; i += 2) {
			String current = now.get(built[i]);
			if (current != null && !current.equals(built[i + 1])) {
				differing.add(built[i] + " (built " + built[i + 1] + ", now " + current + ")");
			}
		}
		if (!differing.isEmpty()) {
			throw new FrozenSwitchException(differing);
		}
	}

}
