package io.hardening.sample;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.aot.AotTestContextInitializers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app as a user would, with no cloud credentials, and calls its probes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "hardening.storage.filesystem.path=target/sample-storage")
@AutoConfigureWebTestClient(timeout = "30s")
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ConfigurableApplicationContext context;

	// Under the spring-aot profile the beans must be defined by the code process-test-aot
	// generated for this class (instance suppliers, no reflection on the configuration
	// classes); without it, by a regular start.
	@Test
	void contextIsGeneratedAtBuildTimeExactlyUnderSpringAot() {
		assertThat(AotDetector.useGeneratedArtifacts()).isEqualTo(SpringAotMode.enabled());
		assertThat(new AotTestContextInitializers().isSupportedTestClass(getClass()))
			.isEqualTo(SpringAotMode.enabled());
		for (String name : new String[] { "sampleApplication", "hardeningStartupSummary" }) {
			BeanDefinition definition = this.context.getBeanFactory().getBeanDefinition(name);
			boolean generated = definition instanceof RootBeanDefinition root && root.getInstanceSupplier() != null;
			assertThat(generated).as("%s defined by generated code", name).isEqualTo(SpringAotMode.enabled());
		}
	}

	@Test
	void readyAnswersUpWithoutCredentials() {
		this.client.get().uri("/ready").exchange().expectStatus().isOk().expectBody().json("{\"status\":\"UP\"}", true);
	}

	@Test
	void healthShowsComponentsWithoutDiscoveryNoise() {
		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.readinessState.status")
			.isEqualTo("UP")
			.jsonPath("$.components.discoveryComposite")
			.doesNotExist();
	}

	@Test
	void starterBringsNoJacksonTwoDatabind() {
		// Only Google's XML multipart-upload API needs it; on the classpath it cost every
		// start about 500 classes of Jackson 2 mappers and codecs.
		assertThat(ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", null)).isFalse();
	}

	@Test
	void prometheusIsExposed() {
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	@Test
	void storageServesFromTheFilesystemWithoutCredentials() {
		this.client.post()
			.uri("/api/storage/experiment")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"sample-1\",\"result\":{\"ok\":true},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/api/storage/experiments/sample-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.ok")
			.isEqualTo(true);
		this.client.get()
			.uri("/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.storage.status")
			.isEqualTo("UP")
			.jsonPath("$.components.storage.details.backend")
			.isEqualTo("filesystem");
	}

}
