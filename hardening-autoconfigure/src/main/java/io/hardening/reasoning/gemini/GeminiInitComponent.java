package io.hardening.reasoning.gemini;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.hardening.init.InitComponent;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.log.LogMessage;

/**
 * Initializes a Gemini endpoint: checks its configuration and credentials, then asks
 * every configured model to count the tokens of a short text (a free call), so that a
 * missing project, missing credentials, an unreachable endpoint or a retired model fail
 * the attempt with a message that names the model and where it was looked for.
 */
public class GeminiInitComponent implements InitComponent {

	private static final Log logger = LogFactory.getLog(GeminiInitComponent.class);

	private static final String PROBE_TEXT = "ping";

	private final String name;

	private final GeminiClient client;

	private final List<String> models;

	private final Duration timeout;

	/**
	 * Creates the component.
	 * @param name the component name, such as {@code vertexAi}
	 * @param client the client of the endpoint
	 * @param models the model ids that must answer
	 * @param timeout budget of each model's check; the checks run in parallel
	 */
	public GeminiInitComponent(String name, GeminiClient client, List<String> models, Duration timeout) {
		this.name = name;
		this.client = client;
		this.models = List.copyOf(models);
		this.timeout = timeout;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void initialize() throws Exception {
		verifyEndpoint();
		List<Throwable> failures = Flux.fromIterable(this.models.stream().distinct().toList())
			.flatMap((model) -> this.client.countTokens(model, PROBE_TEXT, this.timeout)
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just))
			.collectList()
			.block(this.timeout.plusSeconds(5));
		if (failures != null && !failures.isEmpty()) {
			throw new IllegalStateException(
					failures.stream().map(Sanitizer::describe).collect(Collectors.joining("; ")));
		}
		logger.info(LogMessage.format("Gemini models %s answer", this.models));
	}

	// Loading credentials and fetching a first token block on Google's auth library:
	// bound them like the model checks.
	private void verifyEndpoint() throws Exception {
		GeminiEndpoint endpoint = this.client.getEndpoint();
		try {
			Mono.fromCallable(() -> {
				endpoint.verify();
				return endpoint;
			})
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(this.timeout,
						Mono.error(() -> new IllegalStateException(
								"Checking the credentials took longer than " + this.timeout.toMillis() + "ms")))
				.block();
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

}
