package io.hardening.storage.gcs;

import java.util.ArrayList;
import java.util.List;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import io.hardening.storage.RecordRef;

/**
 * Reads the newest entries of the time index, names only: one GCS list request per 1000
 * entries, never one per record, so a page's offset costs list requests, not reads.
 */
final class GcsIndexCursor {

	private static final int MAX_PAGE_SIZE = 1000;

	private GcsIndexCursor() {
	}

	static List<RecordRef> newest(Storage client, GcsRecordNames names, int count) {
		List<RecordRef> refs = new ArrayList<>(Math.min(count, MAX_PAGE_SIZE));
		Page<Blob> page = client.list(names.bucket(), BlobListOption.prefix(names.indexPrefix()),
				BlobListOption.pageSize(Math.max(1, Math.min(MAX_PAGE_SIZE, count))),
				BlobListOption.fields(BlobField.NAME));
		while (page != null) {
			for (Blob entry : page.getValues()) {
				RecordRef ref = names.ref(entry.getName());
				if (ref != null) {
					refs.add(ref);
					if (refs.size() == count) {
						return refs;
					}
				}
			}
			page = page.hasNextPage() ? page.getNextPage() : null;
		}
		return refs;
	}

}
