package io.hardening.autoconfigure.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrozenSwitchesTests {

	@Test
	void sameValuesAsTheBuildStart() {
		MockEnvironment build = new MockEnvironment().withProperty("hardening.reasoning.provider", "simulated");
		MockEnvironment run = new MockEnvironment().withProperty("hardening.reasoning.provider", "simulated");
		assertThatNoException().isThrownBy(() -> FrozenSwitches.check(run, built(build)));
	}

	@Test
	void apiKeysSetAtRunTimeWhenTheBuildHadNoneRefuseToStart() {
		// The build without keys has no API-key guard: starting with keys would leave
		// /api/** open.
		MockEnvironment build = new MockEnvironment().withProperty("hardening.security.api-keys", "");
		MockEnvironment run = new MockEnvironment().withProperty("hardening.security.api-keys", "s3cret-key");
		FrozenSwitchException failure = catchThrowableOfType(FrozenSwitchException.class,
				() -> FrozenSwitches.check(run, built(build)));
		assertThat(failure.getDiffering()).containsExactly("hardening.security.api-keys (built unset, now set)");
		FailureAnalysis analysis = new FrozenSwitchFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("Spring AOT")
			.contains("hardening.security.api-keys (built unset, now set)");
		assertThat(failure.getMessage() + analysis.getDescription() + analysis.getAction())
			.doesNotContain("s3cret-key");
	}

	@Test
	void anotherProviderOrStorageModeRefusesToStart() {
		MockEnvironment build = new MockEnvironment().withProperty("hardening.reasoning.provider", "simulated");
		MockEnvironment run = new MockEnvironment().withProperty("hardening.reasoning.provider", "vertex")
			.withProperty("hardening.storage.mode", "gcs");
		FrozenSwitchException failure = catchThrowableOfType(FrozenSwitchException.class,
				() -> FrozenSwitches.check(run, built(build)));
		assertThat(failure.getDiffering()).containsExactly("hardening.reasoning.provider (built simulated, now vertex)",
				"hardening.storage.mode (built auto, now gcs)");
	}

	@Test
	void aSwitchTurnedOffAtRunTimeRefusesToStart() {
		MockEnvironment run = new MockEnvironment().withProperty("hardening.admin.enabled", "false");
		FrozenSwitchException failure = catchThrowableOfType(FrozenSwitchException.class,
				() -> FrozenSwitches.check(run, built(new MockEnvironment())));
		assertThat(failure.getDiffering()).containsExactly("hardening.admin.enabled (built true, now false)");
	}

	@Test
	void valuesThatOnlyConfigureABeanOrSpellTheSameDecisionDoNotMatter() {
		MockEnvironment build = new MockEnvironment().withProperty("hardening.reasoning.provider", "gemini-api")
			.withProperty("hardening.storage.gcs.bucket", "bucket-a")
			.withProperty("hardening.reasoning.timeout", "120s");
		MockEnvironment run = new MockEnvironment().withProperty("hardening.reasoning.provider", "GEMINI_API")
			.withProperty("hardening.storage.gcs.bucket", "bucket-b")
			.withProperty("hardening.reasoning.timeout", "30s");
		assertThatNoException().isThrownBy(() -> FrozenSwitches.check(run, built(build)));
	}

	@Test
	void generatedCodeRecordsDecisionsNeverTheSecrets() {
		MockEnvironment build = new MockEnvironment().withProperty("hardening.security.api-keys", "s3cret-key")
			.withProperty("hardening.storage.gcs.bucket", "private-bucket");
		String code = FrozenSwitchesAotProcessor.checkCall(FrozenSwitches.decisions(build)).toString();
		assertThat(code).startsWith("io.hardening.autoconfigure.aot.FrozenSwitches.check(environment, ")
			.contains("\"hardening.security.api-keys\", \"set\"")
			.contains("\"hardening.storage.gcs.bucket\", \"set\"")
			.doesNotContain("s3cret-key")
			.doesNotContain("private-bucket");
	}

	@Test
	void everyPropertyConditionOfTheStarterIsRecorded() throws IOException {
		// A new @ConditionalOn(Boolean)Property on a hardening.* or management.* switch
		// must be
		// added to FrozenSwitches, or Spring AOT would freeze it without the start-up
		// check.
		Pattern condition = Pattern.compile("@ConditionalOn(?:Boolean)?Property\\(name = \"([^\"]+)\"");
		Set<String> named = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = condition.matcher(Files.readString(source));
				while (matcher.find()) {
					named.add(matcher.group(1));
				}
			}
		}
		assertThat(named).filteredOn((name) -> !name.startsWith("spring.cloud."))
			.hasSizeGreaterThan(10)
			.allSatisfy((name) -> assertThat(FrozenSwitches.decisions(new MockEnvironment())).containsKey(name));
	}

	private static String[] built(MockEnvironment build) {
		List<String> pairs = new ArrayList<>();
		for (Map.Entry<String, String> entry : FrozenSwitches.decisions(build).entrySet()) {
			pairs.add(entry.getKey());
			pairs.add(entry.getValue());
		}
		return pairs.toArray(String[]::new);
	}

}
