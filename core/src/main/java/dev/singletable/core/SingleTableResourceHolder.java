package dev.singletable.core;

import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * The resource a {@code SingleTableTransactionManager} binds to the thread for one Spring-managed transaction, keyed
 * by the template: the {@link PendingTransaction} that collects the transaction's writes.
 */
final class SingleTableResourceHolder extends ResourceHolderSupport {

	private final PendingTransaction transaction;

	SingleTableResourceHolder(PendingTransaction transaction) {
		this.transaction = transaction;
	}

	PendingTransaction getTransaction() {
		return this.transaction;
	}

}
