package io.hardening.reasoning.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A model whose pieces, pace and failure a test sets, counting the calls made and the
 * calls cancelled.
 */
final class TestModel implements ReasoningModel {

	final AtomicInteger calls = new AtomicInteger();

	final AtomicInteger cancellations = new AtomicInteger();

	private final String name;

	private final List<String> pieces;

	private final Duration step;

	private final boolean fails;

	private final Duration firstDelay;

	private TestModel(String name, List<String> pieces, Duration firstDelay, Duration step, boolean fails) {
		this.name = name;
		this.pieces = pieces;
		this.firstDelay = firstDelay;
		this.step = step;
		this.fails = fails;
	}

	/**
	 * Sends each piece {@code step} after the last.
	 */
	static TestModel answering(String name, Duration step, String... pieces) {
		return new TestModel(name, List.of(pieces), step, step, false);
	}

	/**
	 * Sends the first piece after {@code firstDelay}, the others {@code step} apart.
	 */
	static TestModel slowToStart(String name, Duration firstDelay, Duration step, String... pieces) {
		return new TestModel(name, List.of(pieces), firstDelay, step, false);
	}

	/**
	 * Sends its pieces, then fails.
	 */
	static TestModel failingAfter(String name, Duration step, String... pieces) {
		return new TestModel(name, List.of(pieces), step, step, true);
	}

	/**
	 * Sends nothing, ever.
	 */
	static TestModel silent(String name) {
		return new TestModel(name, List.of(), Duration.ZERO, Duration.ZERO, false);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Flux<String> stream(String query) {
		Flux<String> answer = (this.pieces.isEmpty() && !this.fails) ? Flux.never() : Flux.range(0, this.pieces.size())
			.concatMap((i) -> Mono.delay((i == 0) ? this.firstDelay : this.step).thenReturn(this.pieces.get(i)));
		if (this.fails) {
			answer = answer.concatWith(Mono.delay(this.step)
				.then(Mono.error(new ModelException(Kind.UNAVAILABLE, this.name, 503,
						"Model '" + this.name + "' is unavailable (503 UNAVAILABLE: Authorization: Bearer ya29.secret)",
						null))));
		}
		return answer.doOnSubscribe((subscription) -> this.calls.incrementAndGet())
			.doOnCancel(this.cancellations::incrementAndGet);
	}

	@Override
	public Mono<String> generate(String query) {
		return stream(query).collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
	}

}
