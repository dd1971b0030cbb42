package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.SavepointManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.util.Assert;

/**
 * The transaction object of the singletable transaction managers of both APIs: the holder of the transaction bound
 * under the database factory when Spring asked for a transaction, if any, which the manager's workflow begins,
 * suspends and completes. For Spring's blocking workflow it says whether a participant marked the transaction
 * rollback-only, and refuses the savepoint Spring asks for a {@code NESTED} transaction, DynamoDB having none (the
 * reactive workflow asks for neither).
 *
 * @param <W> the type of the collected writes
 */
public final class SingleTableTransactionObject<W> implements SmartTransactionObject, SavepointManager {

	private @Nullable SingleTableResourceHolder<W> holder;

	/**
	 * Creates the transaction object of what is bound under the database factory.
	 * @param bound the bound resource: the holder of a transaction, or {@literal null} for none
	 */
	@SuppressWarnings("unchecked")
	public SingleTableTransactionObject(@Nullable Object bound) {
		this.holder = (SingleTableResourceHolder<W>) bound;
	}

	/**
	 * Returns the transaction object Spring hands back to a manager.
	 * @param transaction the object
	 * @param <W> the type of the collected writes
	 * @return the object
	 */
	@SuppressWarnings("unchecked")
	public static <W> SingleTableTransactionObject<W> of(Object transaction) {
		return (SingleTableTransactionObject<W>) transaction;
	}

	/**
	 * Returns whether a transaction was bound when Spring asked for one, so that the method joins it.
	 * @return whether a transaction exists
	 */
	public boolean isExisting() {
		return this.holder != null;
	}

	/**
	 * Begins a transaction: its holder, synchronized with it, with its timeout.
	 * @param writes the writes it collects
	 * @param timeoutSeconds its timeout, or {@code TIMEOUT_DEFAULT} for none
	 * @return the holder, for the manager to bind under the factory
	 */
	public SingleTableResourceHolder<W> begin(W writes, int timeoutSeconds) {
		this.holder = SingleTableResourceHolder.begin(writes, timeoutSeconds);
		return this.holder;
	}

	/**
	 * Returns the holder of the active transaction.
	 * @return the holder
	 */
	public SingleTableResourceHolder<W> holder() {
		SingleTableResourceHolder<W> holder = this.holder;
		Assert.state(holder != null, "No singletable transaction is active");
		return holder;
	}

	/**
	 * Forgets the transaction while it is suspended; the manager unbinds its holder and binds it again on resume.
	 */
	public void suspend() {
		this.holder = null;
	}

	/**
	 * Clears the transaction's holder once it completed (however it ended).
	 */
	public void complete() {
		if (this.holder != null) {
			this.holder.clear();
			this.holder = null;
		}
	}

	@Override
	public boolean isRollbackOnly() {
		return this.holder != null && this.holder.isRollbackOnly();
	}

	@Override
	public void flush() {
		// Writes are collected, never flushed before the commit
	}

	@Override
	public Object createSavepoint() {
		throw TransactionRules.nestedNotSupported(null);
	}

	@Override
	public void rollbackToSavepoint(Object savepoint) {
		throw TransactionRules.nestedNotSupported(null);
	}

	@Override
	public void releaseSavepoint(Object savepoint) {
		throw TransactionRules.nestedNotSupported(null);
	}

}
