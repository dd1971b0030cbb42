package dev.singletable.core;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one rule for whether a template write joins a Spring-managed transaction: it does when a
 * {@link SingleTableResourceHolder} is bound to the current thread under the template as key.
 */
final class TransactionBinding {

	private TransactionBinding() {
	}

	/**
	 * Returns the pending transaction bound to the current thread for the given template, or {@code null} when
	 * writes are to be sent at once.
	 */
	static @Nullable PendingTransaction current(Object template) {
		Object resource = TransactionSynchronizationManager.getResource(template);
		return (resource instanceof SingleTableResourceHolder holder) ? holder.getTransaction() : null;
	}

}
