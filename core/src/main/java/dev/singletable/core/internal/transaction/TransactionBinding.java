package dev.singletable.core.internal.transaction;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.internal.write.send.UnitSender;

/**
 * The one rule for whether a template write joins a Spring-managed transaction: it does when a
 * {@link SingleTableResourceHolder} is bound to the current thread under the template's
 * {@link SingleTableDatabaseFactory} as key, whichever template or manager bound it. Each template has one binding;
 * the first of its writes in a transaction joins the transaction's {@link CollectedWrites} as a collecting
 * {@link DefaultSingleTableTransaction} of its own, which its later writes reach.
 */
public final class TransactionBinding {

	private final SingleTableDatabaseFactory databaseFactory;

	private final UnitSender sender;

	private final Function<CollectedWrites, PendingTransaction> joining;

	/**
	 * Creates the binding of a template.
	 * @param databaseFactory the template's database factory, the key transactions are bound under
	 * @param sender the template's sender, which sends the template's units at the commit
	 * @param joining makes the template's collecting transaction on a transaction it joins
	 */
	public TransactionBinding(SingleTableDatabaseFactory databaseFactory, UnitSender sender,
			Function<CollectedWrites, PendingTransaction> joining) {
		this.databaseFactory = databaseFactory;
		this.sender = sender;
		this.joining = joining;
	}

	/**
	 * Returns the template's writes in the transaction bound to the current thread for its database factory, joining
	 * it, or {@code null} when writes are to be sent at once.
	 */
	public @Nullable PendingTransaction current() {
		CollectedWrites bound = bound();
		return (bound != null) ? bound.join(this.sender, this.joining) : null;
	}

	/**
	 * Returns whether a transaction is bound to the current thread for the template's database factory.
	 */
	public boolean isActive() {
		return bound() != null;
	}

	private @Nullable CollectedWrites bound() {
		Object resource = TransactionSynchronizationManager.getResource(this.databaseFactory);
		return (resource instanceof SingleTableResourceHolder<?> holder
				&& holder.getWrites() instanceof CollectedWrites writes) ? writes : null;
	}

}
