package io.hardening.bench.storage;

import java.nio.file.Path;
import java.time.Instant;

import io.hardening.storage.ExperimentPage;
import io.hardening.storage.filesystem.FilesystemExperimentStorage;
import io.hardening.storage.gcs.SpoolingExperimentStorage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the GCS requests one listing page costs through the storage as the application
 * gets it (the spooling storage over the GCS backend), on the loopback stand-in: a count,
 * not a time, so one run is the figure.
 */
final class GcsPageCost {

	static final int RECORDS = 400;

	static final int PAGE = 100;

	private GcsPageCost() {
	}

	/**
	 * Stores {@value #RECORDS} records and counts the requests of a page of
	 * {@value #PAGE} at the given offset.
	 * @param offset the page's offset
	 * @return the GCS requests the page cost
	 */
	static int requests(int offset) throws Exception {
		Path spool = TempDirectories.create("gcs-page-cost");
		try (LoopbackGcs gcs = new LoopbackGcs()) {
			SpoolingExperimentStorage storage = new SpoolingExperimentStorage(gcs.storage, gcs.storage::checkBucket,
					new FilesystemExperimentStorage(spool, SampleRecord.documents), true);
			for (int i = 0; i < RECORDS; i++) {
				storage.store("exp-" + i,
						JsonMapper.shared().readTree("{\"i\":" + i + ",\"at\":\"" + Instant.now() + "\"}"),
						JsonMapper.shared().readTree("{}"));
			}
			int before = gcs.server.requestCount();
			ExperimentPage page = storage.listPage(PAGE, offset);
			if (page.experiments().size() != PAGE || page.partial()) {
				throw new IllegalStateException("expected a full page, got " + page.experiments().size());
			}
			return gcs.server.requestCount() - before;
		}
		finally {
			TempDirectories.delete(spool);
		}
	}

	public static void main(String[] args) throws Exception {
		for (int offset : new int[] { 0, RECORDS - PAGE }) {
			System.out.printf("page of %d at offset %d of %d records: %d GCS requests%n", PAGE, offset, RECORDS,
					requests(offset));
		}
	}

}
