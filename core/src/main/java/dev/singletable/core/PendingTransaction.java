package dev.singletable.core;

/**
 * A transaction that collects writes and sends them together, as one {@code TransactWriteItems}, when
 * {@link #commit()} is called. The template opens one for each Spring-managed transaction (see
 * {@link TransactionBinding}); writes made through the template while it is bound join it instead of being sent.
 * Nothing is sent when it is discarded.
 */
interface PendingTransaction extends SingleTableTransaction {

	/**
	 * Sends every collected write as one {@code TransactWriteItems}, all or nothing. Does nothing when no write was
	 * collected.
	 * @throws TransactionCancelledException when DynamoDB cancels the transaction
	 */
	void commit();

	/**
	 * Drops the collected writes without sending them (a rollback): the mutable entities they stamped get back the
	 * id, version and timestamps they had before. A failed {@link #commit()} does this itself.
	 */
	void discard();

	/**
	 * Returns whether no write was collected.
	 */
	boolean isEmpty();

	/**
	 * Adds the delete of an entity as read, as {@link #delete(Object)} does, or as {@code CrudRepository.delete}
	 * asks: failing when its resource no longer exists.
	 * @param existing whether a resource found gone fails the delete (the commit)
	 */
	void delete(Object entity, boolean existing);

}
