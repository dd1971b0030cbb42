/**
 * What the reactive template adds to the plans both templates share: {@code ReactiveComponents} runs the operations'
 * plans ({@code core.internal.operation}) and the reads' plans on the {@code ReactiveDriver}; {@code ReactorCaller}
 * answers what a plan asks its caller from the subscriber's Reactor context — the reactive entity callbacks
 * ({@code ReactiveCallbacks}), the audit details of the scope captured at call time ({@code ReactiveAuditing}) and the
 * reactive transaction bound or pinned ({@code ReactiveTransactions}); {@code ReactiveCollectedWrites} and
 * {@code ReactiveUnitWriter} commit a reactive transaction's units; {@code BlockingTransactionGuard} refuses a
 * blocking transaction around a reactive one.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core.reactive}.
 */
@NullMarked
package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.NullMarked;
