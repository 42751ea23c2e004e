package io.hardening.resilience.autoconfigure;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfiguration;
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
 * That decision comes from every auto-configuration the class path lists, once
 * ({@link ClassPathDecidedImportFilter}), not from the candidates of one call: taken from
 * the candidates in hand, it kept Commons' auto-configurations in Boot's first call and
 * left them out in the one-class calls after it, so an application with Spring Cloud
 * LoadBalancer had neither discovery nor the post-processor that load-balances its
 * {@code @LoadBalanced} {@code WebClient.Builder}.
 */
public final class UnusedSpringCloudCommonsAutoConfigurationFilter extends ClassPathDecidedImportFilter {

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

	@Override
	Set<String> leftOut(ClassLoader classLoader) {
		return applicationUsesSpringCloud(ImportCandidates.load(AutoConfiguration.class, classLoader)) ? Set.of()
				: LEFT_OUT;
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
