package io.hardening.init;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A component for tests: fails its first attempts, can be made to hang, counts calls.
 */
class TestComponent implements InitComponent {

	private final String name;

	private final AtomicInteger failuresLeft;

	private final AtomicInteger attempts = new AtomicInteger();

	private final boolean required;

	volatile CountDownLatch gate;

	volatile String failureMessage = "endpoint unreachable";

	TestComponent(String name, int failures) {
		this(name, failures, true);
	}

	TestComponent(String name, int failures, boolean required) {
		this.name = name;
		this.failuresLeft = new AtomicInteger(failures);
		this.required = required;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void initialize() throws Exception {
		this.attempts.incrementAndGet();
		CountDownLatch gate = this.gate;
		if (gate != null) {
			gate.await();
		}
		if (this.failuresLeft.getAndDecrement() > 0) {
			throw new IllegalStateException(this.failureMessage);
		}
	}

	@Override
	public boolean requiredForReadiness() {
		return this.required;
	}

	int attempts() {
		return this.attempts.get();
	}

	void failForever() {
		this.failuresLeft.set(Integer.MAX_VALUE);
	}

	void succeedFromNow() {
		this.failuresLeft.set(0);
	}

}
