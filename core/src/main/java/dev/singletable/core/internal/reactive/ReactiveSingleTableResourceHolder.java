package dev.singletable.core.internal.reactive;

import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * The resource a reactive singletable transaction manager binds to the transaction's context (Spring's reactive
 * {@code TransactionSynchronizationManager}, carried in the Reactor context) for one transaction, keyed by its
 * database factory: the {@link ReactiveCollectedWrites} that collect the writes of every reactive template built on
 * that factory, its rollback-only flag and deadline.
 */
public final class ReactiveSingleTableResourceHolder extends ResourceHolderSupport {

	private final ReactiveCollectedWrites writes;

	public ReactiveSingleTableResourceHolder(ReactiveCollectedWrites writes) {
		this.writes = writes;
	}

	public ReactiveCollectedWrites getWrites() {
		return this.writes;
	}

}
