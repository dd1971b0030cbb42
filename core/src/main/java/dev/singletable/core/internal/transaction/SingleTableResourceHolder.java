package dev.singletable.core.internal.transaction;

import org.springframework.transaction.support.ResourceHolderSupport;
import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.SingleTableTransactionManager;

/**
 * The resource a {@code SingleTableTransactionManager} binds to the thread for one Spring-managed transaction, keyed
 * by its {@link SingleTableDatabaseFactory}: the {@link CollectedWrites} that collect the transaction's writes, from
 * every template built on that factory.
 */
public final class SingleTableResourceHolder extends ResourceHolderSupport {

	private final CollectedWrites writes;

	public SingleTableResourceHolder(CollectedWrites writes) {
		this.writes = writes;
	}

	public CollectedWrites getWrites() {
		return this.writes;
	}

}
