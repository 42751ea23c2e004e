package io.hardening.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The metrics contract of docs/metrics.md, checked against the sample app after real
 * traffic: an init failure and its retry, a storage store and list, a stream, a refused
 * stream. Every documented series is scraped with its documented tags, every
 * {@code hardening_*} series scraped is documented, and promtool finds nothing wrong with
 * ours.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "hardening.reasoning.provider=simulated",
				"hardening.reasoning.simulated.flash-latency=50ms", "hardening.reasoning.simulated.pro-latency=2s",
				"hardening.reasoning.simulated.init-failures=1", "hardening.init.retry.initial-interval=100ms",
				"hardening.init.retry.max-interval=200ms", "hardening.reasoning.max-concurrent-streams=1" })
class SampleMetricsContractTests {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

	@TempDir
	static Path storage;

	@LocalServerPort
	private int port;

	private static String scrape;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> storage.toString());
	}

	@BeforeAll
	static void resetScrape() {
		scrape = null;
	}

	@Test
	void everyDocumentedSeriesIsScrapedWithItsTags() {
		Map<String, Set<String>> scraped = labelsBySeries(scrapeAfterTraffic());
		DocumentedMetrics documented = DocumentedMetrics.read();
		assertThat(documented.series()).hasSizeGreaterThan(20);
		assertThat(scraped).containsKeys(documented.series().toArray(String[]::new));
		for (String series : documented.series()) {
			assertThat(scraped.get(series)).as("labels of %s", series).containsAll(documented.tagsOf(series));
		}
	}

	@Test
	void everyScrapedHardeningSeriesIsDocumented() {
		Set<String> documented = DocumentedMetrics.read().series();
		assertThat(labelsBySeries(scrapeAfterTraffic()).keySet()).filteredOn((name) -> name.startsWith("hardening_"))
			.allSatisfy((name) -> assertThat(documented).as("docs/metrics.md").contains(name));
	}

	@Test
	void trafficShowsInTheValues() {
		String scrape = scrapeAfterTraffic();
		assertThat(value(scrape, "hardening_init_attempts_total{component=\"vertexAi\",outcome=\"failure\"}"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(scrape, "hardening_init_attempts_total{component=\"vertexAi\",outcome=\"success\"}"))
			.isEqualTo(1);
		assertThat(value(scrape, "hardening_init_ready{component=\"vertexAi\"}")).isEqualTo(1);
		assertThat(value(scrape,
				"hardening_storage_operations_seconds_count{backend=\"filesystem\",operation=\"store\",outcome=\"success\"}"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(scrape,
				"hardening_storage_operations_seconds_count{backend=\"filesystem\",operation=\"list\",outcome=\"success\"}"))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(scrape, "hardening_reasoning_streams_total{outcome=\"complete\"}")).isEqualTo(1);
		assertThat(value(scrape, "hardening_reasoning_streams_total{outcome=\"rejected\"}")).isEqualTo(1);
		assertThat(value(scrape, "hardening_reasoning_streams_max")).isEqualTo(1);
		assertThat(value(scrape, "hardening_reasoning_first_token_seconds_bucket{model=\"flash\",le=\"+Inf\"}"))
			.isEqualTo(1);
		// The simulator reports usage on its last chunk: the completed stream's tokens.
		assertThat(value(scrape, "hardening_reasoning_tokens_total{model=\"flash\",type=\"output\"}")).isGreaterThan(0);
		assertThat(value(scrape, "hardening_reasoning_tokens_total{model=\"pro\",type=\"thinking\"}")).isGreaterThan(0);
		assertThat(value(scrape, "hardening_reasoning_model_retries_total{model=\"flash\",reason=\"rate_limited\"}"))
			.isZero();
	}

	@Test
	void promtoolFindsNoProblemWithTheStartersSeries() {
		assumeTrue(Promtool.isInstalled(), "promtool is not installed (Debian package prometheus)");
		Promtool.Result result = Promtool.run(scrapeAfterTraffic(), "check", "metrics");
		// Spring's own series lack help texts and use abbreviated units: not ours to fix.
		assertThat(result.lines()).as(result.output())
			.noneMatch((line) -> line.startsWith("hardening_") || line.contains("error while linting"));
	}

	private synchronized String scrapeAfterTraffic() {
		if (scrape == null) {
			driveTraffic();
			scrape = client().get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
		}
		return scrape;
	}

	private void driveTraffic() {
		WebTestClient client = client();
		// The first init attempt fails (init-failures=1); the retry succeeds.
		// Polled without expectStatus: a failed WebTestClient assertion logs at ERROR.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> client.get().uri("/ready").exchange().returnResult(Void.class).getStatus().value() == 200);
		client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"experiment_id\":\"metrics-1\",\"result\":{\"ok\":true},\"metadata\":{}}")
			.exchange()
			.expectStatus()
			.isOk();
		client.get().uri("/api/storage/experiments?limit=10").exchange().expectStatus().isOk();
		List<String> events = new CopyOnWriteArrayList<>();
		Disposable stream = WebClient.create(baseUrl())
			.post()
			.uri("/api/reasoning/query")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "Why is the sky blue?"))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.subscribe((event) -> events.add(String.valueOf(event.event())));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("start"));
			// max-concurrent-streams=1 and Pro takes 2s: a second stream is refused now.
			client.post()
				.uri("/api/reasoning/query")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"query\":\"And the sunset?\"}")
				.exchange()
				.expectStatus()
				.isEqualTo(429);
			await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("complete"));
		}
		finally {
			stream.dispose();
		}
		// The run record is saved after the stream ends; the scrape must see it settle.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()
				.contains("hardening_reasoning_streams_active 0"));
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	private static Map<String, Set<String>> labelsBySeries(String scrape) {
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		for (String line : scrape.lines().toList()) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.find()) {
				continue;
			}
			Set<String> names = labels.computeIfAbsent(sample.group(1), (name) -> new LinkedHashSet<>());
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					names.add(label.group(1));
				}
			}
		}
		return labels;
	}

	private static double value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).strip()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No series " + series + " in\n" + scrape));
	}

}
