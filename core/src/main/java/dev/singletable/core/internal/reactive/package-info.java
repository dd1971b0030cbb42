/**
 * The reactive template's layer over the blocking one's planning: {@code ReactiveUnitWriter} runs the plan that sends
 * {@code WriteUnit}s ({@code UnitSend}, its after-commit work included) on the {@code ReactiveDriver}, {@code ReactiveResourceReads}
 * and {@code ReactiveResourceDeletes} read and delete by id with the requests the blocking components build,
 * {@code ReactiveBatchWriter} and {@code ReactiveBatchReader} send {@code BatchWriteItem} and {@code BatchGetItem}
 * chunks, {@code ReactiveBulkWrites} the batch writes of {@code putAll} and {@code deleteAllById},
 * {@code ReactiveAtomicUpdates} the atomic updates, and
 * {@code ReactiveComponents} builds them for a template. The operations are planned by
 * {@code core.internal.operation} on a {@code WriteSupport} whose blocking client refuses every request
 * ({@code NoBlockingClient}): what a plan needs from the table is read here, without blocking, and handed to it
 * ({@code ReadAhead}). {@code ReactiveAuditing} adds the audit rows of {@code AuditRecords}; {@code ReactiveBlobStage}
 * (with the lock plans of {@code BlobLocks}) runs the blob stage of {@code BlobStage} around the items, and
 * {@code ReactiveBlobReads} loads blob values.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core.reactive}.
 */
@NullMarked
package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.NullMarked;
