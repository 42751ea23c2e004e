package io.hardening.resilience.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Leaves out Spring Cloud Commons' service discovery, service registration, load
 * balancing and host-address auto-configurations while the application uses Spring Cloud
 * only through the starter's circuit breakers.
 * <p>
 * The starter needs Commons for the circuit breaker API alone, yet Commons brings
 * fourteen auto-configurations that made about forty beans on every start: a simple
 * discovery client (which also resolves the machine's address once the web server is up),
 * their health contributors, a service registry and load-balancer settings. Nothing used
 * them.
 * <p>
 * An application that uses Spring Cloud itself (discovery, load balancing, configuration,
 * or Spring Cloud Context through {@code spring-cloud-starter}, which every other Spring
 * Cloud starter brings) has an auto-configuration of another Spring Cloud module on the
 * class path; then nothing is left out and Spring Cloud behaves exactly as without the
 * starter. The circuit breaker integration for HTTP service clients
 * ({@code CommonsClientAutoConfiguration}) and Spring Cloud's compatibility check are
 * always kept.
 * <p>
 * That decision comes from every auto-configuration the class path lists, not from the
 * candidates of one call: Boot asks its import filters about the whole candidate list and
 * then once more about each auto-configuration on its own, as it imports it
 * ({@code AutoConfigurationImportSelector.getExclusionFilter()}). A decision taken from
 * the candidates in hand kept Commons' auto-configurations in the first call and left
 * them out in the second, so an application with Spring Cloud LoadBalancer had neither
 * discovery nor the post-processor that load-balances its {@code @LoadBalanced}
 * {@code WebClient.Builder}.
 */
public final class UnusedSpringCloudCommonsAutoConfigurationFilter
		implements AutoConfigurationImportFilter, BeanClassLoaderAware {

	static final Set<String> LEFT_OUT = Set.of(
			"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
			"org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration",
			"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
			"org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration",
			"org.springframework.cloud.client.hypermedia.CloudHypermediaAutoConfiguration",
			"org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration",
			"org.springframework.cloud.client.loadbalancer.LoadBalancerDefaultMappingsProviderAutoConfiguration",
			"org.springframework.cloud.client.loadbalancer.reactive.LoadBalancerBeanPostProcessorAutoConfiguration",
			"org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerClientAutoConfiguration",
			"org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration",
			"org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration",
			"org.springframework.cloud.commons.util.UtilAutoConfiguration",
			"org.springframework.cloud.commons.config.CommonsConfigAutoConfiguration",
			"org.springframework.cloud.commons.security.ResourceServerTokenRelayAutoConfiguration");

	// Packages of the modules the starter brings: Commons and the circuit breakers.
	private static final String[] STARTER_MODULES = { "org.springframework.cloud.client.",
			"org.springframework.cloud.commons.", "org.springframework.cloud.configuration.",
			"org.springframework.cloud.circuitbreaker." };

	private ClassLoader classLoader;

	// Decided once, on the first call: the class path does not change.
	private Boolean applicationUsesSpringCloud;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		return AutoConfigurationsLeftOut.matches(autoConfigurationClasses,
				applicationUsesSpringCloud() ? Set.of() : LEFT_OUT);
	}

	private boolean applicationUsesSpringCloud() {
		Boolean uses = this.applicationUsesSpringCloud;
		if (uses == null) {
			uses = applicationUsesSpringCloud(ImportCandidates.load(AutoConfiguration.class, this.classLoader));
			this.applicationUsesSpringCloud = uses;
		}
		return uses;
	}

	static boolean applicationUsesSpringCloud(Iterable<String> autoConfigurationClasses) {
		for (String candidate : autoConfigurationClasses) {
			if (candidate.startsWith("org.springframework.cloud.") && !fromStarterModule(candidate)) {
				return true;
			}
		}
		return false;
	}

	private static boolean fromStarterModule(String candidate) {
		for (String module : STARTER_MODULES) {
			if (candidate.startsWith(module)) {
				return true;
			}
		}
		return false;
	}

}
