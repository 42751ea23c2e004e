package io.hardening.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPathsTests {

	@Test
	void normalizeDecodesDropsMatrixParametersAndRepeatedSlashes() {
		assertThat(RequestPaths.normalize("/%61pi/x")).isEqualTo("/api/x");
		assertThat(RequestPaths.normalize("//api///x")).isEqualTo("/api/x");
		assertThat(RequestPaths.normalize("/api;jsessionid=1/x;y=2")).isEqualTo("/api/x");
		assertThat(RequestPaths.normalize("/a+b")).isEqualTo("/a+b");
		assertThat(RequestPaths.normalize("/bad%zz")).isEqualTo("/bad%zz");
	}

	@Test
	void isUnderMatchesThePrefixAndItsChildrenOnly() {
		assertThat(RequestPaths.isUnder("/api", "/api")).isTrue();
		assertThat(RequestPaths.isUnder("/api/x", "/api")).isTrue();
		assertThat(RequestPaths.isUnder("/apis", "/api")).isFalse();
	}

}
