package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.reasoning.ModelChunk;
import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ReasoningModel;
import io.hardening.reasoning.TokenUsage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A model whose n-th call answers as the n-th script says (the last one repeats), noting
 * when each call was made on Reactor's clock (virtual in tests that set it).
 */
final class ScriptedModel implements ReasoningModel {

	final AtomicInteger calls = new AtomicInteger();

	final List<Long> callTimesMillis = new CopyOnWriteArrayList<>();

	private final String name;

	private final List<Flux<ModelChunk>> scripts;

	ScriptedModel(String name, List<Flux<ModelChunk>> scripts) {
		this.name = name;
		this.scripts = scripts;
	}

	/**
	 * Fails after {@code delay} without sending anything.
	 */
	static Flux<ModelChunk> failing(Duration delay, ModelException failure) {
		return Mono.delay(delay).then(Mono.<ModelChunk>error(failure)).flux();
	}

	/**
	 * Sends the chunks 10 ms apart.
	 */
	static Flux<ModelChunk> answering(ModelChunk... chunks) {
		return Flux.fromArray(chunks).concatMap((chunk) -> Mono.delay(Duration.ofMillis(10)).thenReturn(chunk));
	}

	/**
	 * Sends the chunks 10 ms apart, then fails.
	 */
	static Flux<ModelChunk> failingAfter(ModelException failure, ModelChunk... chunks) {
		return answering(chunks).concatWith(Mono.delay(Duration.ofMillis(10)).then(Mono.error(failure)));
	}

	static ModelChunk chunk(String text) {
		return ModelChunk.text(text);
	}

	static ModelChunk last(String text, String finishReason, TokenUsage usage) {
		return new ModelChunk(text, finishReason, usage);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Flux<ModelChunk> chunks(String query) {
		return Flux.defer(() -> {
			int call = this.calls.getAndIncrement();
			this.callTimesMillis.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
			return this.scripts.get(Math.min(call, this.scripts.size() - 1));
		});
	}

	@Override
	public Flux<String> stream(String query) {
		return chunks(query).map(ModelChunk::text).filter((text) -> !text.isEmpty());
	}

	@Override
	public Mono<String> generate(String query) {
		return stream(query).collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
	}

}
