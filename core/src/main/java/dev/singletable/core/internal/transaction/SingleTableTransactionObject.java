package dev.singletable.core.internal.transaction;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.SavepointManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.util.Assert;

/**
 * The transaction object of the singletable transaction managers of both APIs, and what they decide the same way:
 * the holder of the transaction bound under the database factory when Spring asked for a transaction, if any, which
 * the manager's workflow begins ({@link #begin}: the definition checked, the writes it collects made), commits
 * ({@link #toCommit}: the deadline and rollback-only checked, the writes handed to the model's commit), rolls back,
 * suspends and completes. Each manager only binds and unbinds the holder where its model keeps resources (the thread,
 * the Reactor context) and runs the commit's plan on its own caller. For Spring's blocking workflow it says whether a
 * participant marked the transaction rollback-only, and refuses the savepoint Spring asks for a {@code NESTED}
 * transaction, DynamoDB having none (the reactive workflow asks for neither). No I/O.
 */
public final class SingleTableTransactionObject implements SmartTransactionObject, SavepointManager {

	private @Nullable SingleTableResourceHolder<CollectedWrites> holder;

	/**
	 * Creates the transaction object of what is bound under the database factory.
	 * @param bound the bound resource: the holder of a transaction, or {@literal null} for none
	 */
	@SuppressWarnings("unchecked")
	public SingleTableTransactionObject(@Nullable Object bound) {
		this.holder = (SingleTableResourceHolder<CollectedWrites>) bound;
	}

	/**
	 * Returns the transaction object Spring hands back to a manager.
	 * @param transaction the object
	 * @return the object
	 */
	public static SingleTableTransactionObject of(Object transaction) {
		return (SingleTableTransactionObject) transaction;
	}

	/**
	 * Returns whether a transaction was bound when Spring asked for one, so that the method joins it.
	 * @return whether a transaction exists
	 */
	public boolean isExisting() {
		return this.holder != null;
	}

	/**
	 * Begins a transaction, refusing a definition singletable does not support
	 * ({@link TransactionRules#checkBegin}): its holder, synchronized with it, with its timeout, holding the writes
	 * it collects (a read-only transaction's refuse every write).
	 * @param definition the transaction's definition
	 * @param timeoutSeconds its timeout, or {@code TIMEOUT_DEFAULT} for none
	 * @return the holder, for the manager to bind under the factory
	 */
	public SingleTableResourceHolder<CollectedWrites> begin(TransactionDefinition definition, int timeoutSeconds) {
		TransactionRules.checkBegin(definition);
		CollectedWrites writes = definition.isReadOnly() ? CollectedWrites.readOnly(definition.getName())
				: new CollectedWrites();
		this.holder = SingleTableResourceHolder.begin(writes, timeoutSeconds);
		return this.holder;
	}

	/**
	 * Returns the holder of the active transaction.
	 * @return the holder
	 */
	public SingleTableResourceHolder<CollectedWrites> holder() {
		SingleTableResourceHolder<CollectedWrites> holder = this.holder;
		Assert.state(holder != null, "No singletable transaction is active");
		return holder;
	}

	/**
	 * Decides whether the transaction may commit, once its manager unbound it (writes made after, in after-commit
	 * callbacks, are sent at once): not past its deadline, and not marked rollback-only by a transaction that took
	 * part in it (Spring's blocking workflow rolls such a transaction back before it asks for the commit; the
	 * reactive one does not); the writes are then discarded and nothing is sent.
	 * @param logger where the commit is logged at debug level
	 * @param debug whether to log it
	 * @return the writes to commit, whose plan the manager runs on its model's caller
	 * @throws org.springframework.transaction.TransactionTimedOutException when the deadline has passed
	 * @throws UnexpectedRollbackException when the transaction was marked rollback-only
	 */
	public CollectedWrites toCommit(Log logger, boolean debug) {
		SingleTableResourceHolder<CollectedWrites> holder = holder();
		holder.checkDeadline();
		CollectedWrites writes = holder.getWrites();
		if (holder.isRollbackOnly()) {
			writes.discard();
			throw new UnexpectedRollbackException("The " + writes + " was marked rollback-only by a transaction "
					+ "that took part in it, so nothing is sent");
		}
		if (debug) {
			logger.debug("Committing singletable " + writes);
		}
		return writes;
	}

	/**
	 * Rolls the transaction back, once its manager unbound it: nothing was sent, the collected writes are dropped
	 * and the entities they stamped restored.
	 * @param logger where the rollback is logged at debug level
	 * @param debug whether to log it
	 */
	public void rollback(Log logger, boolean debug) {
		CollectedWrites writes = holder().getWrites();
		writes.discard();
		if (debug) {
			logger.debug("Rolling back singletable " + writes + ": nothing is sent");
		}
	}

	/**
	 * Marks the transaction rollback-only, as a participant asks.
	 */
	public void setRollbackOnly() {
		holder().setRollbackOnly();
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
