package io.hardening.admin;

import io.hardening.admin.AdminTokenVerifier.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminWriteGuardTests {

	private final AdminWriteGuard guard = new AdminWriteGuard("/actuator", new AdminTokenVerifier("s3cret"));

	@Test
	void readsAndApplicationPathsPass() {
		assertThat(this.guard.check("GET", "/actuator/init/vertexAi", null)).isEqualTo(Verdict.GRANTED);
		assertThat(this.guard.check("POST", "/api/storage/experiment", null)).isEqualTo(Verdict.GRANTED);
		assertThat(this.guard.check("POST", "/actuator", null)).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void actuatorWritesNeedTheToken() {
		assertThat(this.guard.check("POST", "/actuator/init/vertexAi", null)).isEqualTo(Verdict.MISSING);
		assertThat(this.guard.check("DELETE", "/actuator/loggers/x", "Bearer x")).isEqualTo(Verdict.WRONG);
		assertThat(this.guard.check("POST", "/actuator/init/vertexAi", "Bearer s3cret")).isEqualTo(Verdict.GRANTED);
	}

	@Test
	void otherSpellingsOfTheActuatorPathAreGuarded() {
		assertThat(this.guard.check("POST", "/%61ctuator/init/vertexAi", null)).isEqualTo(Verdict.MISSING);
		assertThat(this.guard.check("POST", "//actuator/init/vertexAi", null)).isEqualTo(Verdict.MISSING);
		assertThat(this.guard.check("POST", "/actuator;x=y/init/vertexAi", null)).isEqualTo(Verdict.MISSING);
	}

	@Test
	void actuatorAtRootGuardsTheInitEndpointOnly() {
		AdminWriteGuard rootGuard = new AdminWriteGuard("/", new AdminTokenVerifier("s3cret"));
		assertThat(rootGuard.check("POST", "/init/vertexAi", null)).isEqualTo(Verdict.MISSING);
		assertThat(rootGuard.check("POST", "/api/reasoning/query", null)).isEqualTo(Verdict.GRANTED);
	}

}
