package io.hardening.reasoning.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EventData}.
 */
class EventDataTests {

	@Test
	void jsonHasTheKeysInTheOrderGivenNullsIncluded() {
		Map<String, Object> data = EventData.of("flash_response", "a", "pro_response", null, "duration_ms", 12L,
				"partial", true);
		assertThat(JsonMapper.shared().writeValueAsString(data))
			.isEqualTo("{\"flash_response\":\"a\",\"pro_response\":null,\"duration_ms\":12,\"partial\":true}");
	}

	@Test
	void readsLikeAnyMap() {
		Map<String, Object> data = EventData.of("error", "boom", "code", "timeout", "model", "m");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("error", "boom");
		expected.put("code", "timeout");
		expected.put("model", "m");
		assertThat(data).isEqualTo(expected).hasSameHashCodeAs(expected).containsEntry("code", "timeout");
		assertThat(data.get("missing")).isNull();
		assertThat(data.containsKey("model")).isTrue();
		assertThat(data.containsKey("missing")).isFalse();
		assertThat(data).hasSize(3);
	}

	@Test
	void isReadOnly() {
		Map<String, Object> data = EventData.of("error", "boom", "code", "timeout");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> data.put("code", "other"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> data.entrySet().iterator().next().setValue("x"));
	}

}
