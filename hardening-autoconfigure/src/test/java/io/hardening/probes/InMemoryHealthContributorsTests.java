package io.hardening.probes;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryHealthContributorsTests {

	private static final HealthIndicator THREAD = () -> Health.up()
		.withDetail("thread", Thread.currentThread().getName())
		.build();

	@Test
	void indicatorAnswersOnTheAskingThreadWhereBootsAdapterHops() {
		String asking = Thread.currentThread().getName();
		Health inMemory = ((ReactiveHealthIndicator) InMemoryHealthContributors.adapt(THREAD)).health().block();
		assertThat(inMemory.getDetails()).containsEntry("thread", asking);
		Health boot = ((ReactiveHealthIndicator) ReactiveHealthContributor.adapt(THREAD)).health().block();
		assertThat((String) boot.getDetails().get("thread")).startsWith("boundedElastic");
	}

	@Test
	void indicatorKeepsDetailsOnlyWhenAsked() {
		ReactiveHealthIndicator indicator = (ReactiveHealthIndicator) InMemoryHealthContributors.adapt(THREAD);
		assertThat(indicator.health(false).block().getDetails()).isEmpty();
		assertThat(indicator.health(true).block().getDetails()).containsKey("thread");
	}

	@Test
	void compositeAdaptsItsChildrenAndGivesTheBlockingFormBack() {
		CompositeHealthContributor composite = CompositeHealthContributor
			.fromMap(Map.of("a", THREAD, "b", () -> Health.down().build()));
		CompositeReactiveHealthContributor reactive = (CompositeReactiveHealthContributor) InMemoryHealthContributors
			.adapt(composite);
		assertThat(reactive.stream()).extracting((entry) -> entry.name()).containsExactlyInAnyOrder("a", "b");
		assertThat(((ReactiveHealthIndicator) reactive.getContributor("b")).health().block().getStatus().getCode())
			.isEqualTo("DOWN");
		assertThat(reactive.getContributor("missing")).isNull();
		assertThat(reactive.asHealthContributor()).isSameAs(composite);
		assertThat(InMemoryHealthContributors.adapt(THREAD).asHealthContributor()).isSameAs(THREAD);
	}

}
