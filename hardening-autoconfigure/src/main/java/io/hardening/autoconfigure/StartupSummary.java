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

	/**
	 * Creates the summary.
	 * @param parts one short text per feature, computed when the application is ready;
	 * {@code null} texts are left out
	 */
	public StartupSummary(List<Supplier<String>> parts) {
		this.parts = List.copyOf(parts);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		logger.info("Hardening: " + line());
	}

	String line() {
		List<String> texts = new ArrayList<>();
		this.parts.stream().map(Supplier::get).filter(Objects::nonNull).forEach(texts::add);
		return String.join("; ", texts);
	}

}
