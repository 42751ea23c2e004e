package io.hardening.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the starter's defaults for other libraries' properties, behind every source the
 * application has, so that any setting of the application wins.
 * <ul>
 * <li>Exposes the {@code health}, {@code info}, {@code prometheus} and {@code init}
 * Actuator endpoints over HTTP.</li>
 * <li>Turns on Actuator's liveness and readiness groups
 * ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}) everywhere, not
 * only on Kubernetes.</li>
 * <li>Switches off Spring Cloud's {@code discoveryComposite} health contributor, which
 * reports UNKNOWN with "Discovery Client not initialized" in every app without service
 * discovery. Apps that use discovery set
 * {@code spring.cloud.discovery.client.composite-indicator.enabled=true}.</li>
 * </ul>
 */
public class HardeningDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Name of the property source that holds the defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "hardeningDefaults";

	private static final Map<String, Object> DEFAULTS = Map.of("management.endpoints.web.exposure.include",
			"health,info,prometheus,init", "management.endpoint.health.probes.enabled", "true",
			"spring.cloud.discovery.client.composite-indicator.enabled", "false");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
		}
	}

}
