package io.hardening.storage.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.ReactiveExperimentStorage;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

class StorageHandlerTests {

	@TempDir
	Path root;

	private WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(2)));
	}

	private WebTestClient bind(JsonDocuments documents) {
		ReactiveExperimentStorage storage = new ReactiveExperimentStorage(
				new FilesystemExperimentStorage(this.root.resolve("data"), documents));
		return WebTestClient.bindToRouterFunction(StorageRoutes.create(new StorageHandler(storage, documents))).build();
	}

	private WebTestClient.ResponseSpec post(String body) {
		return post(this.client, body);
	}

	private static WebTestClient.ResponseSpec post(WebTestClient client, String body) {
		return client.post()
			.uri("/api/storage/experiment")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static String record(String id, String result) {
		return "{\"experiment_id\":\"" + id + "\",\"result\":" + result + ",\"metadata\":{\"model\":\"m\"}}";
	}

	@Test
	void postStoresAndAnswersUri() {
		post(record("exp-1", "{\"score\":1}")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.uri")
			.value((uri) -> assertThat(uri.toString()).startsWith("file:///").endsWith("/exp-1/record.json"));
		this.client.get()
			.uri("/api/storage/experiments/exp-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.experiment_id")
			.isEqualTo("exp-1")
			.jsonPath("$.result.score")
			.isEqualTo(1)
			.jsonPath("$.metadata.model")
			.isEqualTo("m")
			.jsonPath("$.uri")
			.exists();
	}

	@Test
	void postSameAgainIsOkAndDifferentIsConflict() {
		post(record("exp-1", "{\"a\":1}")).expectStatus().isOk();
		post(record("exp-1", "{\"a\":1}")).expectStatus().isOk();
		post(record("exp-1", "{\"a\":2}")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("conflict");
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "../x", "%2e%2e", "a/b", "a\\\\b", "a\\u0000b", "", ".hidden" })
	void postWithBadIdIsBadRequestAndWritesNothing(String id) throws IOException {
		post(record(id, "{}")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_id")
			.jsonPath("$.error")
			.exists();
		assertNothingWritten();
	}

	@Test
	void postWithTooLongIdIsBadRequest() throws IOException {
		post(record("a".repeat(129), "{}")).expectStatus().isBadRequest();
		assertNothingWritten();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "", "[]", "\"text\"", "{\"experiment_id\":\"a\"}",
			"{\"experiment_id\":\"a\",\"result\":{}}", "{\"experiment_id\":\"a\",\"result\":[],\"metadata\":{}}",
			"{\"experiment_id\":1,\"result\":{},\"metadata\":{}}", "{\"result\":{},\"metadata\":{}}" })
	void postWithMalformedBodyIsBadRequestAndWritesNothing(String body) throws IOException {
		post(body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_body")
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).doesNotContain("Exception").doesNotContain("at "));
		assertNothingWritten();
	}

	@Test
	void postOverSizeLimitIsPayloadTooLargeAndWritesNothing() throws IOException {
		post(record("big", "{\"text\":\"" + "x".repeat(3000) + "\"}")).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payload_too_large");
		assertNothingWritten();
	}

	@Test
	void listIsNewestFirstWithPaging() {
		for (int i = 1; i <= 3; i++) {
			post(record("exp-" + i, "{\"i\":" + i + "}")).expectStatus().isOk();
		}
		this.client.get()
			.uri("/api/storage/experiments?limit=2&offset=0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.limit")
			.isEqualTo(2)
			.jsonPath("$.offset")
			.isEqualTo(0)
			.jsonPath("$.experiments.length()")
			.isEqualTo(2)
			.jsonPath("$.experiments[0].experiment_id")
			.exists()
			.jsonPath("$.experiments[0].result")
			.exists();
		this.client.get()
			.uri("/api/storage/experiments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.limit")
			.isEqualTo(100)
			.jsonPath("$.experiments.length()")
			.isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=1001", "limit=-1", "offset=-1", "limit=abc", "offset=1.5",
			"limit=99999999999" })
	void listWithBadPagingIsBadRequest(String query) {
		this.client.get()
			.uri("/api/storage/experiments?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_paging");
	}

	@Test
	void getWithTooLongIdIsBadRequest() {
		this.client.get()
			.uri("/api/storage/experiments/" + "a".repeat(129))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_id");
	}

	@Test
	void getUnknownIsNotFound() {
		this.client.get()
			.uri("/api/storage/experiments/nope")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/storage/experiments/%2e%2e", "/api/storage/experiments/a/b",
			"/api/storage/experiments/..%2Fx", "/api/storage/experiments/a%5Cb", "/api/storage/experiments/a%00b",
			"/api/storage/experiments/.hidden", "/api/storage/experiments/..", "/api/storage/experiments/a%2Fb",
			"/api/storage/experiments/" })
	void getWithBadIdIsBadRequest(String path) {
		this.client.get()
			.uri(java.net.URI.create(path))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_id");
	}

	@Test
	void numbersKeepEveryDigitThroughStoreGetAndList() {
		post(DocumentCases.record("numbers", DocumentCases.NUMBERS)).expectStatus().isOk();
		DocumentCases.assertNumbersKept(body(get("/api/storage/experiments/numbers")), "/result");
		DocumentCases.assertNumbersKept(body(get("/api/storage/experiments")), "/experiments/0/result");
	}

	@Test
	void numbersCompareAsNumbers() {
		post(DocumentCases.record("one", "{\"n\":1}")).expectStatus().isOk();
		post(DocumentCases.record("one", "{\"n\":1.0}")).expectStatus().isOk();
		post(DocumentCases.record("one", "{\"n\":1.000000000000000000001}")).expectStatus().isEqualTo(409);
		post(DocumentCases.record("inf", "{\"n\":1e400}")).expectStatus().isOk();
		post(DocumentCases.record("inf", "{\"n\":1e400}")).expectStatus().isOk();
		post(DocumentCases.record("inf", "{\"n\":\"Infinity\"}")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("conflict");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"experiment_id\":\"dup1\",\"experiment_id\":\"dup2\",\"result\":{},\"metadata\":{}}",
			"{\"experiment_id\":\"dup\",\"result\":{\"x\":{\"k\":1,\"k\":2}},\"metadata\":{}}",
			"{\"experiment_id\":\"dup\",\"result\":{},\"metadata\":{\"m\":1,\"m\":1}}",
			"{\"experiment_id\":\"dup\",\"result\":{\"l\":[{\"k\":1,\"k\":2}]},\"metadata\":{}}" })
	void duplicateKeysAreRefusedAndWriteNothing(String body) throws IOException {
		post(body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_body")
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).contains("duplicate key"));
		assertNothingWritten();
	}

	@Test
	void documentsAtTheDepthLimitAreStoredAndListedAndDeeperOnesRefused() throws IOException {
		post(DocumentCases.record("deep", "{}", DocumentCases.nested(65))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_body")
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).contains("metadata")
				.contains("hardening.storage.max-document-depth (64)"));
		assertNothingWritten();
		post(DocumentCases.record("deep", DocumentCases.nested(64))).expectStatus().isOk();
		assertThat(DocumentCases.depth(MAPPER.readTree(body(get("/api/storage/experiments/deep"))).get("result")))
			.isEqualTo(64);
		assertThat(
				DocumentCases.depth(MAPPER.readTree(body(get("/api/storage/experiments"))).at("/experiments/0/result")))
			.isEqualTo(64);
	}

	@Test
	void documentsAtTheHighestAllowedLimitAreListedAndFetched() {
		int limit = JsonDocuments.MAX_DEPTH_CEILING;
		WebTestClient client = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(64), limit));
		post(client, DocumentCases.record("deepest", DocumentCases.nested(limit), DocumentCases.nested(limit)))
			.expectStatus()
			.isOk();
		post(client, DocumentCases.record("deeper", DocumentCases.nested(limit + 1))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString())
				.contains("hardening.storage.max-document-depth (" + limit + ")"));
		JsonNode listed = MAPPER.readTree(body(client.get().uri("/api/storage/experiments").exchange()));
		assertThat(DocumentCases.depth(listed.at("/experiments/0/result"))).isEqualTo(limit);
		assertThat(DocumentCases.depth(listed.at("/experiments/0/metadata"))).isEqualTo(limit);
		JsonNode fetched = MAPPER.readTree(body(client.get().uri("/api/storage/experiments/deepest").exchange()));
		assertThat(DocumentCases.depth(fetched.get("result"))).isEqualTo(limit);
	}

	@Test
	void aResultDeepEnoughToBreakListingsIsRefusedAndListingsStayOk() throws IOException {
		WebTestClient client = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(64)));
		post(client, DocumentCases.record("ok", "{}")).expectStatus().isOk();
		post(client, DocumentCases.record("poison", DocumentCases.nested(498))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).contains("hardening.storage.max-document-depth"));
		client.get().uri("/api/storage/experiments").exchange().expectStatus().isOk();
		client.get().uri("/api/storage/experiments/poison").exchange().expectStatus().isNotFound();
	}

	@Test
	void aRecordStoredTooDeepBeforeTheLimitIsLeftOutOfListingsNamedInThePartialReason() throws IOException {
		post(DocumentCases.record("fine", "{}")).expectStatus().isOk();
		DocumentCases.storedEarlier(this.root.resolve("data"), "poison", DocumentCases.nested(498));
		this.client.get()
			.uri("/api/storage/experiments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.experiments.length()")
			.isEqualTo(1)
			.jsonPath("$.experiments[0].experiment_id")
			.isEqualTo("fine")
			.jsonPath("$.partial")
			.isEqualTo(true)
			.jsonPath("$.reason")
			.value((reason) -> assertThat(reason.toString()).contains("poison")
				.contains("hardening.storage.max-document-depth"));
		this.client.get().uri("/api/storage/experiments/poison").exchange().expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	private static String body(WebTestClient.ResponseSpec response) {
		return new String(response.expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(),
				StandardCharsets.UTF_8);
	}

	private void assertNothingWritten() throws IOException {
		Path data = this.root.resolve("data");
		if (Files.exists(data)) {
			try (Stream<Path> files = Files.list(data)) {
				assertThat(files).isEmpty();
			}
		}
	}

}
