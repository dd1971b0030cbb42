package dev.singletable.core.reactive;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.TransactionCancelledException;
import reactor.core.publisher.Mono;

/**
 * The writes of one all-or-nothing DynamoDB transaction of the reactive API, as collected by
 * {@link ReactiveSingleTableOperations#transaction}: the operations of {@link SingleTableTransaction}, each a
 * {@link Mono} that, when subscribed, reads what its plan needs (the stored versions a delete removes, the stored
 * item of an update that keeps stored creation values), checks its arguments, stamps the entity and completes with
 * it as it will be stored; nothing is sent until the transaction commits, as one {@code TransactWriteItems}. The
 * writes made through the template itself inside the transaction join it as well.
 * <p>
 * The limits are the blocking transaction's: at most 100 items and one operation per item, an operation that would
 * exceed either failing at once, naming the operations (and the transaction is not sent). When DynamoDB cancels the
 * transaction, nothing is written and the transaction's {@code Mono} fails with a
 * {@link TransactionCancelledException} saying, per operation, which entity failed and why.
 */
public interface ReactiveSingleTableTransaction {

	/**
	 * Creates a resource (the commit fails when it exists).
	 * @param entity the entity; an id is generated when it has none
	 * @return the entity as it will be stored
	 */
	<T> Mono<T> create(T entity);

	/**
	 * Creates a resource (the commit fails when it exists). Same as {@link #create(Object)}.
	 * @param entity the entity; an id is generated when it has none
	 * @return the entity as it will be stored
	 */
	default <T> Mono<T> insert(T entity) {
		return create(entity);
	}

	/**
	 * Updates a resource as read: the commit fails when it was changed since, or does not exist.
	 * @param entity the entity as read and changed
	 * @return the entity as it will be stored
	 */
	<T> Mono<T> update(T entity);

	/**
	 * Applies changes to a resource as read and updates it, as {@link SingleTableTransaction#update(Object, Changes)}.
	 * @return the entity as it will be stored
	 */
	<T> Mono<T> update(T entity, Changes changes);

	/**
	 * Creates the entity when it is new, else updates it, as {@link ReactiveSingleTableOperations#save} decides.
	 * @return the entity as it will be stored
	 */
	<T> Mono<T> save(T entity);

	/**
	 * Writes a stored version of a versioned resource again as its next version; the version and the latest item
	 * are read now.
	 * @return the entity as it will be stored
	 */
	<T> Mono<T> restoreVersion(Class<T> type, String id, long version);

	/**
	 * Deletes a resource as read: the commit fails when it was changed since. Every version of a versioned
	 * resource, as found now, is deleted (each an item of the transaction).
	 */
	Mono<Void> delete(Object entity);

	/**
	 * Deletes a resource by id, whatever its state; nothing when it does not exist. The versions of a versioned
	 * resource are read now (each is an item of the transaction); when another writer adds one before the commit,
	 * they are read again at the commit and the transaction is sent again, so no version is left behind.
	 */
	Mono<Void> deleteById(Class<?> type, String id);

	/**
	 * Adds {@code delta} to a number property of a plain resource; the commit fails when it does not exist.
	 */
	Mono<Void> increment(Class<?> type, String id, String property, long delta);

	/**
	 * Adds values to a string set property of a plain resource.
	 */
	Mono<Void> addToSet(Class<?> type, String id, String property, String... values);

	/**
	 * Removes values from a string set property of a plain resource.
	 */
	Mono<Void> removeFromSet(Class<?> type, String id, String property, String... values);

	/**
	 * Appends values to a list property of a plain resource.
	 */
	Mono<Void> appendToList(Class<?> type, String id, String property, Object... values);

	/**
	 * Requires, without writing it, that a resource still has the given version.
	 * @param entity the entity (its type and id are used)
	 */
	Mono<Void> requireVersion(Object entity, long version);

	/**
	 * Requires, without writing it, that a resource has the given version.
	 */
	Mono<Void> requireVersion(Class<?> type, String id, long version);

	/**
	 * Requires, without writing it, that a resource exists.
	 */
	Mono<Void> requireExists(Class<?> type, String id);

	/**
	 * Requires that a resource does not exist.
	 */
	Mono<Void> requireAbsent(Class<?> type, String id);

}
