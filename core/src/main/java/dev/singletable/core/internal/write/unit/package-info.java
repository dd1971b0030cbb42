/**
 * The write as a value and the stages it carries: a {@code WriteUnit} (its items, after-commit work and what its
 * blob stage prepared; {@code PlannedWrite} a unit with its entity), the audit rows ({@code AuditRecords}), the S3
 * objects ({@code BlobStage}, {@code BlobSend} around a send, {@code BlobCleanups}, lazy loading in
 * {@code BlobReads}) and the retention of versions ({@code VersionRetention}).
 * <p>
 * One package because a unit holds what the blob stage prepared ({@code BlobStage.Staged}) and the stages add to
 * units. It uses {@code write.item} only of the write path; the send ({@code write.send}) and the operations
 * ({@code write.build}) use it.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.write.unit;

import org.jspecify.annotations.NullMarked;
