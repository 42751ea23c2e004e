package io.hardening.requestid;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void acceptableIdsAreKeptAndOthersReplaced() {
		assertThat(RequestIds.accept("req-42.a_B")).isEqualTo("req-42.a_B");
		assertThat(RequestIds.accept("x".repeat(64))).isEqualTo("x".repeat(64));
		assertThat(RequestIds.accept("x".repeat(65))).isNotEqualTo("x".repeat(65)).hasSize(36);
		assertThat(RequestIds.accept("bad id\r\nX-Injected: 1")).doesNotContain("bad").hasSize(36);
		assertThat(RequestIds.accept(null)).hasSize(36);
	}

	@Test
	void generatedIdsAreDistinctVersionFourUuids() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestIds.generate();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}
