package io.hardening.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonThreadsTests {

	@Test
	void threadsAreNumberedDaemons() {
		var factory = DaemonThreads.named("hardening-test-");
		Thread first = factory.newThread(() -> {
		});
		Thread second = factory.newThread(() -> {
		});
		assertThat(first.isDaemon()).isTrue();
		assertThat(first.getName()).isEqualTo("hardening-test-1");
		assertThat(second.getName()).isEqualTo("hardening-test-2");
	}

}
