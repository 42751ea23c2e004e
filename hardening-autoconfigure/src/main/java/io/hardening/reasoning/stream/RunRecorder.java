package io.hardening.reasoning.stream;

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
	 * A recorder that saves nothing.
	 * @return the recorder
	 */
	static RunRecorder none() {
		return (record) -> {
		};
	}

}
