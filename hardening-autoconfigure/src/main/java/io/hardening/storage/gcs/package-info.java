/**
 * The Google Cloud Storage backend and everything only it needs: the records in the
 * bucket ({@link io.hardening.storage.gcs.GcsExperimentStorage}, its writer, names and
 * time index), the guard of its calls, the spool that takes writes GCS does not
 * ({@link io.hardening.storage.gcs.SpoolingExperimentStorage}) and its replay, the
 * {@code storage} init component of gcs mode, and the auto-mode fallback that keeps a
 * left-over spool readable.
 * <p>
 * A store in gcs mode passes three implementations of
 * {@link io.hardening.storage.ExperimentStorage}, each with one job: the observed storage
 * (metrics), the spooling storage (nothing is lost), the GCS storage (the bucket); auto
 * mode adds the selecting storage in front.
 */
package io.hardening.storage.gcs;
