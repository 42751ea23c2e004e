package io.hardening.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JdksTests {

	@TempDir
	Path home;

	@Test
	void aJdk25IsUsable() throws IOException {
		jdk("25.0.3");
		assertThat(Jdks.unusable(this.home)).isNull();
		assertThat(Jdks.version(this.home)).isEqualTo("25.0.3");
	}

	@Test
	void aMissingJdkIsNamed() {
		assertThat(Jdks.unusable(this.home.resolve("absent"))).startsWith("no JDK at ")
			.contains("absent")
			.contains("JAVA25_HOME");
	}

	@Test
	void anOlderJdkIsRefusedWithItsVersion() throws IOException {
		jdk("21.0.5");
		assertThat(Jdks.unusable(this.home)).contains("Java 21.0.5").contains("needs Java 25");
	}

	@Test
	void aJdkOfUnknownVersionIsRefused() throws IOException {
		jdk("21.0.5");
		Files.delete(this.home.resolve("release"));
		assertThat(Jdks.unusable(this.home)).startsWith("cannot tell the Java version");
	}

	private void jdk(String version) throws IOException {
		Files.createDirectories(this.home.resolve("bin"));
		for (String tool : new String[] { "java", "jcmd" }) {
			Path file = Files.writeString(this.home.resolve("bin").resolve(tool), "#!/bin/sh\n");
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Files.writeString(this.home.resolve("release"),
				"IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
	}

}
