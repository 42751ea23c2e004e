package io.hardening.testsupport;

import java.util.Set;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What {@link BlockHoundInstalled} lets through on a thread that must never block:
 * <ul>
 * <li>taking a {@code ReentrantLock} or a {@code ReentrantReadWriteLock}: libraries guard
 * short critical sections with them (Jackson's deserializer cache, the sliding window of
 * a Resilience4j breaker), and a thread waits there only while another one is
 * inside;</li>
 * <li>{@code UUID.randomUUID()} (run and request ids), which reads {@code /dev/urandom}:
 * that never blocks on Linux.</li>
 * </ul>
 * Everything else fails where it is made: sleeping, waiting on a future, latch or
 * condition, and file or socket I/O.
 */
public class AllowedBlockingCalls implements BlockHoundIntegration {

	private static final Set<String> LOCKS = Set.of("java.util.concurrent.locks.ReentrantLock",
			"java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
			"java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock");

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
		builder.blockingMethodCallback(AllowedBlockingCalls::check);
	}

	private static void check(BlockingMethod method) {
		if (!takesALock()) {
			throw new BlockingOperationError(method);
		}
	}

	// A park while taking a lock: lock() itself is on the stack (lockInterruptibly and
	// tryLock with a timeout wait on purpose, and fail).
	private static boolean takesALock() {
		return StackWalker.getInstance()
			.walk((frames) -> frames
				.anyMatch((frame) -> frame.getMethodName().equals("lock") && LOCKS.contains(frame.getClassName())));
	}

}
