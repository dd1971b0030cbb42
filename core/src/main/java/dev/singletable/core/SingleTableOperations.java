package dev.singletable.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.query.SingleTableQuery;

/**
 * Operations on resources stored in one DynamoDB table in the {@code simplesingletable} layout. Implemented by
 * {@link SingleTableTemplate}.
 * <p>
 * Plain resources are one item each. Versioned resources keep every state as a numbered item
 * ({@code v1..vN}) plus a copy of the latest ({@code v0}); writes use conditional transactions so that a write
 * based on a stale version fails with {@link VersionConflictException} and writes nothing. All failures are
 * {@link org.springframework.dao.DataAccessException}s.
 * <p>
 * Inside a Spring-managed transaction (a {@code SingleTableTransactionManager} bound to this template's database
 * factory), the write methods do not send anything: each joins the transaction's pending writes, which are sent
 * together as one {@code TransactWriteItems} at commit, as {@link #transaction(Consumer)} does. Entities are
 * returned stamped as they will be stored; reads always read the store. Operations that cannot join a transaction
 * ({@code increment}, whose new value is unknown until commit, {@code deleteVersion}, {@code putAll}) throw
 * {@link org.springframework.dao.InvalidDataAccessApiUsageException} there.
 */
public interface SingleTableOperations {

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	String getTableName();

	/**
	 * Returns the converter between entities and items.
	 * @return the converter
	 */
	SingleTableConverter getConverter();

	/**
	 * Stores a new resource, never replacing one: the write carries {@code attribute_not_exists(pk)}. A
	 * {@literal null} id gets a ULID; timestamps are set, and versioned resources start at version 1 (one
	 * {@code TransactWriteItems} request writing {@code v1} and {@code v0}).
	 * @param entity the new resource; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the stored state, with id, version and timestamps set
	 * @throws DuplicateResourceException when the id exists already
	 */
	<T> T create(T entity);

	/**
	 * Stores a new state of an existing resource, never creating one: the write carries
	 * {@code attribute_exists(pk)} and the entity's {@code @Version} ({@code version = :carried}; a {@literal null}
	 * one requires a stored item without version) or, without a version property, its {@code @LastModifiedDate}
	 * ({@code updated_at = :carried}; without one, no optimistic condition). A versioned resource gets the next version in one
	 * {@code TransactWriteItems} request that also prunes the oldest version beyond the type's maximum; the
	 * write only succeeds if the entity's version is still the latest. A plain resource is replaced only if it
	 * was not modified since it was read (by its {@code @Version} or else its {@code @LastModifiedDate}).
	 * <p>
	 * A versioned type keeps exactly its newest {@code maxVersions} versions: in the steady state the same request
	 * deletes the version that leaves the window and checks that the one below it is gone. When the stored
	 * history is longer (the limit was lowered, or another writer did not prune), the write is sent again without
	 * that check and the older versions are deleted with a key-only query and batched deletes.
	 * <p>
	 * The stored creation time ({@code created_at}) is never changed. When the entity carries its
	 * {@code @CreatedDate} it costs no extra request: uncompressed types make the write conditional on it and, if
	 * the stored one differs, write again with the stored one; compressed types keep it inside {@code data},
	 * beyond a condition's reach, so they write the carried value as is. When the entity carries none (a
	 * {@literal null} {@code @CreatedDate}, as when a request body is bound, or a type that does not map one) the
	 * stored one is read first with one strongly consistent {@code GetItem}, and kept.
	 * <p>
	 * The other creation values ({@code @CreatedBy}, an {@code Auditable}'s {@code createdBy} and
	 * {@code createdDate}) are never changed either: a type that maps one always reads the stored item first (one
	 * strongly consistent {@code GetItem}) and writes its stored values, whether the entity carries
	 * {@literal null} or another value; a value stored as {@literal null} takes the entity's. The condition on the
	 * stored {@code created_at} makes sure the item written over is the one read.
	 * @param entity the new state, carrying the version (or modification time) it was based on
	 * @param <T> the entity type
	 * @return the stored state
	 * @throws VersionConflictException when the resource changed since the entity was read
	 * @throws NoSuchResourceException when the resource does not exist
	 * @throws IllegalArgumentException when the entity has no id, or is of a versioned type and carries no version
	 */
	<T> T update(T entity);

	/**
	 * Applies a partial update to an existing resource: the named properties are set or cleared on a copy of
	 * the entity, which is then stored as with {@link #update(Object)}.
	 * @param entity the state the change is based on
	 * @param changes the properties to set and clear
	 * @param <T> the entity type
	 * @return the stored state
	 * @throws IllegalArgumentException when a named property does not exist, is a system property or cannot take
	 * the value given for it (a value only a coercion would fit, such as {@code 3.7} for an {@code int} or
	 * {@code 42} for a String, counts as one it cannot take); nothing is written then
	 */
	<T> T update(T entity, Changes changes);

	/**
	 * Saves the resource as every Spring Data store does, deciding on the entity as given (before callbacks):
	 * <ul>
	 * <li>a {@link org.springframework.data.domain.Persistable} is {@linkplain #create(Object) created} when
	 * {@code isNew()}, else {@linkplain #update(Object) updated};</li>
	 * <li>an entity with a {@literal null} id, or with a {@code @Version} property holding {@literal null} (or 0),
	 * is created ({@code attribute_not_exists(pk)}: an existing id fails with
	 * {@link DuplicateResourceException});</li>
	 * <li>an entity with a version is updated on condition that the stored version is that one
	 * ({@link VersionConflictException} otherwise);</li>
	 * <li>a plain type without {@code @Version} and with an assigned id is upserted: the stored item is read (one
	 * strongly consistent {@code GetItem}); when there is none the entity is created, else it replaces the item,
	 * keeping its creation values, on condition that the item is still the one read (its {@code created_at}).
	 * When such an entity carries its {@code @LastModifiedDate} (it was read from the store) it is an update
	 * instead, on condition that {@code updated_at} is still that one.</li>
	 * </ul>
	 * An update costs what {@link #update(Object)} costs, including the read of the stored creation values when
	 * the entity carries none.
	 * @param entity the resource
	 * @param <T> the entity type
	 * @return the stored state
	 * @throws DuplicateResourceException when a new entity's id exists already
	 * @throws VersionConflictException when the resource changed since the entity was read
	 */
	<T> T save(T entity);

	/**
	 * Reads the latest state of a resource (one {@code GetItem}).
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return the resource, or empty when it does not exist
	 */
	<T> Optional<T> findById(Class<T> type, String id);

	/**
	 * Reads the latest state of a resource that must exist.
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return the resource
	 * @throws NoSuchResourceException when it does not exist
	 */
	<T> T getById(Class<T> type, String id);

	/**
	 * Reads one version of a versioned resource.
	 * @param type the entity type
	 * @param id the id
	 * @param version the version, from 1
	 * @param <T> the entity type
	 * @return that version, or empty when it does not exist
	 */
	<T> Optional<T> findVersion(Class<T> type, String id, long version);

	/**
	 * Reads every stored version of a versioned resource, newest first (numeric order, so {@code v10} comes
	 * before {@code v9}), reading as many pages as needed.
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return the versions, empty when the resource does not exist
	 */
	<T> List<T> findAllVersions(Class<T> type, String id);

	/**
	 * Lists the stored versions of a versioned resource, newest first (numeric order), with their timestamps but
	 * without their content where the layout allows: one strongly consistent query of the resource's partition
	 * (every page) that reads only the keys, {@code version} and, for uncompressed types, the top-level
	 * {@code created_at}/{@code updated_at}. Compressed types keep the timestamps inside {@code data}, which is
	 * then read and decompressed (only the timestamps are kept). Either way DynamoDB charges read capacity on the
	 * full size of every item read, projection or not: the projection saves transfer and parsing, not capacity.
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return the versions, empty when the resource does not exist
	 */
	<T> List<VersionSummary> findVersionSummaries(Class<T> type, String id);

	/**
	 * Reads the one resource of a singleton type ({@code @SingleTableEntity(singleton = true)}), stored under
	 * {@code SINGLETON#<prefix>} as the Python library stores its singletons. Create it with {@code create} and a
	 * {@literal null} id; update, save and delete it as any resource.
	 * @param type the singleton type
	 * @param <T> the entity type
	 * @return the resource, or empty when it was not created yet
	 * @throws SingletonUsageException when the type is not a singleton
	 */
	<T> Optional<T> findSingleton(Class<T> type);

	/**
	 * Stores the content of an earlier version as a new version.
	 * @param type the entity type
	 * @param id the id
	 * @param version the version whose content to restore
	 * @param <T> the entity type
	 * @return the new latest state
	 * @throws NoSuchResourceException when the resource or that version does not exist
	 */
	<T> T restoreVersion(Class<T> type, String id, long version);

	/**
	 * Deletes a resource unconditionally: the item of a plain resource, or every item of a versioned one (the
	 * latest first, so that a partial failure never leaves a visible resource without its history).
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return whether anything was deleted
	 */
	<T> boolean deleteById(Class<T> type, String id);

	/**
	 * Deletes a resource if it was not changed since the entity was read; does nothing when it no longer
	 * exists.
	 * @param entity the resource as read
	 * @param <T> the entity type
	 * @throws VersionConflictException when it was changed since
	 */
	<T> void delete(T entity);

	/**
	 * Deletes a resource as {@code CrudRepository.delete} promises (repositories delete through this): as
	 * {@link #delete}, but when the entity carries its version (or modification time) and its resource no longer
	 * exists, the delete fails instead of doing nothing — the write is conditioned on the stored version (or
	 * modification time) alone. An entity carrying neither is deleted by id, nothing happening when it is gone.
	 * Inside a transaction the commit fails.
	 * @param entity the resource as read
	 * @param <T> the entity type
	 * @throws VersionConflictException when it was changed or deleted since it was read
	 */
	<T> void deleteExisting(T entity);

	/**
	 * Deletes one version of a versioned resource. When it is the latest version, the {@code v0} copy goes
	 * too, in the same transaction, so the resource no longer reads as existing; older versions stay.
	 * @param type the entity type
	 * @param id the id
	 * @param version the version, from 1
	 * @param <T> the entity type
	 * @return whether that version existed
	 */
	<T> boolean deleteVersion(Class<T> type, String id, long version);

	/**
	 * Loads the value of one {@link dev.singletable.core.mapping.BlobField @BlobField} property of an entity as read
	 * (reads leave blob properties {@literal null}): the stored item of the entity's version names the S3 object,
	 * which may belong to an earlier version when the property did not change since. The entity is not changed.
	 * @param entity the entity, as read
	 * @param property the blob property's name
	 * @param <V> the property's type
	 * @return the value, or {@literal null} when the entity's version has none
	 * @throws IllegalArgumentException when the property is not a blob property of the entity's type
	 * @throws dev.singletable.core.blob.BlobNotFoundException when the item names an object S3 does not hold
	 * @throws dev.singletable.core.blob.BlobTooLargeException when the object exceeds the property's limit
	 */
	<V> @Nullable V loadBlob(Object entity, String property);

	/**
	 * Loads every blob property of an entity as read; see {@link #loadBlob(Object, String)}.
	 * @param entity the entity, as read
	 * @param <T> the entity type
	 * @return the entity with its blob properties set (a new instance for immutable types such as records)
	 */
	<T> T loadBlobs(T entity);

	/**
	 * Starts a query for one entity type; without an index it lists the type through the {@code gsitype}
	 * index, sorted by {@code updated_at}.
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the query
	 */
	<T> SingleTableQuery<T> query(Class<T> type);

	/**
	 * Starts a query over an index shared by several types, returning each item as its own type (recognized by
	 * the prefix of its {@code pk}) and skipping items of other types.
	 * @param types the entity types to return
	 * @return the query
	 */
	SingleTableQuery<Object> queryAny(Class<?>... types);

	/**
	 * Starts a query of an item collection: several entity types that share a partition of one index (a customer,
	 * its orders and its invoices under {@code customer#{customerId}}), read with one {@code Query} per page and
	 * returned grouped by type with {@link SingleTableQuery#collection(String)}.
	 * <pre class="code">
	 * ItemCollection page = template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
	 *     .partition("customer#c1").limit(50).collection(cursor);
	 * List&lt;Order&gt; orders = page.get(Order.class);
	 * </pre>
	 * @param index the index the types share
	 * @param types the collection's types, at least two
	 * @return the query, on the index
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the types do not declare the index
	 * with one partition template (up to property names), naming each type's
	 */
	SingleTableQuery<Object> queryCollection(String index, Class<?>... types);

	/**
	 * Reads the latest state of many resources with {@code BatchGetItem} (chunks of 100, unprocessed keys
	 * retried with backoff and jitter). Missing ids are left out; the order of the ids is kept and duplicates
	 * are read once.
	 * @param type the entity type
	 * @param ids the ids
	 * @param <T> the entity type
	 * @return the resources found, in the order of the ids
	 */
	<T> List<T> findAllById(Class<T> type, Collection<String> ids);

	/**
	 * Writes many plain resources with {@code BatchWriteItem} (chunks of 25, unprocessed items retried with
	 * backoff). Batch writes cannot be conditional: each item replaces whatever has its id. New entities get
	 * ids and timestamps. An entity with an id but no creation time keeps the stored item's one, as an update
	 * does (read first with {@code BatchGetItem}, 100 ids per request; no read when every entity carries one).
	 * @param entities the plain resources
	 * @param <T> the entity type
	 * @return the stored states, in order
	 * @throws IllegalArgumentException before anything is read or sent, for every type it cannot write — one
	 * that is no {@code @SingleTableEntity}, a versioned type, a type with {@code @BlobField} properties — naming
	 * each and what is supported: plain entity types (several in one call) whose whole state is their one item
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for an {@code @Audited} type, while
	 * per-type counts are kept, or inside a transaction: writes that need more than a batch's unconditional puts
	 */
	<T> List<T> putAll(Collection<T> entities);

	/**
	 * Deletes many plain resources with {@code BatchWriteItem}.
	 * @param type the plain entity type
	 * @param ids the ids
	 * @param <T> the entity type
	 * @throws IllegalArgumentException for versioned types
	 */
	<T> void deleteAllById(Class<T> type, Collection<String> ids);

	/**
	 * Atomically adds to a number property of a plain, uncompressed resource, or to an entry of a map property
	 * when named {@code property.key}. Bumps {@code updated_at} (and the type index
	 * sort key unless the type overrides it).
	 * @param type the entity type
	 * @param id the id
	 * @param property the property name, or {@code property.key} for a map entry
	 * @param delta the amount to add (may be negative)
	 * @param <T> the entity type
	 * @return the value read right after the increment; with concurrent increments it may already include
	 * theirs. The update itself is a single-item transaction with a client request token, so a retry after a
	 * lost response never counts twice (two write units and one strongly consistent read per call).
	 * @throws NoSuchResourceException when the resource does not exist
	 */
	<T> long increment(Class<T> type, String id, String property, long delta);

	/**
	 * Atomically adds strings to a {@code Set<String>} property of a plain, uncompressed resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property name
	 * @param values the strings to add
	 * @param <T> the entity type
	 */
	<T> void addToSet(Class<T> type, String id, String property, String... values);

	/**
	 * Atomically removes strings from a {@code Set<String>} property of a plain, uncompressed resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property name
	 * @param values the strings to remove
	 * @param <T> the entity type
	 */
	<T> void removeFromSet(Class<T> type, String id, String property, String... values);

	/**
	 * Atomically appends values to a list property of a plain, uncompressed resource.
	 * @param type the entity type
	 * @param id the id
	 * @param property the property name
	 * @param values the values to append
	 * @param <T> the entity type
	 */
	<T> void appendToList(Class<T> type, String id, String property, Object... values);

	/**
	 * Reads the per-type counts of the {@code MemoryStats} row (one strongly consistent {@code GetItem}): type name
	 * (the type prefix, the class name by default) to count, as kept by either template with
	 * {@code setTrackCounts} and by the Python library.
	 * @return the counts, empty when none were kept yet
	 */
	Map<String, Long> countsByType();

	/**
	 * Runs writes as one all-or-nothing transaction: the operations {@code work} adds to the
	 * {@link SingleTableTransaction} are collected and sent, when it returns, as one {@code TransactWriteItems} with
	 * a client request token (so a retried request never applies twice; cancellations by conflicting transactions
	 * or throttling are retried with backoff). Nothing is sent when {@code work} throws. While {@code work} runs,
	 * the template's own writes and a nested {@code transaction(..)} join this transaction. Inside a
	 * Spring-managed transaction the operations join that one instead, and are sent at its commit.
	 * <p>
	 * At most 100 items and one operation per item: an operation beyond either fails at once, naming the
	 * operations, and nothing is sent. Reads inside {@code work} see the store, not the pending writes. Entity
	 * callbacks (and auditing) of an operation run when it is added, before its write; after-save and after-delete
	 * callbacks run after the commit, never for a cancelled transaction.
	 * @param work adds the transaction's operations
	 * @throws TransactionCancelledException when DynamoDB cancels the transaction (a stale version, a resource that
	 * exists or is missing, a failed check), naming each failed operation; nothing is written then
	 */
	void transaction(Consumer<SingleTableTransaction> work);

	/**
	 * Runs writes as one all-or-nothing transaction, as {@link #transaction(Consumer)} does, and returns what
	 * {@code work} returned once the transaction is stored (such as the entities its operations returned, as they
	 * were stored).
	 * <pre class="code">
	 * Order order = template.inTransaction((tx) -&gt; {
	 *     tx.requireExists(Customer.class, customerId);
	 *     return tx.create(new Order(null, null, customerId));
	 * });
	 * </pre>
	 * @param work adds the transaction's operations and returns the result
	 * @param <R> the type of the result
	 * @return what {@code work} returned
	 * @throws TransactionCancelledException when DynamoDB cancels the transaction; nothing is written then
	 */
	<R> @Nullable R inTransaction(Function<SingleTableTransaction, R> work);

	/**
	 * Reads the latest state of several resources, of any types, as one consistent snapshot: one
	 * {@code TransactGetItems}, so no transaction writing any of them is seen half applied. Reads cancelled by a
	 * conflicting transaction are retried with backoff. Pending writes of a surrounding transaction are not seen.
	 * <pre class="code">
	 * SingleTableSnapshot snapshot = template.readTransaction((r) -&gt; {
	 *     r.get(Order.class, "o1");
	 *     r.get(Customer.class, "c1");
	 * });
	 * Optional&lt;Order&gt; order = snapshot.get(Order.class, "o1");
	 * </pre>
	 * @param reads names the resources to read (at most 100)
	 * @return the snapshot; nothing is sent when no resource is named
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when more than 100 resources are named
	 * (before anything is sent)
	 */
	SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads);

}
