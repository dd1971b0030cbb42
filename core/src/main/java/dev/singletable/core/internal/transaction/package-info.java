/**
 * Transactions: the operations of a {@code SingleTableTransaction} as units ({@code
 * DefaultSingleTableTransaction}), collected from every template of one database factory, blocking or reactive
 * ({@code CollectedWrites}, whose commit is one plan; {@code ThreadCaller} runs it on the blocking driver) and bound to
 * the thread under the factory ({@code SingleTableResourceHolder}). Whether a write joins is asked by its plan and
 * answered by one set of rules for every runtime ({@code TransactionRequests}), given the transaction the runtime's
 * caller found bound. The transaction managers of both APIs bind the same
 * holder through the same transaction object ({@code SingleTableTransactionObject}), under the database factory, the
 * key of the transaction.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.NullMarked;
