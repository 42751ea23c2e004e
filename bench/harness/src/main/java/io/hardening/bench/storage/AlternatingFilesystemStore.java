package io.hardening.bench.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.hardening.bench.Stats;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;

/**
 * Filesystem store throughput of the starter and of raw {@code java.nio}, in alternating
 * rounds. JMH runs one benchmark method after the other, and fsync throughput on a
 * virtual disk drifts from minute to minute (raw alone measured 486 ops/s in one run and
 * 1,431 in the next): the ratio then compared the disk with itself at two times (0.44 to
 * 0.85). Alternating short rounds lets the drift touch both sides alike.
 */
final class AlternatingFilesystemStore {

	private AlternatingFilesystemStore() {
	}

	/**
	 * Median store throughput of each side.
	 *
	 * @param starter the starter's figure, ops/s
	 * @param raw the raw figure, ops/s
	 * @param rounds rounds per side
	 * @param seconds length of a round
	 */
	record Figures(double starter, double raw, int rounds, double seconds) {
	}

	static Figures run(boolean quick) throws IOException {
		int rounds = quick ? 2 : 8;
		double seconds = quick ? 1 : 3;
		SampleRecord record = new SampleRecord();
		Path root = TempDirectories.create("store-alternating");
		try {
			FilesystemExperimentStorage storage = new FilesystemExperimentStorage(root, SampleRecord.documents);
			long[] next = { 0 };
			// Warm-up, untimed: class loading and the JIT.
			for (int i = 0; i < 200; i++) {
				storage.store("warm-" + i, record.result, record.metadata);
				RawFiles.store(root, "warm-raw-" + i, record.metadataBytes, record.resultBytes);
			}
			List<Double> starter = new ArrayList<>();
			List<Double> raw = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				starter.add(rate(seconds, () -> storage.store("run-" + next[0]++, record.result, record.metadata)));
				raw.add(rate(seconds,
						() -> RawFiles.store(root, "run-" + next[0]++, record.metadataBytes, record.resultBytes)));
			}
			return new Figures(Stats.median(starter), Stats.median(raw), rounds, seconds);
		}
		finally {
			TempDirectories.delete(root);
		}
	}

	private static double rate(double seconds, Store store) throws IOException {
		long budget = (long) (seconds * 1e9);
		long started = System.nanoTime();
		int stores = 0;
		while (System.nanoTime() - started < budget) {
			store.run();
			stores++;
		}
		return stores / ((System.nanoTime() - started) / 1e9);
	}

	@FunctionalInterface
	private interface Store {

		void run() throws IOException;

	}

}
