package io.hardening.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy kits in docs/deploy, checked against the sample app: every probe path is
 * served, every port is the one the app listens on, every {@code HARDENING_*} and
 * {@code SPRING_*} variable is a property the app binds, and the spool is on a volume.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "hardening.storage.filesystem.path=target/deploy-kit-storage" })
class DeployKitTests {

	private static final Path DEPLOY = Path.of("..", "docs", "deploy");

	private static final String KNATIVE = "serving.knative.dev/v1";

	private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");

	@LocalServerPort
	private int port;

	@Test
	void kitsHoldADeploymentServiceDisruptionBudgetAndCloudRunService() {
		assertThat(documents()).extracting((document) -> document.file() + " " + document.yaml().get("kind"))
			.contains("kubernetes.yaml Deployment", "kubernetes.yaml Service", "kubernetes.yaml PodDisruptionBudget",
					"kubernetes.yaml ServiceAccount", "cloud-run.yaml Service");
		assertThat(containers()).hasSize(2).allSatisfy((container) -> {
			assertThat(container.probePaths()).containsKeys("startupProbe", "livenessProbe");
			assertThat(container.yaml()).containsKey("resources");
		});
	}

	@Test
	void everyProbePathIsServedByTheApp() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		Set<String> paths = new LinkedHashSet<>();
		containers().forEach((container) -> paths.addAll(container.probePaths().values()));
		paths.addAll(annotations("prometheus.io/path"));
		assertThat(paths).contains("/live", "/ready", "/actuator/prometheus");
		for (String path : paths) {
			client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as("GET %s", path).isIn(200, 503));
		}
	}

	@Test
	void startupAndLivenessProbesNeverDependOnADependency() {
		for (Container container : containers()) {
			assertThat(container.probePaths()).as(container.file())
				.containsEntry("startupProbe", "/live")
				.containsEntry("livenessProbe", "/live");
		}
	}

	@Test
	void cloudRunProbesAvoidThePathsItReserves() {
		containers().stream()
			.filter(Container::cloudRun)
			.flatMap((container) -> container.probePaths().values().stream())
			.forEach((path) -> assertThat(path).doesNotEndWith("z"));
	}

	@Test
	void containerPortIsThePortTheAppListensOn() {
		for (Container container : containers()) {
			int containerPort = container.ports().values().iterator().next();
			Map<String, Object> environment = new LinkedHashMap<>(container.literalEnvironment());
			if (container.cloudRun()) {
				// Cloud Run sets PORT to the container port.
				environment.put("PORT", String.valueOf(containerPort));
			}
			assertThat(serverPort(environment)).as(container.file()).isEqualTo(containerPort);
		}
		assertThat(annotations("prometheus.io/port")).containsOnly("8080");
	}

	@Test
	void probePortsNameOrNumberTheContainerPort() {
		for (Container container : containers()) {
			List<Object> namesAndNumbers = new ArrayList<>(container.ports().keySet());
			namesAndNumbers.addAll(container.ports().values());
			assertThat(container.probePorts()).as(container.file()).isNotEmpty().isSubsetOf(namesAndNumbers);
		}
	}

	@Test
	void hardeningAndSpringVariablesAreBoundProperties() {
		List<String> properties = metadataPropertyNames();
		List<String> variables = containers().stream()
			.flatMap((container) -> container.environmentNames().stream())
			.filter((name) -> name.startsWith("HARDENING_") || name.startsWith("SPRING_"))
			.toList();
		assertThat(variables).contains("HARDENING_STORAGE_SPOOL_PATH", "HARDENING_ADMIN_TOKEN",
				"SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
		assertThat(variables)
			.allSatisfy((variable) -> assertThat(boundProperty(variable, properties)).as(variable).isNotNull());
		assertThat(boundProperty("HARDENING_REASONING_VERTEX_PROJECT_ID", properties))
			.isEqualTo("hardening.reasoning.vertex.project-id");
	}

	@Test
	void aMisspelledVariableIsNotABoundProperty() {
		assertThat(boundProperty("HARDENING_STORAGE_SPOOL_PAHT", metadataPropertyNames())).isNull();
	}

	@Test
	void spoolIsOnAMountedVolume() {
		for (Container container : containers()) {
			String spool = (String) container.literalEnvironment().get("HARDENING_STORAGE_SPOOL_PATH");
			assertThat(spool).as(container.file()).isNotNull();
			assertThat(container.mountPaths()).as(container.file()).anyMatch((mount) -> spool.startsWith(mount));
		}
	}

	private static int serverPort(Map<String, Object> environment) {
		try {
			StandardEnvironment app = new StandardEnvironment();
			app.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			app.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
			app.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("container", Collections.unmodifiableMap(environment)));
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(app.getPropertySources()::addLast);
			ConfigurationPropertySources.attach(app);
			return Binder.get(app).bind("server.port", Integer.class).get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String boundProperty(String variable, List<String> properties) {
		ConfigurationPropertySource source = ConfigurationPropertySource
			.from(new SystemEnvironmentPropertySource("variable", Map.of(variable, "value")));
		return properties.stream()
			.filter((property) -> source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null)
			.findFirst()
			.orElse(null);
	}

	// Boot, Spring Cloud and the starter each ship generated metadata: a property is
	// bound
	// when one of them declares it.
	private static List<String> metadataPropertyNames() {
		JsonMapper mapper = JsonMapper.builder().build();
		List<String> names = new ArrayList<>();
		try {
			for (URL url : Collections.list(DeployKitTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream input = url.openStream()) {
					for (JsonNode property : mapper.readTree(input).path("properties")) {
						String name = property.path("name").asString();
						if (ConfigurationPropertyName.isValid(name)) {
							names.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(names).contains("hardening.storage.spool.path", "spring.lifecycle.timeout-per-shutdown-phase");
		return names;
	}

	private static List<Document> documents() {
		try (Stream<Path> files = Files.list(DEPLOY)) {
			List<Document> documents = new ArrayList<>();
			for (Path file : files.filter((path) -> path.toString().matches(".*\\.ya?ml")).sorted().toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					for (Object yaml : new Yaml().loadAll(reader)) {
						if (yaml instanceof Map<?, ?> map) {
							documents.add(new Document(file.getFileName().toString(), cast(map)));
						}
					}
				}
			}
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Container> containers() {
		List<Container> containers = new ArrayList<>();
		for (Document document : documents()) {
			boolean cloudRun = KNATIVE.equals(document.yaml().get("apiVersion"));
			for (Map<String, Object> podSpec : mapsWithKey(document.yaml(), "containers")) {
				for (Object container : (List<?>) podSpec.get("containers")) {
					containers.add(new Container(document.file(), cloudRun, cast((Map<?, ?>) container)));
				}
			}
		}
		return containers;
	}

	private static List<String> annotations(String name) {
		List<String> values = new ArrayList<>();
		for (Document document : documents()) {
			for (Map<String, Object> annotations : mapsWithKey(document.yaml(), name)) {
				values.add(String.valueOf(annotations.get(name)));
			}
		}
		return values;
	}

	private static List<Map<String, Object>> mapsWithKey(Object yaml, String key) {
		List<Map<String, Object>> found = new ArrayList<>();
		if (yaml instanceof Map<?, ?> map) {
			if (map.containsKey(key)) {
				found.add(cast(map));
			}
			map.values().forEach((value) -> found.addAll(mapsWithKey(value, key)));
		}
		else if (yaml instanceof List<?> list) {
			list.forEach((value) -> found.addAll(mapsWithKey(value, key)));
		}
		return found;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private record Document(String file, Map<String, Object> yaml) {

	}

	private record Container(String file, boolean cloudRun, Map<String, Object> yaml) {

		Map<String, String> probePaths() {
			Map<String, String> paths = new LinkedHashMap<>();
			for (String probe : PROBES) {
				if (this.yaml.get(probe) instanceof Map<?, ?> map && map.get("httpGet") instanceof Map<?, ?> get) {
					paths.put(probe, (String) get.get("path"));
				}
			}
			return paths;
		}

		List<Object> probePorts() {
			List<Object> ports = new ArrayList<>();
			for (String probe : PROBES) {
				if (this.yaml.get(probe) instanceof Map<?, ?> map && map.get("httpGet") instanceof Map<?, ?> get) {
					ports.add(get.get("port"));
				}
			}
			return ports;
		}

		Map<String, Integer> ports() {
			Map<String, Integer> ports = new LinkedHashMap<>();
			for (Object port : (List<?>) this.yaml.get("ports")) {
				Map<?, ?> map = (Map<?, ?>) port;
				ports.put(String.valueOf(map.get("name")), (Integer) map.get("containerPort"));
			}
			return ports;
		}

		List<String> environmentNames() {
			return environment().stream().map((variable) -> (String) variable.get("name")).toList();
		}

		Map<String, Object> literalEnvironment() {
			Map<String, Object> values = new LinkedHashMap<>();
			environment().stream()
				.filter((variable) -> variable.containsKey("value"))
				.forEach(
						(variable) -> values.put((String) variable.get("name"), String.valueOf(variable.get("value"))));
			return values;
		}

		List<String> mountPaths() {
			Object mounts = this.yaml.getOrDefault("volumeMounts", List.of());
			return ((List<?>) mounts).stream().map((mount) -> (String) ((Map<?, ?>) mount).get("mountPath")).toList();
		}

		private List<Map<?, ?>> environment() {
			Object environment = this.yaml.getOrDefault("env", List.of());
			return ((List<?>) environment).stream().<Map<?, ?>>map((variable) -> (Map<?, ?>) variable).toList();
		}

	}

}
