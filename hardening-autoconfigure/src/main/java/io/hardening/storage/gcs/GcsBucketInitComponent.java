package io.hardening.storage.gcs;

import io.hardening.init.InitComponent;

/**
 * The {@code storage} init component of gcs mode: an attempt succeeds once the bucket
 * answers, bounded by {@code hardening.storage.gcs.write-timeout}. It alone owns the
 * readiness of the storage; the replay task asks the tracker to retry it when it sees GCS
 * answer again.
 */
public class GcsBucketInitComponent implements InitComponent {

	/**
	 * Name of the component.
	 */
	public static final String NAME = "storage";

	private final SpoolingExperimentStorage storage;

	public GcsBucketInitComponent(SpoolingExperimentStorage storage) {
		this.storage = storage;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void initialize() {
		this.storage.checkRemote();
	}

}
