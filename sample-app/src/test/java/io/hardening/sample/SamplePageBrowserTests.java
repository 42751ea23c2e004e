package io.hardening.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opens the sample's page in a real browser, Debian's headless Chromium, and reads what
 * it shows. Skipped where Chromium is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "hardening.reasoning.provider=simulated",
				"hardening.reasoning.simulated.flash-latency=200ms", "hardening.reasoning.simulated.pro-latency=600ms",
				"hardening.reasoning.max-query-length=40", "hardening.storage.mode=filesystem" })
@EnabledIf(value = "io.hardening.sample.HeadlessChromium#isInstalled",
		disabledReason = "needs Chromium at /usr/bin/chromium (Debian package chromium)")
class SamplePageBrowserTests {

	private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

	private static final Set<String> FINISHED = Set.of("complete", "partial", "error");

	@TempDir
	static Path storage;

	@TempDir
	Path profile;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void storageInTempDir(DynamicPropertyRegistry registry) {
		registry.add("hardening.storage.filesystem.path", () -> storage.resolve("runs").toString());
		registry.add("hardening.storage.spool.path", () -> storage.resolve("spool").toString());
	}

	@Test
	void sharedLinkStreamsFlashAndProSideBySide() throws IOException {
		try (HeadlessChromium browser = HeadlessChromium.open(url("/?query=hello"), this.profile)) {
			PageState page = awaitFinished(browser);
			assertThat(page.outcome()).as(page.toString()).startsWith("complete in ");
			assertThat(page.flashText()).startsWith("This is simulated-flash, a simulated model, answering \"hello\".");
			assertThat(page.proText()).startsWith("This is simulated-pro, a simulated model, answering \"hello\".");
			assertThat(page.proText()).hasSizeGreaterThan(page.flashText().length());
			assertThat(page.flashStatus()).startsWith("done in ").endsWith("(simulated-flash)");
			assertThat(page.proStatus()).startsWith("done in ").endsWith("(simulated-pro)");
			assertThat(page.requestId()).matches("[0-9a-f]{32}");
			assertThat(page.query()).isEqualTo("hello");
			await("readiness on the page").atMost(STREAM_TIMEOUT)
				.until(() -> PageState.read(browser).ready(), "UP"::equals);
		}
	}

	@Test
	void queryRejectedBeforeStreamingShowsTheServersError() throws IOException {
		String tooLong = "x".repeat(41);
		try (HeadlessChromium browser = HeadlessChromium.open(url("/?query=" + tooLong), this.profile)) {
			PageState page = awaitFinished(browser);
			assertThat(page.outcomeState()).as(page.toString()).isEqualTo("error");
			assertThat(page.outcome()).isEqualTo("error 400: invalid_query: query must be at most 40 characters");
			assertThat(page.flashText()).isEmpty();
			assertThat(page.proText()).isEmpty();
			assertThat(page.flashStatus()).isEqualTo("not started");
			assertThat(page.requestId()).matches("[0-9a-f]{32}");
		}
	}

	@Nested
	@TestPropertySource(properties = "hardening.reasoning.simulated.pro-failure-rate=1.0")
	class WhenProFails {

		@LocalServerPort
		private int port;

		@Test
		void flashAnswersAndProShowsItsFailure(@TempDir Path profile) throws IOException {
			String url = "http://127.0.0.1:" + this.port + "/?query=hello";
			try (HeadlessChromium browser = HeadlessChromium.open(url, profile)) {
				PageState page = awaitFinished(browser);
				assertThat(page.outcomeState()).as(page.toString()).isEqualTo("partial");
				assertThat(page.outcome()).startsWith("partial in ").endsWith(" ms: one model failed");
				assertThat(page.flashText()).startsWith("This is simulated-flash");
				assertThat(page.flashStatus()).startsWith("done in ");
				assertThat(page.proText()).isEmpty();
				assertThat(page.proStatus()).startsWith("failed: model_error: ").endsWith("(simulated-pro)");
			}
		}

	}

	private String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	private PageState awaitFinished(HeadlessChromium browser) {
		try {
			return await("the page's outcome").atMost(STREAM_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> PageState.read(browser), (page) -> FINISHED.contains(page.outcomeState()));
		}
		catch (ConditionTimeoutException ex) {
			throw ServerStreamState.withServerSide(this.port, ex);
		}
	}

	/**
	 * What the page shows, read by element id, and how long ago it last read from its
	 * stream.
	 */
	record PageState(String query, String outcome, String outcomeState, String requestId, String ready,
			String flashText, String flashStatus, String proText, String proStatus, String lastReadAgo) {

		private static final String READ = """
				(() => {
					const text = (id) => document.getElementById(id)?.textContent ?? '';
					return {
						query: document.getElementById('query')?.value ?? '',
						outcome: text('outcome'),
						outcomeState: document.getElementById('outcome')?.getAttribute('data-state') ?? '',
						requestId: text('request-id'),
						ready: text('ready'),
						flashText: text('flash-text'),
						flashStatus: text('flash-status'),
						proText: text('pro-text'),
						proStatus: text('pro-status'),
						lastReadAgo: (() => {
							const last = document.getElementById('outcome')?.getAttribute('data-last-read');
							return last ? (Date.now() - Number(last)) + ' ms' : 'never';
						})()
					};
				})()
				""";

		static PageState read(HeadlessChromium browser) {
			JsonNode page = browser.evaluate(READ);
			return new PageState(page.path("query").asString(), page.path("outcome").asString(),
					page.path("outcomeState").asString(), page.path("requestId").asString(),
					page.path("ready").asString(), page.path("flashText").asString(),
					page.path("flashStatus").asString(), page.path("proText").asString(),
					page.path("proStatus").asString(), page.path("lastReadAgo").asString());
		}

	}

}
