package io.hardening.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs one INFO line when the application is ready: what each feature of the starter
 * decided (provider and models, storage backend, probe paths, whether secrets are set;
 * never their values).
 */
public class StartupSummary implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupSummary.class);

	private final List<Supplier<String>> parts;

	private final List<Supplier<String>> warnings;

	/**
	 * Creates the summary.
	 * @param parts one short text per feature, computed when the application is ready;
	 * {@code null} texts are left out
	 * @param warnings settings that are likely mistakes, each logged at WARN when its
	 * text is not {@code null}
	 */
	public StartupSummary(List<Supplier<String>> parts, List<Supplier<String>> warnings) {
		this.parts = List.copyOf(parts);
		this.warnings = List.copyOf(warnings);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		logger.info("Hardening: " + line());
		warnings().forEach(logger::warn);
	}

	String line() {
		return String.join("; ", texts(this.parts));
	}

	List<String> warnings() {
		return texts(this.warnings);
	}

	private static List<String> texts(List<Supplier<String>> suppliers) {
		List<String> texts = new ArrayList<>();
		suppliers.stream().map(Supplier::get).filter(Objects::nonNull).forEach(texts::add);
		return texts;
	}

}
