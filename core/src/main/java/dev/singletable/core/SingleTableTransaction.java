package dev.singletable.core;

/**
 * The writes of one all-or-nothing DynamoDB transaction, as collected by
 * {@link SingleTableOperations#transaction(java.util.function.Consumer)} (or by a Spring-managed transaction). Each
 * method checks its arguments, stamps and returns the entity as it will be stored once the transaction commits
 * (new id, version, timestamps); nothing is sent until the transaction commits, as one {@code TransactWriteItems}.
 * <p>
 * Each operation contributes items: a versioned create two ({@code v1} and {@code v0}), a versioned update two
 * ({@code vN+1} and {@code v0}; the version leaving {@code maxVersions} is pruned after the commit), a
 * versioned delete one per stored version, everything else one. A transaction holds at most 100 items and at most
 * one operation per item: an operation that would exceed either fails at once, naming the operations, and the
 * transaction is not sent. Reads made meanwhile see the store, never the pending writes.
 * <p>
 * When DynamoDB cancels the transaction, nothing is written and a {@link TransactionCancelledException} says, per
 * operation, which entity failed and why.
 * <p>
 * For a type whose reads hide expired items ({@code hideExpired}), an expired item that DynamoDB has not deleted yet
 * counts as missing, as reads say: checks ({@code requireExists}, {@code requireVersion}, {@code requireAbsent}) and
 * atomic changes see it so, and a plain resource created over it replaces it.
 */
public interface SingleTableTransaction {

	/**
	 * Creates a resource (fails when it exists). Same as {@link #insert(Object)}.
	 * @param entity the entity; an id is generated when it has none
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	<T> T create(T entity);

	/**
	 * Creates a resource (fails when it exists). Same as {@link #create(Object)}.
	 * @param entity the entity; an id is generated when it has none
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	default <T> T insert(T entity) {
		return create(entity);
	}

	/**
	 * Updates a resource as read: fails when it was changed since (its version, or modification time, differs) or
	 * does not exist. A versioned resource gets its next version.
	 * @param entity the entity as read and changed
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	<T> T update(T entity);

	/**
	 * Applies changes to a resource as read and updates it, as {@link SingleTableOperations#update(Object, Changes)}.
	 * @param entity the entity as read
	 * @param changes the properties to change
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	<T> T update(T entity, Changes changes);

	/**
	 * Creates the entity when it is new (no id, or no version yet), else updates it.
	 * @param entity the entity
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	<T> T save(T entity);

	/**
	 * Writes a stored version of a versioned resource again as its next version, as
	 * {@link SingleTableOperations#restoreVersion(Class, String, long)}; the version and the latest item are read
	 * now.
	 * @param type the entity type
	 * @param id the id
	 * @param version the version to restore
	 * @param <T> the entity type
	 * @return the entity as it will be stored
	 */
	<T> T restoreVersion(Class<T> type, String id, long version);

	/**
	 * Deletes a resource as read: fails when it was changed since. All versions of a versioned resource are
	 * deleted (each is an item of the transaction).
	 * @param entity the entity as read
	 */
	void delete(Object entity);

	/**
	 * Deletes a resource by id, whatever its state; nothing when it does not exist. The versions of a versioned
	 * resource are read now (each is an item of the transaction); when another writer adds one before the commit,
	 * they are read again at the commit and the transaction is sent again, so no version is left behind.
	 * @param type the entity type
	 * @param id the id
	 */
	void deleteById(Class<?> type, String id);

	/**
	 * Adds {@code delta} to a number property of a plain resource (or, with {@code "property.key"}, to an entry of
	 * a map property); fails when the resource does not exist. The new value is known only in the store.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property
	 * @param delta the amount to add (negative to subtract)
	 */
	void increment(Class<?> type, String id, String property, long delta);

	/**
	 * Adds values to a string set property of a plain resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property
	 * @param values the values
	 */
	void addToSet(Class<?> type, String id, String property, String... values);

	/**
	 * Removes values from a string set property of a plain resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property
	 * @param values the values
	 */
	void removeFromSet(Class<?> type, String id, String property, String... values);

	/**
	 * Appends values to a list property of a plain resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property
	 * @param values the values
	 */
	void appendToList(Class<?> type, String id, String property, Object... values);

	/**
	 * Requires, without writing it, that a resource still has the given version.
	 * @param entity the entity (its type and id are used)
	 * @param version the version it must have
	 */
	void requireVersion(Object entity, long version);

	/**
	 * Requires, without writing it, that a resource has the given version.
	 * @param type the entity type; must have a version property
	 * @param id the id
	 * @param version the version it must have
	 */
	void requireVersion(Class<?> type, String id, long version);

	/**
	 * Requires, without writing it, that a resource exists.
	 * @param type the entity type
	 * @param id the id
	 */
	void requireExists(Class<?> type, String id);

	/**
	 * Requires that a resource does not exist.
	 * @param type the entity type
	 * @param id the id
	 */
	void requireAbsent(Class<?> type, String id);

}
