/**
 * What is the reactive template's own over the plans both templates run: {@code ReactiveComponents} builds a
 * template's plans and runs them on the {@code ReactiveDriver}; {@code ReactorCaller} answers what they ask their
 * caller from the subscriber's Reactor context (the reactive entity callbacks, the audit scope captured at call time,
 * the transaction bound) and runs a reactive transaction's commit, one plan ({@code CollectedWrites.commit()});
 * {@code ReactiveTransactions} finds the transaction bound, {@code ReactiveAuditing} and {@code ReactiveCallbacks}
 * answer from the context, and {@code BlockingTransactionGuard} refuses a reactive write on a thread holding a
 * blocking transaction.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core.reactive}.
 */
@NullMarked
package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.NullMarked;
