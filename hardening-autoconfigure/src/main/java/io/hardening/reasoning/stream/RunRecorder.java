package io.hardening.reasoning.stream;

import java.time.Duration;

/**
 * Saves the record of every finished stream. Never blocks and never fails the caller: a
 * save runs in the background and its failure is logged and counted.
 */
@FunctionalInterface
public interface RunRecorder {

	/**
	 * Saves a record in the background.
	 * @param record the record
	 */
	void record(RunRecord record);

	/**
	 * Waits until the saves under way are done, or the time is up; called on shutdown so
	 * the records of streams it ended are not lost.
	 * @param timeout the longest wait
	 */
	default void flush(Duration timeout) {
	}

	/**
	 * A recorder that saves nothing.
	 * @return the recorder
	 */
	static RunRecorder none() {
		return (record) -> {
		};
	}

}
