package io.hardening.reasoning.gemini;

import java.time.Duration;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiErrors} with Google's error bodies as Google sends them.
 */
class GeminiErrorsTests {

	private static final JsonMapper mapper = JsonMapper.shared();

	@Test
	void rateLimitWithRetryInfoIsRetryableAfterTheHintedDelay() {
		ModelException error = map(429, GoogleAnswers.rateLimited("57.238747106s"), null);
		assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(error.getRetryDelay()).isEqualTo(Duration.ofSeconds(57, 238_747_106));
		assertThat(error.isDailyQuota()).isFalse();
		assertThat(error.isRetryable()).isTrue();
		assertThat(error.getMessage()).contains("Rate limit or quota exceeded for model 'gemini-test'")
			.contains("429 RESOURCE_EXHAUSTED")
			.contains("You exceeded your current quota");
	}

	@Test
	void wholeSecondsRetryDelayIsRead() {
		assertThat(map(429, GoogleAnswers.rateLimited("30s"), null).getRetryDelay()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void dailyQuotaIsNotRetryableAndIsNamed() {
		ModelException error = map(429, GoogleAnswers.dailyQuota(), null);
		assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(error.isDailyQuota()).isTrue();
		assertThat(error.isRetryable()).isFalse();
		assertThat(error.getMessage())
			.contains("Daily quota GenerateRequestsPerDayPerProjectPerModel-FreeTier exceeded for model 'gemini-test'");
	}

	@Test
	void vertexArrayFormIsRead() {
		ModelException error = map(429, GoogleAnswers.vertexRateLimitedArray(), null);
		assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(error.isRetryable()).isTrue();
		assertThat(error.getRetryDelay()).isNull();
		assertThat(error.getMessage()).contains("Resource exhausted. Please try again later.");
	}

	@Test
	void modelCapacityExhaustedReasonIsInTheMessage() {
		ModelException error = map(429, GoogleAnswers.capacityExhausted("gemini-2.5-pro"), null);
		assertThat(error.getKind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(error.isRetryable()).isTrue();
		assertThat(error.getMessage()).contains("RESOURCE_EXHAUSTED MODEL_CAPACITY_EXHAUSTED")
			.contains("No capacity available for model gemini-2.5-pro");
	}

	@Test
	void overloadedAndInternalAreRetryableUnavailability() {
		for (String body : new String[] { GoogleAnswers.overloaded(), GoogleAnswers.internal() }) {
			int status = body.contains("503") ? 503 : 500;
			ModelException error = map(status, body, null);
			assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
			assertThat(error.isRetryable()).isTrue();
		}
	}

	@Test
	void errorInsideAStreamedFrameTakesItsCodeFromTheBody() {
		ModelException error = map(0, GoogleAnswers.overloaded(), null);
		assertThat(error.getKind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(error.getMessage()).contains("503 UNAVAILABLE").contains("The model is overloaded");
	}

	@Test
	void retryAfterHeaderIsTheHintWhenThereIsNoRetryInfo() {
		assertThat(map(503, GoogleAnswers.overloaded(), "2").getRetryDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(map(429, GoogleAnswers.rateLimited("0.3s"), "9").getRetryDelay()).isEqualTo(Duration.ofMillis(300));
		assertThat(map(503, GoogleAnswers.overloaded(), "soon").getRetryDelay()).isNull();
	}

	@Test
	void badRequestIsNotRetryable() {
		ModelException error = map(400,
				"{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}", null);
		assertThat(error.getKind()).isEqualTo(Kind.BAD_REQUEST);
		assertThat(error.isRetryable()).isFalse();
	}

	private static ModelException map(int status, String body, String retryAfter) {
		return GeminiErrors.toException("gemini-test", "on the Gemini Developer API", status, body, retryAfter, mapper);
	}

}
