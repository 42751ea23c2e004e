package io.hardening.storage.gcs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@link FakeGcsServer} holds requests a test wants to arrive together, late, or
 * only when released: uploads and listings. Every wait is bounded, so a test that forgets
 * to release cannot hang the server's threads.
 */
public final class FakeGcsGates {

	private volatile Duration uploadDelay = Duration.ZERO;

	private volatile CountDownLatch listGate;

	private volatile CountDownLatch uploadGate;

	private final AtomicInteger uploadsWaiting = new AtomicInteger();

	private volatile CyclicBarrier uploadBarrier;

	private final AtomicInteger heldUploads = new AtomicInteger();

	FakeGcsGates() {
	}

	/**
	 * Holds the next {@code parties} uploads until all of them have arrived, so that
	 * concurrent writers reach the server together.
	 */
	public void holdUploads(int parties) {
		this.heldUploads.set(parties);
		this.uploadBarrier = new CyclicBarrier(parties);
	}

	/**
	 * Holds every listing until {@link #releaseListings()} (or at most 10 seconds).
	 */
	public void holdListings() {
		this.listGate = new CountDownLatch(1);
	}

	/**
	 * Holds every upload until {@link #releaseUploads()} (or at most 10 seconds).
	 */
	public void gateUploads() {
		this.uploadGate = new CountDownLatch(1);
	}

	/**
	 * How many uploads wait at the gate.
	 */
	public int uploadsWaiting() {
		return this.uploadsWaiting.get();
	}

	public void releaseUploads() {
		CountDownLatch gate = this.uploadGate;
		this.uploadGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	public void releaseListings() {
		CountDownLatch gate = this.listGate;
		this.listGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	/**
	 * Makes every upload take the given time to land, as a slow GCS does.
	 */
	public void delayUploads(Duration delay) {
		this.uploadDelay = delay;
	}

	void releaseAll() {
		releaseListings();
		releaseUploads();
	}

	/**
	 * On a server thread, before an upload is applied: the barrier, the delay, the gate.
	 */
	void beforeUpload() {
		CyclicBarrier barrier = this.uploadBarrier;
		if (barrier != null && this.heldUploads.getAndDecrement() > 0) {
			try {
				barrier.await(1, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Released anyway: the test checks the outcome, not the timing.
			}
		}
		Duration delay = this.uploadDelay;
		if (!delay.isZero()) {
			try {
				// The upload lands late: the writer may long have given up on it.
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		CountDownLatch gate = this.uploadGate;
		if (gate != null) {
			this.uploadsWaiting.incrementAndGet();
			try {
				await(gate);
			}
			finally {
				this.uploadsWaiting.decrementAndGet();
			}
		}
	}

	/**
	 * On a server thread, before a listing is answered.
	 */
	void beforeListing() {
		CountDownLatch gate = this.listGate;
		if (gate != null) {
			await(gate);
		}
	}

	private static void await(CountDownLatch gate) {
		try {
			gate.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
