package io.hardening.sample;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample page renders each answer's Markdown as it streams, shows each model's finish
 * reason and token usage, and never lets what a model writes become live HTML: in
 * Debian's headless Chromium. The simulated models quote the query in their answers, so a
 * query is what the answer contains.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "hardening.reasoning.provider=simulated",
				"hardening.reasoning.simulated.flash-latency=3s", "hardening.reasoning.simulated.pro-latency=300ms",
				"hardening.storage.mode=filesystem" })
@EnabledIf(value = "io.hardening.sample.HeadlessChromium#isInstalled",
		disabledReason = "needs Chromium at /usr/bin/chromium (Debian package chromium)")
class SamplePageMarkdownBrowserTests {

	private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

	private static final String READ = """
			(() => {
				const text = (id) => document.getElementById(id)?.textContent ?? '';
				const flash = document.getElementById('flash-text');
				const pro = document.getElementById('pro-text');
				if (!flash || !pro) {
					return { outcome: '' };
				}
				return {
					outcome: document.getElementById('outcome')?.getAttribute('data-state') ?? '',
					flashStatus: text('flash-status'),
					flashFinish: text('flash-finish'),
					flashUsage: text('flash-usage'),
					proUsage: text('pro-usage'),
					flashText: flash.textContent,
					heading: flash.querySelector('h3')?.textContent ?? '',
					items: Array.from(flash.querySelectorAll('ul > li')).map((li) => li.textContent),
					code: flash.querySelector('pre > code')?.textContent ?? '',
					strong: flash.querySelector('strong')?.textContent ?? '',
					liveHtml: flash.querySelectorAll('img, script, iframe, [onerror]').length
						+ pro.querySelectorAll('img, script, iframe, [onerror]').length,
					pwned: (typeof window.pwned === 'undefined') ? '' : String(window.pwned),
					lastReadAgo: (() => {
						const last = document.getElementById('outcome')?.getAttribute('data-last-read');
						return last ? (Date.now() - Number(last)) + ' ms' : 'never';
					})()
				};
			})()
			""";

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
	void answerIsRenderedAsMarkdownWhileItStreamsThenShowsFinishReasonAndUsage() throws IOException {
		String query = "x\n# Title\n- one\n- **two**\n```\nlet a = 1;\n```\nend";
		try (HeadlessChromium browser = HeadlessChromium.open(url(query), this.profile)) {
			JsonNode streaming = await("a heading while flash streams").atMost(STREAM_TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> browser.evaluate(READ), (page) -> page.path("heading").asString().equals("Title"));
			assertThat(streaming.path("flashStatus").asString()).as(streaming.toString()).isEqualTo("streaming");
			JsonNode page = awaitFinished(browser);
			assertThat(page.path("outcome").asString()).as(page.toString()).isEqualTo("complete");
			assertThat(page.path("heading").asString()).isEqualTo("Title");
			assertThat(page.path("items").valueStream().map(JsonNode::asString)).containsExactly("one", "two");
			assertThat(page.path("strong").asString()).isEqualTo("two");
			assertThat(page.path("code").asString()).isEqualTo("let a = 1;");
			assertThat(page.path("flashText").asString()).doesNotContain("```", "# Title", "**");
			assertThat(page.path("flashFinish").asString()).isEqualTo("stop");
			assertThat(page.path("flashUsage").asString())
				.matches("\\d+ prompt, \\d+ output, \\d+ thinking, 0 cached, \\d+ total");
			assertThat(page.path("proUsage").asString()).endsWith(" total");
		}
	}

	@Test
	void scriptAndImgOnerrorInAnAnswerNeverBecomeLiveHtml() throws IOException {
		String query = "x\n# <img src=x onerror=window.pwned=1>\n**<script>window.pwned=2</script>**";
		try (HeadlessChromium browser = HeadlessChromium.open(url(query), this.profile)) {
			JsonNode page = awaitFinished(browser);
			assertThat(page.path("outcome").asString()).as(page.toString()).isEqualTo("complete");
			assertThat(page.path("liveHtml").asInt()).isZero();
			assertThat(page.path("pwned").asString()).isEmpty();
			assertThat(page.path("heading").asString()).isEqualTo("<img src=x onerror=window.pwned=1>");
			assertThat(page.path("strong").asString()).isEqualTo("<script>window.pwned=2</script>");
		}
	}

	@Test
	void maxTokensAnswerSaysItWasCut() throws IOException {
		try (HeadlessChromium browser = HeadlessChromium.open(url("long [simulate:max_tokens]"), this.profile)) {
			JsonNode page = awaitFinished(browser);
			assertThat(page.path("flashFinish").asString()).as(page.toString())
				.isEqualTo("max_tokens: cut at the output token limit");
		}
	}

	private String url(String query) {
		return "http://127.0.0.1:" + this.port + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
	}

	private JsonNode awaitFinished(HeadlessChromium browser) {
		try {
			return await("the page's outcome").atMost(STREAM_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> browser.evaluate(READ), (page) -> !page.path("outcome").asString().equals("running")
						&& !page.path("outcome").asString().isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			throw ServerStreamState.withServerSide(this.port, ex);
		}
	}

}
