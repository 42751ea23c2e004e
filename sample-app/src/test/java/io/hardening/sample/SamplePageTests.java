package io.hardening.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page is served at {@code /}, with its script and style beside it and
 * nothing fetched from elsewhere.
 */
// A context of its own: sharing SampleApplicationTests' cached context lets the browser
// tests' contexts pause it in between, and InitTracker does not survive stop() then
// start().
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "hardening.storage.filesystem.path=target/sample-page-storage")
@AutoConfigureWebTestClient(timeout = "30s")
class SamplePageTests {

	@Autowired
	private WebTestClient client;

	@Test
	void rootServesThePage() {
		String page = body("/?query=hello", MediaType.TEXT_HTML);
		assertThat(page).contains("<label for=\"query\">", "id=\"flash-text\"", "id=\"pro-text\"", "id=\"outcome\"",
				"id=\"ready\"", "<script src=\"app.js\">", "<link rel=\"icon\" href=\"favicon.svg\"");
		assertThat(page).doesNotContain("http://", "https://");
	}

	@Test
	void scriptAndStyleAreServedBesideThePage() {
		String script = body("/app.js", MediaType.valueOf("text/javascript"));
		assertThat(script).contains("api/reasoning/query").doesNotContain("innerHTML", "http://", "https://");
		body("/app.css", MediaType.valueOf("text/css"));
	}

	// Issue 21: browsers asked for /favicon.ico and got a 404 in their console; the page
	// names its icon, served beside it.
	@Test
	void iconIsServedBesideThePage() {
		assertThat(body("/favicon.svg", MediaType.valueOf("image/svg+xml"))).startsWith("<svg");
	}

	private String body(String uri, MediaType type) {
		return this.client.get()
			.uri(uri)
			.accept(MediaType.TEXT_HTML, MediaType.ALL)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(type)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
