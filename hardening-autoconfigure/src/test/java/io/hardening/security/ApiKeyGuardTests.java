package io.hardening.security;

import java.util.List;
import java.util.Set;

import io.hardening.security.ApiKeyVerifier.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyGuardTests {

	private static final String KEY = "the-key";

	private final ApiKeyGuard guard = new ApiKeyGuard(new ApiKeyVerifier(List.of(KEY)), "/actuator",
			Set.of("/health", "/healthz", "/live", "/ready"));

	@Test
	void pathsUnderApiNeedTheKey() {
		assertThat(this.guard.check("POST", "/api/storage/experiment", null)).isEqualTo(Verdict.MISSING);
		assertThat(this.guard.check("GET", "/api/reasoning/query", "wrong")).isEqualTo(Verdict.INVALID);
		assertThat(this.guard.check("GET", "/api", null)).isEqualTo(Verdict.MISSING);
		assertThat(this.guard.check("GET", "/api/storage/experiments", KEY)).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void probesActuatorThePageAndStaticFilesNeedNoKey() {
		for (String path : List.of("/health", "/healthz", "/live", "/ready", "/actuator/prometheus",
				"/actuator/init/vertexAi", "/", "/index.html", "/css/app.css", "/apis", "/apiary/x")) {
			assertThat(this.guard.check("GET", path, null)).as(path).isEqualTo(Verdict.GRANTED);
		}
	}

	@Test
	void encodedDoubledAndMatrixSpellingsOfApiStillNeedTheKey() {
		for (String path : List.of("/%61pi/storage/experiments", "//api/storage/experiments",
				"/api;x=y/storage/experiments", "/api/./storage", "/%2561pi")) {
			assertThat(this.guard.requiresKey(path)).as(path).isEqualTo(!path.equals("/%2561pi"));
		}
	}

	@Test
	void probesAndActuatorMappedUnderApiStayOpen() {
		ApiKeyGuard underApi = new ApiKeyGuard(new ApiKeyVerifier(List.of(KEY)), "/api/manage/", Set.of("/api/ready"));
		assertThat(underApi.check("GET", "/api/ready", null)).isEqualTo(Verdict.GRANTED);
		assertThat(underApi.check("GET", "/api/manage/prometheus", null)).isEqualTo(Verdict.GRANTED);
		assertThat(underApi.check("GET", "/api/ready/more", null)).isEqualTo(Verdict.MISSING);
		assertThat(underApi.check("GET", "/api/storage/experiments", null)).isEqualTo(Verdict.MISSING);
	}

	@Test
	void corsPreflightNeedsNoKey() {
		assertThat(this.guard.check("OPTIONS", "/api/storage/experiments", null)).isEqualTo(Verdict.GRANTED);
	}

}
