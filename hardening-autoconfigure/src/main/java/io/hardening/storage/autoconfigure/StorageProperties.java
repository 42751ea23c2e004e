package io.hardening.storage.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.hardening.storage.JsonDocuments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import static io.hardening.support.PropertyChecks.between;
import static io.hardening.support.PropertyChecks.positive;

/**
 * Configuration properties for experiment storage on Google Cloud Storage with a
 * filesystem fallback.
 */
@ConfigurationProperties("hardening.storage")
public class StorageProperties {

	/**
	 * Whether to enable the storage.
	 */
	private boolean enabled = true;

	/**
	 * Which backend serves: auto (GCS when the bucket is set and answers at startup, else
	 * the filesystem), gcs (required, readiness waits for the bucket) or filesystem
	 * (never touches GCS).
	 */
	private Mode mode = Mode.AUTO;

	/**
	 * Largest accepted document (the result, the metadata, and the body of a store
	 * request); larger ones are refused with 413.
	 */
	private DataSize maxDocumentSize = DataSize.ofMegabytes(1);

	/**
	 * Deepest accepted nesting of the result and of the metadata, in levels of objects
	 * and arrays (an empty object is one level); deeper ones are refused with 400.
	 * Between 1 and 400, so that whatever is accepted can be listed.
	 */
	private int maxDocumentDepth = JsonDocuments.DEFAULT_MAX_DEPTH;

	/**
	 * How often records spooled while GCS failed are replayed to GCS in the background.
	 */
	private Duration replayInterval = Duration.ofSeconds(10);

	/**
	 * Google Cloud Storage.
	 */
	@NestedConfigurationProperty
	private final GcsStorageProperties gcs = new GcsStorageProperties();

	private final Filesystem filesystem = new Filesystem();

	private final Spool spool = new Spool();

	private final Web web = new Web();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		Assert.notNull(mode, "hardening.storage.mode must be one of auto, gcs, filesystem");
		this.mode = mode;
	}

	public DataSize getMaxDocumentSize() {
		return this.maxDocumentSize;
	}

	public void setMaxDocumentSize(DataSize maxDocumentSize) {
		Assert.isTrue(
				maxDocumentSize != null && maxDocumentSize.toBytes() > 0
						&& maxDocumentSize.toBytes() <= Integer.MAX_VALUE - 1024,
				() -> "hardening.storage.max-document-size must be positive and below 2GB, got " + maxDocumentSize);
		this.maxDocumentSize = maxDocumentSize;
	}

	public int getMaxDocumentDepth() {
		return this.maxDocumentDepth;
	}

	public void setMaxDocumentDepth(int maxDocumentDepth) {
		this.maxDocumentDepth = between("hardening.storage.max-document-depth", maxDocumentDepth, 1,
				JsonDocuments.MAX_DEPTH_CEILING);
	}

	public Duration getReplayInterval() {
		return this.replayInterval;
	}

	public void setReplayInterval(Duration replayInterval) {
		this.replayInterval = positive("hardening.storage.replay-interval", replayInterval);
	}

	public GcsStorageProperties getGcs() {
		return this.gcs;
	}

	public Filesystem getFilesystem() {
		return this.filesystem;
	}

	public Spool getSpool() {
		return this.spool;
	}

	public Web getWeb() {
		return this.web;
	}

	/**
	 * Returns the spool directory: the configured one, or {@code .spool} inside the
	 * filesystem path.
	 * @return the spool directory
	 */
	public Path resolveSpoolPath() {
		return (this.spool.getPath() != null) ? this.spool.getPath() : this.filesystem.getPath().resolve(".spool");
	}

	/**
	 * Storage backend selection.
	 */
	public enum Mode {

		/**
		 * GCS when the bucket is set and answers within the startup timeout, else the
		 * filesystem.
		 */
		AUTO,

		/**
		 * GCS only; readiness waits until the bucket answers.
		 */
		GCS,

		/**
		 * The filesystem only; GCS is never touched.
		 */
		FILESYSTEM

	}

	/**
	 * Filesystem backend settings.
	 */
	public static class Filesystem {

		/**
		 * Directory that holds one folder per experiment. Created on first write.
		 */
		private Path path = Path.of("./local_storage");

		public Path getPath() {
			return this.path;
		}

		public void setPath(Path path) {
			Assert.isTrue(path != null && !path.toString().isBlank(),
					"hardening.storage.filesystem.path must not be empty");
			this.path = path;
		}

	}

	/**
	 * Spool settings: where GCS writes wait while GCS fails.
	 */
	public static class Spool {

		/**
		 * Directory of records waiting for GCS. Defaults to '.spool' inside the
		 * filesystem path. Put it on a persistent volume, or records spooled when a pod
		 * is deleted are lost.
		 */
		private Path path;

		public Path getPath() {
			return this.path;
		}

		public void setPath(Path path) {
			this.path = (path != null && !path.toString().isBlank()) ? path : null;
		}

	}

	/**
	 * REST endpoint settings.
	 */
	public static class Web {

		/**
		 * Whether to serve the storage REST endpoints under /api/storage.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
