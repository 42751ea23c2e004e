package io.hardening.probes;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessMembershipTests {

	@Test
	void readinessStateIsAlwaysAMember() {
		ReadinessMembership membership = new ReadinessMembership(Set.of(), List::of);
		assertThat(membership.test("readinessState")).isTrue();
		assertThat(membership.test("livenessState")).isFalse();
		assertThat(membership.test("diskSpace")).isFalse();
	}

	@Test
	void includedContributorCoversItsChildren() {
		ReadinessMembership membership = new ReadinessMembership(Set.of("db"),
				() -> List.of(ReadinessMember.include("init")));
		assertThat(membership.test("db")).isTrue();
		assertThat(membership.test("init")).isTrue();
		assertThat(membership.test("init/vertexAi")).isTrue();
		assertThat(membership.test("initial")).isFalse();
	}

	@Test
	void exclusionWinsOverInclusionOfTheParent() {
		ReadinessMembership membership = new ReadinessMembership(Set.of(),
				() -> List.of(ReadinessMember.include("init"), ReadinessMember.exclude("init/optionalCache")));
		assertThat(membership.test("init/vertexAi")).isTrue();
		assertThat(membership.test("init/optionalCache")).isFalse();
		assertThat(membership.test("init/optionalCache/nested")).isFalse();
	}

	@Test
	void membersAreReadOnFirstUseThenCached() {
		int[] reads = new int[1];
		ReadinessMembership membership = new ReadinessMembership(Set.of(), () -> {
			reads[0]++;
			return List.of(ReadinessMember.include("storage"));
		});
		assertThat(reads[0]).isZero();
		assertThat(membership.test("storage")).isTrue();
		int afterFirstUse = reads[0];
		assertThat(membership.test("storage")).isTrue();
		assertThat(reads[0]).isPositive().isEqualTo(afterFirstUse);
	}

}
