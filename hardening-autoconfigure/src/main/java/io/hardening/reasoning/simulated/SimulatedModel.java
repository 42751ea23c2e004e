package io.hardening.reasoning.simulated;

import java.time.Duration;
import java.util.Random;

import io.hardening.reasoning.ModelException;
import io.hardening.reasoning.ModelException.Kind;
import io.hardening.reasoning.ReasoningModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A deterministic stand-in for a model, with no network: the same query always gives the
 * same text, streamed in several pieces with the latency spread over them.
 * <p>
 * Whether a call fails is drawn from a {@link Random} seeded with the configured seed and
 * the model name: the n-th call of a model fails in every run with the same seed, the
 * same failure rate and the same order of calls. A failure rate of 0 never fails, 1
 * always fails.
 */
public class SimulatedModel implements ReasoningModel {

	private final String name;

	private final Duration latency;

	private final double failureRate;

	private final Random random;

	/**
	 * Creates a simulated model.
	 * @param name the model name, such as {@code simulated-flash}
	 * @param latency time from the call to the last piece of text
	 * @param failureRate share of calls that fail, 0 to 1
	 * @param seed seed of the failure decisions
	 */
	public SimulatedModel(String name, Duration latency, double failureRate, long seed) {
		this.name = name;
		this.latency = latency;
		this.failureRate = failureRate;
		this.random = new Random(seed ^ name.hashCode());
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Flux<String> stream(String query) {
		return Flux.defer(() -> {
			int count = SimulatedAnswers.pieceCount(SimulatedAnswers.text(this.name, query));
			Duration step = this.latency.dividedBy(count);
			if (fails()) {
				return Mono.delay(step)
					.then(Mono.error(new ModelException(Kind.UNAVAILABLE, this.name,
							"Simulated failure of model '" + this.name + "' (failure rate " + this.failureRate + ")")));
			}
			// One periodic timer per call rather than a delay per piece, and each piece
			// written when it is sent rather than all held from the start: same pieces,
			// same pace, next to nothing held per call. Like a model's HTTP stream, it
			// does not wait for a reader that stops asking (a reasoning run always asks):
			// that reader gets an overflow error.
			return Flux.interval(step, step)
				.take(count)
				.map((index) -> SimulatedAnswers.piece(SimulatedAnswers.text(this.name, query), index.intValue()));
		});
	}

	@Override
	public Mono<String> generate(String query) {
		return stream(query).collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
	}

	private boolean fails() {
		synchronized (this.random) {
			return this.random.nextDouble() < this.failureRate;
		}
	}

	@Override
	public String toString() {
		return "SimulatedModel[" + this.name + "]";
	}

}
