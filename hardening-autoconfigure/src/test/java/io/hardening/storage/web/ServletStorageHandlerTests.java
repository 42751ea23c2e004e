package io.hardening.storage.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.hardening.storage.JsonDocuments;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

import static io.hardening.storage.TestDocuments.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ServletStorageHandlerTests {

	@TempDir
	Path root;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(2)));
	}

	private MockMvc bind(JsonDocuments documents) {
		ServletStorageHandler handler = new ServletStorageHandler(
				new FilesystemExperimentStorage(this.root.resolve("data"), documents), documents);
		return MockMvcBuilders.routerFunctions(handler.routes()).build();
	}

	private static String record(String id, String result) {
		return "{\"experiment_id\":\"" + id + "\",\"result\":" + result + ",\"metadata\":{}}";
	}

	@Test
	void postGetAndListWork() throws Exception {
		this.mvc
			.perform(post("/api/storage/experiment").contentType(MediaType.APPLICATION_JSON)
				.content(record("exp-1", "{\"a\":1}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.uri").exists());
		this.mvc.perform(get("/api/storage/experiments/exp-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.experiment_id").value("exp-1"))
			.andExpect(jsonPath("$.result.a").value(1));
		this.mvc.perform(get("/api/storage/experiments").param("limit", "5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.limit").value(5))
			.andExpect(jsonPath("$.experiments[0].experiment_id").value("exp-1"));
		this.mvc
			.perform(post("/api/storage/experiment").contentType(MediaType.APPLICATION_JSON)
				.content(record("exp-1", "{\"a\":2}")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("conflict"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "[]", "{\"experiment_id\":\"a\"}",
			"{\"experiment_id\":\"../x\",\"result\":{},\"metadata\":{}}" })
	void badBodiesAreBadRequestAndWriteNothing(String body) throws Exception {
		this.mvc.perform(post("/api/storage/experiment").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").exists());
		assertNothingWritten();
	}

	@Test
	void oversizeBodyIsPayloadTooLarge() throws Exception {
		this.mvc
			.perform(post("/api/storage/experiment").contentType(MediaType.APPLICATION_JSON)
				.content(record("big", "{\"t\":\"" + "x".repeat(3000) + "\"}")))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.code").value("payload_too_large"));
		assertNothingWritten();
	}

	@Test
	void badPagingAndIdsAndMissingRecords() throws Exception {
		this.mvc.perform(get("/api/storage/experiments").param("limit", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_paging"));
		this.mvc.perform(get("/api/storage/experiments/.hidden"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_id"));
		this.mvc.perform(get("/api/storage/experiments/nope"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not_found"));
	}

	@Test
	void numbersKeepEveryDigitThroughStoreGetAndList() throws Exception {
		store(this.mvc, DocumentCases.record("numbers", DocumentCases.NUMBERS)).andExpect(status().isOk());
		DocumentCases.assertNumbersKept(body("/api/storage/experiments/numbers"), "/result");
		DocumentCases.assertNumbersKept(body("/api/storage/experiments"), "/experiments/0/result");
	}

	@Test
	void numbersCompareAsNumbers() throws Exception {
		store(this.mvc, DocumentCases.record("one", "{\"n\":1}")).andExpect(status().isOk());
		store(this.mvc, DocumentCases.record("one", "{\"n\":1.0}")).andExpect(status().isOk());
		store(this.mvc, DocumentCases.record("one", "{\"n\":1.000000000000000000001}"))
			.andExpect(status().isConflict());
		store(this.mvc, DocumentCases.record("inf", "{\"n\":1e400}")).andExpect(status().isOk());
		store(this.mvc, DocumentCases.record("inf", "{\"n\":\"Infinity\"}")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("conflict"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"experiment_id\":\"dup1\",\"experiment_id\":\"dup2\",\"result\":{},\"metadata\":{}}",
			"{\"experiment_id\":\"dup\",\"result\":{\"x\":{\"k\":1,\"k\":2}},\"metadata\":{}}",
			"{\"experiment_id\":\"dup\",\"result\":{},\"metadata\":{\"m\":1,\"m\":1}}" })
	void duplicateKeysAreRefusedAndWriteNothing(String body) throws Exception {
		store(this.mvc, body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_body"))
			.andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("duplicate key")));
		assertNothingWritten();
	}

	@Test
	void documentsAtTheDepthLimitAreStoredAndListedAndDeeperOnesRefused() throws Exception {
		store(this.mvc, DocumentCases.record("deep", DocumentCases.nested(65))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_body"))
			.andExpect(jsonPath("$.error")
				.value(org.hamcrest.Matchers.containsString("hardening.storage.max-document-depth (64)")));
		assertNothingWritten();
		store(this.mvc, DocumentCases.record("deep", DocumentCases.nested(64))).andExpect(status().isOk());
		assertThat(DocumentCases.depth(MAPPER.readTree(body("/api/storage/experiments/deep")).get("result")))
			.isEqualTo(64);
		assertThat(DocumentCases.depth(MAPPER.readTree(body("/api/storage/experiments")).at("/experiments/0/result")))
			.isEqualTo(64);
	}

	@Test
	void documentsAtTheHighestAllowedLimitAreListedAndFetched() throws Exception {
		int limit = JsonDocuments.MAX_DEPTH_CEILING;
		MockMvc mvc = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(64), limit));
		store(mvc, DocumentCases.record("deepest", DocumentCases.nested(limit), DocumentCases.nested(limit)))
			.andExpect(status().isOk());
		store(mvc, DocumentCases.record("deeper", DocumentCases.nested(limit + 1))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error")
				.value(org.hamcrest.Matchers.containsString("hardening.storage.max-document-depth (" + limit + ")")));
		JsonNode listed = MAPPER.readTree(body(mvc, "/api/storage/experiments"));
		assertThat(DocumentCases.depth(listed.at("/experiments/0/result"))).isEqualTo(limit);
		assertThat(DocumentCases.depth(listed.at("/experiments/0/metadata"))).isEqualTo(limit);
		JsonNode fetched = MAPPER.readTree(body(mvc, "/api/storage/experiments/deepest"));
		assertThat(DocumentCases.depth(fetched.get("result"))).isEqualTo(limit);
	}

	@Test
	void aResultDeepEnoughToBreakListingsIsRefusedAndListingsStayOk() throws Exception {
		MockMvc mvc = bind(new JsonDocuments(MAPPER, DataSize.ofKilobytes(64)));
		store(mvc, DocumentCases.record("ok", "{}")).andExpect(status().isOk());
		store(mvc, DocumentCases.record("poison", DocumentCases.nested(498))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error")
				.value(org.hamcrest.Matchers.containsString("hardening.storage.max-document-depth")));
		mvc.perform(get("/api/storage/experiments")).andExpect(status().isOk());
		mvc.perform(get("/api/storage/experiments/poison")).andExpect(status().isNotFound());
	}

	@Test
	void aRecordStoredTooDeepBeforeTheLimitIsLeftOutOfListingsNamedInThePartialReason() throws Exception {
		store(this.mvc, DocumentCases.record("fine", "{}")).andExpect(status().isOk());
		DocumentCases.storedEarlier(this.root.resolve("data"), "poison", DocumentCases.nested(498));
		this.mvc.perform(get("/api/storage/experiments"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.experiments.length()").value(1))
			.andExpect(jsonPath("$.experiments[0].experiment_id").value("fine"))
			.andExpect(jsonPath("$.partial").value(true))
			.andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("poison")));
		this.mvc.perform(get("/api/storage/experiments/poison")).andExpect(status().isOk());
	}

	private static ResultActions store(MockMvc mvc, String body) throws Exception {
		return mvc.perform(post("/api/storage/experiment").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String body(String uri) throws Exception {
		return body(this.mvc, uri);
	}

	private static String body(MockMvc mvc, String uri) throws Exception {
		return mvc.perform(get(uri))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
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
