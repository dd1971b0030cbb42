/**
 * The reactive template's layer over the blocking one's planning: {@code ReactiveUnitWriter} runs the plan that sends
 * {@code WriteUnit}s ({@code UnitSend}, its after-commit work included) on the {@code ReactiveDriver} (as it runs the
 * plans of the reads by id, {@code ResourceReads}), {@code ReactiveResourceDeletes} and {@code ReactiveBulkWrites}
 * run the blocking template's plans of deletes and batch writes ({@code ResourceDeletes}, {@code BulkWrites}), and
 * {@code ReactiveComponents} builds them for a template (the atomic updates are {@code AtomicUpdates}' plans on the
 * driver). The operations are planned by
 * {@code core.internal.write} as plans ({@code core.internal.plan}) that the {@code ReactiveDriver} runs on the
 * async client: a plan asks for the reads it needs. {@code ReactiveAuditing} adds the audit rows of
 * {@code AuditRecords}; the blob stage of {@code BlobStage} is sent around the items by its plan ({@code BlobSend}), and
 * the plans of {@code BlobReads} load blob values.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core.reactive}.
 */
@NullMarked
package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.NullMarked;
