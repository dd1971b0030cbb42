/**
 * Writes as plans without I/O. One class per write operation, each building its {@code WriteUnit} and saying what a
 * failed condition means: {@code CreateOperation}, {@code VersionedUpdateOperation}, {@code
 * RestoreVersionOperation}, {@code PlainUpdateOperation}, {@code UpsertOperation}, {@code PutAllOperation}, {@code
 * DeleteOperation}, {@code DeleteByIdOperation}, {@code DeleteVersionOperation}, {@code ConditionCheckOperation};
 * {@code EntityWrites} picks the operation of a write (and holds what {@code save} does), {@code ResourceDeletes}
 * and {@code BulkWrites} plan deletes and batches, {@code StoredItems} reads what an operation needs.
 * <p>
 * The write model they build: a write as a value ({@code WriteUnit}), sent alone or as one transaction by one plan ({@code
 * UnitSend}, inside the blob stage in {@code UnitSender}, a plan both drivers run);
 * the stages a unit carries (audit rows by {@code AuditRecords}; S3 objects by {@code BlobStage},
 * {@code BlobSend}, {@code BlobCleanups}, with lazy loading in {@code BlobReads}); what a failed condition
 * means ({@code ConditionFailures}, the one place, over the reasons per item of {@code ItemFailures}); the rules units are built with ({@code WriteSupport}, {@code
 * PlainConditions}, {@code DroppedAttributes}, {@code CreationTimes}, {@code VersionRetention}, {@code
 * TypeCounts}); atomic updates ({@code AtomicUpdates}), {@code Changes} ({@code ChangesApplier}) and entity
 * callbacks ({@code Callbacks}).
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.write.build;

import org.jspecify.annotations.NullMarked;
