package io.hardening.support;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestsTests {

	@Test
	void sha256OfUtf8TextMatchesTheKnownDigest() {
		assertThat(HexFormat.of().formatHex(Digests.sha256("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void digestsHaveOneLengthWhateverTheText() {
		assertThat(Digests.sha256("")).hasSize(32);
		assertThat(Digests.sha256("é".repeat(1000))).hasSize(32);
	}

}
