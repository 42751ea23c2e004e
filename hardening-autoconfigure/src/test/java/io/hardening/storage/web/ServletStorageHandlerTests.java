package io.hardening.storage.web;

import java.io.IOException;
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

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
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
		JsonDocuments documents = new JsonDocuments(MAPPER, DataSize.ofKilobytes(2));
		ServletStorageHandler handler = new ServletStorageHandler(
				new FilesystemExperimentStorage(this.root.resolve("data"), documents), documents);
		this.mvc = MockMvcBuilders.routerFunctions(handler.routes()).build();
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

	private void assertNothingWritten() throws IOException {
		Path data = this.root.resolve("data");
		if (Files.exists(data)) {
			try (Stream<Path> files = Files.list(data)) {
				assertThat(files).isEmpty();
			}
		}
	}

}
