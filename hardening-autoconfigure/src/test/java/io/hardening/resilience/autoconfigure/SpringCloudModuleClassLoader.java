package io.hardening.resilience.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * A class loader that also lists auto-configurations of a Spring Cloud module of the
 * application's own, as the module's jar would, in
 * {@code META-INF/spring/...AutoConfiguration.imports}.
 */
final class SpringCloudModuleClassLoader {

	private SpringCloudModuleClassLoader() {
	}

	static URLClassLoader listing(Path folder, String... autoConfigurations) {
		Path imports = folder.resolve("META-INF/spring/" + AutoConfiguration.class.getName() + ".imports");
		try {
			Files.createDirectories(imports.getParent());
			Files.writeString(imports, String.join("\n", autoConfigurations) + "\n");
			return new URLClassLoader(new URL[] { folder.toUri().toURL() },
					SpringCloudModuleClassLoader.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
