/**
 * Micrometer observability of singletable: the {@link dev.singletable.core.observation.SingleTableObservation
 * observation} of each template operation (with its context and conventions) and the
 * {@link dev.singletable.core.observation.SingleTableMetrics counters} of consumed capacity, conflicts, retries and
 * unprocessed batch items.
 */
@NullMarked
package dev.singletable.core.observation;

import org.jspecify.annotations.NullMarked;
