package io.hardening.reasoning.stream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AbandonTimer}: only the current stretch's timer is kept, and whatever
 * is not kept is handed back to be disposed.
 */
class AbandonTimerTests {

	private final AbandonTimer timer = new AbandonTimer();

	@Test
	void keepsTheTimerOfTheCurrentStretchAndHandsBackTheOneItReplaces() {
		Disposable first = Disposables.single();
		Disposable second = Disposables.single();
		long stretch = this.timer.begin();
		assertThat(this.timer.keep(first, stretch, true)).isNull();
		assertThat(this.timer.keep(second, stretch, true)).isSameAs(first);
		assertThat(this.timer.take()).isSameAs(second);
		assertThat(this.timer.take()).isNull();
	}

	@Test
	void aTimerOfAnEarlierStretchIsNotKept() {
		Disposable current = Disposables.single();
		Disposable late = Disposables.single();
		long earlier = this.timer.begin();
		long now = this.timer.begin();
		assertThat(this.timer.keep(current, now, true)).isNull();
		assertThat(this.timer.keep(late, earlier, true)).isSameAs(late);
		assertThat(this.timer.take()).isSameAs(current);
	}

	@Test
	void aTimerIsNotKeptOnceSomebodyIsConnectedOrTheRunEnded() {
		Disposable started = Disposables.single();
		long stretch = this.timer.begin();
		assertThat(this.timer.keep(started, stretch, false)).isSameAs(started);
		assertThat(this.timer.take()).isNull();
	}

}
