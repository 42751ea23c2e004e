package io.hardening.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExperimentIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "run-1", "Exp_2.v3", "0", "v1..2" })
	void validateAcceptsPlainIds(String id) {
		assertThat(ExperimentIds.validate(id)).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "..", "../x", "%2e%2e", "a/b", "a\\b", "a\u0000b", ".hidden", "-x", "a b", "é" })
	void validateRejectsTraversalAndOddCharacters(String id) {
		assertThatExceptionOfType(InvalidExperimentException.class).isThrownBy(() -> ExperimentIds.validate(id))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo("invalid_id"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 128, 129 })
	void validateLimitsLength(int length) {
		String id = "a".repeat(length);
		assertThat(ExperimentIds.isValid(id)).isEqualTo(length <= 128);
	}

	@org.junit.jupiter.api.Test
	void validatePagingRejectsOutOfRange() {
		assertThatExceptionOfType(InvalidExperimentException.class).isThrownBy(() -> ExperimentIds.validatePaging(0, 0))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo("invalid_paging"));
		assertThatExceptionOfType(InvalidExperimentException.class)
			.isThrownBy(() -> ExperimentIds.validatePaging(1, -1));
	}

	@org.junit.jupiter.api.Test
	void validateRejectsNull() {
		assertThat(ExperimentIds.isValid(null)).isFalse();
	}

}
