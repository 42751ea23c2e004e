package io.hardening.resilience.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.hardeningstandin.StandInSpringCloudModuleAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that brings a Spring Cloud module of its own keeps Spring Cloud's
 * discovery and load balancing beside the starter: its {@code @LoadBalanced}
 * {@code WebClient.Builder} reaches the instance its discovery client lists.
 * <p>
 * Spring Cloud LoadBalancer is not on this module's class path: a stand-in module lists
 * its auto-configuration, and the application's own {@link ReactiveLoadBalancer.Factory}
 * picks the first instance Commons' simple discovery client knows, which is what Spring
 * Cloud's post-processor and exchange filter need.
 */
class ApplicationLoadBalancingTests {

	@TempDir
	Path folder;

	private HttpServer service;

	@BeforeEach
	void startService() throws IOException {
		this.service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.service.createContext("/live", (exchange) -> {
			byte[] body = "reached".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.service.start();
	}

	@AfterEach
	void stopService() {
		this.service.stop(0);
	}

	@Test
	void aLoadBalancedWebClientOfTheApplicationReachesTheDiscoveredInstance() throws IOException {
		try (URLClassLoader classLoader = SpringCloudModuleClassLoader.listing(this.folder,
				StandInSpringCloudModuleAutoConfiguration.class.getName());
				ConfigurableApplicationContext context = new SpringApplicationBuilder(LoadBalancingApplication.class)
					.resourceLoader(new DefaultResourceLoader(classLoader))
					.web(WebApplicationType.NONE)
					.properties("hardening.reasoning.enabled=false", "hardening.storage.enabled=false",
							"spring.cloud.discovery.client.simple.instances.self[0].uri=http://127.0.0.1:"
									+ this.service.getAddress().getPort())
					.run()) {
			WebClient client = context.getBean(LoadBalancingApplication.class).builder.build();
			String answer = client.get()
				.uri("http://self/live")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(answer).isEqualTo("reached");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LoadBalancingApplication {

		private final WebClient.Builder builder;

		LoadBalancingApplication(@LoadBalanced WebClient.Builder builder) {
			this.builder = builder;
		}

		@Bean
		@LoadBalanced
		static WebClient.Builder loadBalancedWebClientBuilder() {
			return WebClient.builder();
		}

		@Bean
		static ReactiveLoadBalancer.Factory<ServiceInstance> firstInstanceLoadBalancers(
				ReactiveDiscoveryClient discovery) {
			return new FirstInstanceLoadBalancers(discovery);
		}

	}

	/** Chooses the first instance discovery lists for a service. */
	static final class FirstInstanceLoadBalancers implements ReactiveLoadBalancer.Factory<ServiceInstance> {

		private final ReactiveDiscoveryClient discovery;

		FirstInstanceLoadBalancers(ReactiveDiscoveryClient discovery) {
			this.discovery = discovery;
		}

		@Override
		public ReactiveLoadBalancer<ServiceInstance> getInstance(String serviceId) {
			return (request) -> this.discovery.getInstances(serviceId)
				.next()
				.<Response<ServiceInstance>>map(DefaultResponse::new)
				.defaultIfEmpty(new EmptyResponse());
		}

		@Override
		public LoadBalancerProperties getProperties(String serviceId) {
			return new LoadBalancerProperties();
		}

		@Override
		public <X> Map<String, X> getInstances(String name, Class<X> type) {
			return Map.of();
		}

		@Override
		public <X> X getInstance(String name, Class<?> clazz, Class<?>... generics) {
			return null;
		}

	}

}
