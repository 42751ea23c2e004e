package io.hardening.admin;

import io.hardening.admin.AdminTokenVerifier.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenVerifierTests {

	private final AdminTokenVerifier verifier = new AdminTokenVerifier("s3cret");

	@Test
	void matchingBearerTokenIsGranted() {
		assertThat(this.verifier.verify("Bearer s3cret")).isEqualTo(Verdict.GRANTED);
		assertThat(this.verifier.verify("bearer s3cret")).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void missingOrNonBearerHeaderIsMissing() {
		assertThat(this.verifier.verify(null)).isEqualTo(Verdict.MISSING);
		assertThat(this.verifier.verify("")).isEqualTo(Verdict.MISSING);
		assertThat(this.verifier.verify("Bearer ")).isEqualTo(Verdict.MISSING);
		assertThat(this.verifier.verify("Basic czNjcmV0")).isEqualTo(Verdict.MISSING);
	}

	@Test
	void otherTokenIsWrong() {
		assertThat(this.verifier.verify("Bearer s3cre")).isEqualTo(Verdict.WRONG);
		assertThat(this.verifier.verify("Bearer s3cret2")).isEqualTo(Verdict.WRONG);
		assertThat(this.verifier.verify("Bearer S3CRET")).isEqualTo(Verdict.WRONG);
	}

	@Test
	void noConfiguredTokenRefusesEverything() {
		AdminTokenVerifier unconfigured = new AdminTokenVerifier(" ");
		assertThat(unconfigured.verify("Bearer ")).isEqualTo(Verdict.NOT_CONFIGURED);
		assertThat(unconfigured.verify("Bearer anything")).isEqualTo(Verdict.NOT_CONFIGURED);
		assertThat(Verdict.NOT_CONFIGURED.status()).isEqualTo(403);
		assertThat(Verdict.NOT_CONFIGURED.body()).contains("HARDENING_ADMIN_TOKEN");
	}

	@Test
	void onlyAMissingTokenIsChallenged() {
		assertThat(Verdict.MISSING.refusal().status()).isEqualTo(401);
		assertThat(Verdict.MISSING.refusal().challenge()).isEqualTo("Bearer");
		assertThat(Verdict.WRONG.refusal().challenge()).isNull();
		assertThat(Verdict.NOT_CONFIGURED.refusal().challenge()).isNull();
		assertThat(Verdict.GRANTED.refusal()).isNull();
	}

	@Test
	void refusalBodiesNeverContainTheToken() {
		for (Verdict verdict : Verdict.values()) {
			if (verdict != Verdict.GRANTED) {
				assertThat(verdict.body()).doesNotContain("s3cret").startsWith("{\"error\":");
			}
		}
	}

}
