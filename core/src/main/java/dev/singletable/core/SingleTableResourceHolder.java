package dev.singletable.core;

import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * The resource a {@code SingleTableTransactionManager} binds to the thread for one Spring-managed transaction, keyed
 * by its {@link SingleTableDatabaseFactory}: the {@link CollectedWrites} that collect the transaction's writes, from
 * every template built on that factory.
 */
final class SingleTableResourceHolder extends ResourceHolderSupport {

	private final CollectedWrites writes;

	SingleTableResourceHolder(CollectedWrites writes) {
		this.writes = writes;
	}

	CollectedWrites getWrites() {
		return this.writes;
	}

}
