package io.hardening.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.security.ApiKeyVerifier.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyVerifierTests {

	private final ApiKeyVerifier verifier = new ApiKeyVerifier(List.of("key-one-0123456789", "key-two-abcdefghij"));

	@Test
	void eitherOfTwoKeysIsGranted() {
		assertThat(this.verifier.verify("key-one-0123456789")).isEqualTo(Verdict.GRANTED);
		assertThat(this.verifier.verify("key-two-abcdefghij")).isEqualTo(Verdict.GRANTED);
		assertThat(this.verifier.keyCount()).isEqualTo(2);
	}

	@Test
	void rotationDropsTheOldKeyOnceItIsRemoved() {
		ApiKeyVerifier during = new ApiKeyVerifier(List.of("old-key", "new-key"));
		ApiKeyVerifier after = new ApiKeyVerifier(List.of("new-key"));
		assertThat(during.verify("old-key")).isEqualTo(Verdict.GRANTED);
		assertThat(after.verify("old-key")).isEqualTo(Verdict.INVALID);
		assertThat(after.verify("new-key")).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void absentOrBlankHeaderIsMissing() {
		assertThat(this.verifier.verify(null)).isEqualTo(Verdict.MISSING);
		assertThat(this.verifier.verify("")).isEqualTo(Verdict.MISSING);
		assertThat(this.verifier.verify("   ")).isEqualTo(Verdict.MISSING);
	}

	@Test
	void wrongPrefixOrLongerKeyIsInvalid() {
		assertThat(this.verifier.verify("key-one")).isEqualTo(Verdict.INVALID);
		assertThat(this.verifier.verify("key-one-0123456789x")).isEqualTo(Verdict.INVALID);
		assertThat(this.verifier.verify("KEY-ONE-0123456789")).isEqualTo(Verdict.INVALID);
	}

	@Test
	void blankKeysAreIgnoredAndSurroundingWhitespaceIsRemoved() {
		List<String> keys = new ArrayList<>(Arrays.asList("", "  ", null, "mounted-secret\n"));
		ApiKeyVerifier fromFile = new ApiKeyVerifier(keys);
		assertThat(fromFile.keyCount()).isOne();
		assertThat(fromFile.verify("mounted-secret")).isEqualTo(Verdict.GRANTED);
		assertThat(fromFile.verify("")).isEqualTo(Verdict.MISSING);
	}

	@Test
	void noKeysMeansNothingIsNeeded() {
		ApiKeyVerifier none = new ApiKeyVerifier(List.of("", " "));
		assertThat(none.isEnabled()).isFalse();
		assertThat(none.verify(null)).isEqualTo(Verdict.GRANTED);
		assertThat(none.verify("anything")).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void everyKeyIsComparedAsDigestsOfOneLengthEvenAfterAMatch() {
		AtomicInteger comparisons = new AtomicInteger();
		List<Integer> lengths = new ArrayList<>();
		ApiKeyVerifier counting = new ApiKeyVerifier(List.of("first", "a-much-longer-second-key", "third"),
				(expected, presented) -> {
					comparisons.incrementAndGet();
					lengths.add(expected.length);
					lengths.add(presented.length);
					return MessageDigest.isEqual(expected, presented);
				});
		assertThat(counting.verify("first")).isEqualTo(Verdict.GRANTED);
		assertThat(comparisons).hasValue(3);
		assertThat(counting.verify("x")).isEqualTo(Verdict.INVALID);
		assertThat(comparisons).hasValue(6);
		assertThat(lengths).containsOnly(32);
	}

	@Test
	void refusalsAreJsonWithCodeAnd401() {
		assertThat(Verdict.MISSING.status()).isEqualTo(401);
		assertThat(Verdict.INVALID.status()).isEqualTo(401);
		assertThat(Verdict.MISSING.body()).startsWith("{\"error\":\"").endsWith("\"code\":\"api_key_missing\"}");
		assertThat(Verdict.INVALID.body()).endsWith("\"code\":\"api_key_invalid\"}");
		assertThat(Verdict.GRANTED.body()).isNull();
		assertThat(ApiKeyVerifier.CHALLENGE).isEqualTo("ApiKey header=\"X-API-Key\"");
	}

}
