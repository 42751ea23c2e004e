package io.hardening.resilience.autoconfigure;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class UnusedSpringCloudCommonsAutoConfigurationFilterTests {

	// An auto-configuration of a Spring Cloud module the starter does not bring
	// (spring-cloud-loadbalancer), as an application that adds load balancing has.
	private static final String LOAD_BALANCER_MODULE = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration";

	private static final String DISCOVERY = "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration";

	private final UnusedSpringCloudCommonsAutoConfigurationFilter filter = filter(
			UnusedSpringCloudCommonsAutoConfigurationFilterTests.class.getClassLoader());

	@TempDir
	Path folder;

	@Test
	void everyLeftOutNameIsOneOfSpringCloudCommonsAutoConfigurations() {
		// Fails when Spring Cloud renames or drops one, so the list cannot go stale
		// silently.
		assertThat(commonsCandidates()).containsAll(UnusedSpringCloudCommonsAutoConfigurationFilter.LEFT_OUT);
	}

	@Test
	void leavesOutDiscoveryRegistrationAndLoadBalancingWhenOnlyTheStartersSpringCloudModulesAreThere() {
		String[] candidates = allCandidates().toArray(String[]::new);
		boolean[] matches = this.filter.match(candidates, null);
		List<String> leftOut = new ArrayList<>();
		for (int i = 0; i < candidates.length; i++) {
			if (!matches[i]) {
				leftOut.add(candidates[i]);
			}
		}
		assertThat(leftOut)
			.containsExactlyInAnyOrderElementsOf(UnusedSpringCloudCommonsAutoConfigurationFilter.LEFT_OUT);
		assertThat(leftOut).doesNotContain("org.springframework.cloud.client.CommonsClientAutoConfiguration",
				"org.springframework.cloud.configuration.CompatibilityVerifierAutoConfiguration",
				"org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JAutoConfiguration");
	}

	@Test
	void leavesOutNothingWhenTheApplicationBringsASpringCloudModuleOfItsOwn() throws IOException {
		try (URLClassLoader classLoader = SpringCloudModuleClassLoader.listing(this.folder, LOAD_BALANCER_MODULE)) {
			boolean[] matches = filter(classLoader).match(allCandidates().toArray(String[]::new), null);
			assertThat(matches).doesNotContain(false);
		}
	}

	@Test
	void answersAboutOneAutoConfigurationAsAboutTheWholeList() throws IOException {
		// Boot asks again about each auto-configuration it imports, on its own
		// (AutoConfigurationImportSelector.getExclusionFilter()): an answer taken from
		// the candidates in hand left Commons out there after keeping it in the list.
		try (URLClassLoader classLoader = SpringCloudModuleClassLoader.listing(this.folder, LOAD_BALANCER_MODULE)) {
			assertThat(filter(classLoader).match(new String[] { DISCOVERY }, null)).containsExactly(true);
		}
		assertThat(this.filter.match(new String[] { DISCOVERY }, null)).containsExactly(false);
	}

	@Test
	void skipsCandidatesAnEarlierFilterLeftOut() {
		assertThat(this.filter.match(new String[] { null, DISCOVERY, null }, null)).containsExactly(true, false, true);
	}

	@Test
	void isRegisteredWithBootsImportFilters() {
		List<AutoConfigurationImportFilter> filters = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(AutoConfigurationImportFilter.class);
		assertThat(filters).hasAtLeastOneElementOfType(UnusedSpringCloudCommonsAutoConfigurationFilter.class);
	}

	@Test
	void anApplicationWithTheStarterHasItsCircuitBreakersButNoDiscoveryClientOrHostLookup() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoConfigured.class)
			.web(WebApplicationType.NONE)
			.properties("hardening.reasoning.enabled=false", "hardening.storage.enabled=false")
			.run()) {
			assertThat(context.getBeanNamesForType(ReactiveCircuitBreakerFactory.class)).isNotEmpty();
			assertThat(context.getBeanNamesForType(DiscoveryClient.class)).isEmpty();
			assertThat(context.getBeanNamesForType(ReactiveDiscoveryClient.class)).isEmpty();
			assertThat(context.getBeanNamesForType(InetUtils.class)).isEmpty();
		}
	}

	private static UnusedSpringCloudCommonsAutoConfigurationFilter filter(ClassLoader classLoader) {
		UnusedSpringCloudCommonsAutoConfigurationFilter filter = new UnusedSpringCloudCommonsAutoConfigurationFilter();
		filter.setBeanClassLoader(classLoader);
		return filter;
	}

	private static List<String> commonsCandidates() {
		List<String> commons = new ArrayList<>();
		for (String candidate : allCandidates()) {
			if (candidate.startsWith("org.springframework.cloud.client.")
					|| candidate.startsWith("org.springframework.cloud.commons.")) {
				commons.add(candidate);
			}
		}
		return commons;
	}

	private static List<String> allCandidates() {
		List<String> candidates = new ArrayList<>();
		ImportCandidates
			.load(AutoConfiguration.class, UnusedSpringCloudCommonsAutoConfigurationFilterTests.class.getClassLoader())
			.forEach(candidates::add);
		return candidates;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
