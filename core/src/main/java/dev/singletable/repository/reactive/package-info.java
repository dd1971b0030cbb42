/**
 * Reactive repository interfaces for single-table entities, on the reactive template
 * ({@link dev.singletable.core.reactive.ReactiveSingleTableOperations}): the counterparts of
 * {@link dev.singletable.repository.SingleTableRepository}, {@link dev.singletable.repository.VersionedRepository}
 * and {@link dev.singletable.repository.ReadOnlySingleTableRepository}, whose derived query methods return
 * {@code Flux}/{@code Mono} and are planned as the blocking ones are.
 */
@NullMarked
package dev.singletable.repository.reactive;

import org.jspecify.annotations.NullMarked;
