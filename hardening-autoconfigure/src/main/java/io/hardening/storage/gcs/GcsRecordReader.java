package io.hardening.storage.gcs;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import io.hardening.storage.JsonDocuments;
import io.hardening.storage.JsonDocuments.CorruptDocumentException;
import io.hardening.storage.RecordCodec;
import io.hardening.storage.RecordRef;
import io.hardening.storage.StoredExperiment;
import io.hardening.support.Sanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads one record: {@code record.json} in one request, or the two objects of the older
 * layout. A record that cannot be parsed is skipped with one WARN, never an error.
 */
final class GcsRecordReader {

	private static final Log logger = LogFactory.getLog(GcsExperimentStorage.class);

	private final GcsRecordNames names;

	private final JsonDocuments documents;

	private final RecordCodec codec;

	private final Set<String> reportedCorrupt = ConcurrentHashMap.newKeySet();

	GcsRecordReader(GcsRecordNames names, JsonDocuments documents) {
		this.names = names;
		this.documents = documents;
		this.codec = new RecordCodec(documents);
	}

	Optional<StoredExperiment> read(Storage client, String id) {
		BlobId record = this.names.record(id);
		byte[] bytes;
		try {
			bytes = client.readAllBytes(record);
		}
		catch (StorageException ex) {
			if (ex.getCode() == 404) {
				return readLegacy(client, id);
			}
			throw ex;
		}
		try {
			return Optional.of(this.codec.decode(id, bytes, uri(record)));
		}
		catch (CorruptDocumentException ex) {
			return corrupt(id, ex);
		}
	}

	/**
	 * Reads the record an index entry names, or nothing when the entry is stale: the
	 * record is gone, or another record holds the id now (stored at another time, after a
	 * delete that was cut short before it removed this entry). Only the entry's own
	 * record ever creates an entry, after it exists, so an entry that disagrees with the
	 * present record is removed.
	 */
	Optional<StoredExperiment> read(Storage client, RecordRef ref) {
		Optional<StoredExperiment> record = read(client, ref.id());
		if (record.isPresent() && record.get().storedAt().equals(RecordCodec.millis(ref.storedAt()))) {
			return record;
		}
		if (record.isPresent()) {
			deleteQuietly(client, this.names.indexEntry(ref.id(), ref.storedAt()));
		}
		return Optional.empty();
	}

	private Optional<StoredExperiment> readLegacy(Storage client, String id) {
		Blob result = client.get(this.names.result(id));
		if (result == null) {
			return Optional.empty();
		}
		try {
			JsonNode resultNode = this.documents.fromBytes(client.readAllBytes(this.names.result(id)));
			JsonNode metadataNode = this.documents.fromBytes(client.readAllBytes(this.names.metadata(id)));
			Instant storedAt = RecordCodec.millis(GcsRecordNames.storedAt(result));
			return Optional
				.of(new StoredExperiment(id, resultNode, metadataNode, uri(this.names.result(id)), storedAt));
		}
		catch (CorruptDocumentException ex) {
			return corrupt(id, ex);
		}
		catch (StorageException ex) {
			if (ex.getCode() == 404) {
				// Deleted since, or half deleted.
				return Optional.empty();
			}
			throw ex;
		}
	}

	URI uri(BlobId blob) {
		return URI.create("gs://" + blob.getBucket() + "/" + blob.getName());
	}

	static void deleteQuietly(Storage client, BlobId blob) {
		try {
			client.delete(blob);
		}
		catch (StorageException ex) {
			// Left for the next reader that finds it stale.
		}
	}

	private Optional<StoredExperiment> corrupt(String id, RuntimeException ex) {
		if (this.reportedCorrupt.add(id)) {
			logger.warn("Skipping unreadable experiment '%s' in bucket '%s': %s".formatted(id, this.names.bucket(),
					Sanitizer.describe(ex)));
		}
		return Optional.empty();
	}

}
