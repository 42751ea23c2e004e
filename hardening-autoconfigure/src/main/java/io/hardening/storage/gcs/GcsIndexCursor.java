package io.hardening.storage.gcs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import io.hardening.storage.gcs.GcsRecordNames.Candidate;

/**
 * Walks the time index newest first, one GCS list request per page of entries, fetching
 * the next page only when asked for more: a listing page costs list requests in
 * proportion to its offset and limit (one request up to 1000 entries), never to the
 * bucket.
 */
final class GcsIndexCursor {

	private static final int MAX_PAGE_SIZE = 1000;

	private final Storage client;

	private final GcsRecordNames names;

	private final int pageSize;

	private Page<Blob> page;

	private Iterator<Blob> entries = Collections.emptyIterator();

	/**
	 * Creates a cursor.
	 * @param client the client
	 * @param names the record layout
	 * @param expected how many entries the caller expects to read (offset and limit), the
	 * size of each list request up to 1000
	 */
	GcsIndexCursor(Storage client, GcsRecordNames names, int expected) {
		this.client = client;
		this.names = names;
		this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, expected));
	}

	/**
	 * Returns up to {@code count} further candidates, fewer at the end of the index.
	 */
	List<Candidate> next(int count) {
		List<Candidate> candidates = new ArrayList<>(count);
		while (candidates.size() < count && advance()) {
			Candidate candidate = this.names.candidate(this.entries.next().getName());
			if (candidate != null) {
				candidates.add(candidate);
			}
		}
		return candidates;
	}

	void skip(int count) {
		int skipped = 0;
		while (skipped < count && advance()) {
			this.entries.next();
			skipped++;
		}
	}

	private boolean advance() {
		while (!this.entries.hasNext()) {
			if (this.page == null) {
				this.page = this.client.list(this.names.bucket(), BlobListOption.prefix(this.names.indexPrefix()),
						BlobListOption.pageSize(this.pageSize), BlobListOption.fields(BlobField.NAME));
			}
			else if (this.page.hasNextPage()) {
				this.page = this.page.getNextPage();
			}
			else {
				return false;
			}
			this.entries = this.page.getValues().iterator();
			if (!this.entries.hasNext() && !this.page.hasNextPage()) {
				return false;
			}
		}
		return true;
	}

}
