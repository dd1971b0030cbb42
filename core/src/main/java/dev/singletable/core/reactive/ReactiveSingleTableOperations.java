package dev.singletable.core.reactive;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.reactivestreams.Publisher;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.convert.SingleTableConverter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of {@link SingleTableOperations} — by id, on versions, in batches, atomic updates, counts and
 * queries —, reactive: each returns a {@link Mono} or {@link Flux} that sends its requests on the SDK's async client
 * when subscribed, with the same item layout, the same conditions and the same exceptions (as error signals) as the
 * blocking template. Implemented by {@link ReactiveSingleTableTemplate}.
 *
 * @see SingleTableOperations
 */
public interface ReactiveSingleTableOperations {

	/**
	 * Returns the name of the table.
	 */
	String getTableName();

	/**
	 * Returns the converter between entities and items.
	 */
	SingleTableConverter getConverter();

	/**
	 * Creates a resource, as {@link SingleTableOperations#create}: its id assigned when it has none, version 1.
	 * @return the entity as stored; a {@link DuplicateResourceException} when the resource exists
	 */
	<T> Mono<T> create(T entity);

	/**
	 * Updates a resource as read, as {@link SingleTableOperations#update(Object)}: the next version of a versioned
	 * type, optimistic for every type.
	 * @return the entity as stored; a {@link VersionConflictException} when another write came first, a
	 * {@link NoSuchResourceException} when it is gone
	 */
	<T> Mono<T> update(T entity);

	/**
	 * Applies changes to an entity as read and updates it, as {@link SingleTableOperations#update(Object, Changes)}.
	 * @return the entity as stored
	 */
	<T> Mono<T> update(T entity, Changes changes);

	/**
	 * Creates or updates an entity, as {@link SingleTableOperations#save}: a plain type's entity with an assigned id
	 * and no modification time is written whether it exists or not (its stored creation values kept).
	 * @return the entity as stored
	 */
	<T> Mono<T> save(T entity);

	/**
	 * Reads the latest copy of a resource.
	 * @return the entity, empty when none is stored (or it expired)
	 */
	<T> Mono<T> findById(Class<T> type, String id);

	/**
	 * Reads the latest copy of a resource that must exist.
	 * @return the entity; a {@link NoSuchResourceException} when none is stored
	 */
	<T> Mono<T> getById(Class<T> type, String id);

	/**
	 * Reads one stored version of a versioned resource.
	 * @return the entity as it was at that version, empty when the version is not stored
	 */
	<T> Mono<T> findVersion(Class<T> type, String id, long version);

	/**
	 * Reads every stored version of a versioned resource, newest first.
	 */
	<T> Flux<T> findAllVersions(Class<T> type, String id);

	/**
	 * Writes a stored version again as the next version, as {@link SingleTableOperations#restoreVersion}.
	 * @return the entity as stored; a {@link NoSuchResourceException} when the version or resource is not stored
	 */
	<T> Mono<T> restoreVersion(Class<T> type, String id, long version);

	/**
	 * Deletes every stored item of a resource.
	 * @return whether anything was stored
	 */
	<T> Mono<Boolean> deleteById(Class<T> type, String id);

	/**
	 * Deletes a resource as read, as {@link SingleTableOperations#delete}: a {@link VersionConflictException} when it
	 * changed since; nothing when it is gone already.
	 */
	<T> Mono<Void> delete(T entity);

	/**
	 * Deletes a resource as read that must still exist, as {@link SingleTableOperations#deleteExisting}.
	 */
	<T> Mono<Void> deleteExisting(T entity);

	/**
	 * Lists the stored versions of a versioned resource, newest first, with their timestamps, as
	 * {@link SingleTableOperations#findVersionSummaries} reads them.
	 * @return the versions, none when the resource does not exist
	 */
	<T> Flux<VersionSummary> findVersionSummaries(Class<T> type, String id);

	/**
	 * Reads the one resource of a singleton type, as {@link SingleTableOperations#findSingleton}.
	 * @return the resource, empty when it was not created yet; a {@link SingletonUsageException} when the type is
	 * not a singleton
	 */
	<T> Mono<T> findSingleton(Class<T> type);

	/**
	 * Deletes one version of a versioned resource, as {@link SingleTableOperations#deleteVersion}: the latest one
	 * together with {@code v0}, only while it is the latest.
	 * @return whether that version existed
	 */
	<T> Mono<Boolean> deleteVersion(Class<T> type, String id, long version);

	/**
	 * Reads the latest state of many resources with {@code BatchGetItem}, as
	 * {@link SingleTableOperations#findAllById} (chunks of 100, unprocessed keys sent again after a backoff). Every
	 * chunk is read before the first resource is emitted, to keep the order of the ids.
	 * @return the resources found, in the order of the ids, duplicates read once
	 */
	<T> Flux<T> findAllById(Class<T> type, Collection<String> ids);

	/**
	 * Writes many plain resources with {@code BatchWriteItem} without condition, as
	 * {@link SingleTableOperations#putAll}, with the same refusals (as error signals, before anything is sent).
	 * @return the entities as stored, in order; an {@link IncompleteBatchWriteException} naming every write not
	 * confirmed when a chunk fails
	 */
	<T> Flux<T> putAll(Collection<T> entities);

	/**
	 * Deletes many plain resources with {@code BatchWriteItem}, as {@link SingleTableOperations#deleteAllById}.
	 * @return completes once every item is deleted; an {@link IncompleteBatchWriteException} when a chunk fails
	 */
	<T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids);

	/**
	 * Atomically adds to a number property (or {@code property.key}, a map entry) of a plain, uncompressed
	 * resource, as {@link SingleTableOperations#increment}.
	 * @return the value read right after the increment; a {@link NoSuchResourceException} when the resource does
	 * not exist
	 */
	<T> Mono<Long> increment(Class<T> type, String id, String property, long delta);

	/**
	 * Atomically adds strings to a {@code Set<String>} property, as {@link SingleTableOperations#addToSet}.
	 */
	<T> Mono<Void> addToSet(Class<T> type, String id, String property, String... values);

	/**
	 * Atomically removes strings from a {@code Set<String>} property, as
	 * {@link SingleTableOperations#removeFromSet}.
	 */
	<T> Mono<Void> removeFromSet(Class<T> type, String id, String property, String... values);

	/**
	 * Atomically appends values to a list property, as {@link SingleTableOperations#appendToList}.
	 */
	<T> Mono<Void> appendToList(Class<T> type, String id, String property, Object... values);

	/**
	 * Reads the per-type counts of the {@code MemoryStats} row (one strongly consistent {@code GetItem}), as
	 * {@link SingleTableOperations#countsByType} does: kept by either template with {@code setTrackCounts} and by the
	 * Python library.
	 * @return type name to count, empty when none were kept yet
	 */
	Mono<Map<String, Long>> countsByType();

	/**
	 * Runs writes as one all-or-nothing transaction, as {@link SingleTableOperations#transaction} does: the
	 * operations {@code work} adds to the {@link ReactiveSingleTableTransaction} it is given, and the writes it makes
	 * through the template, are collected while the publisher it returns runs and sent as one
	 * {@code TransactWriteItems} when it completes; nothing is sent when it fails, or when the returned {@code Mono}
	 * is cancelled. Its values are ignored: the entities it emits are not stored before the commit.
	 * @param work adds the transaction's writes; the publisher it returns is subscribed inside the transaction
	 * @return completes once the transaction is stored; a {@link dev.singletable.core.TransactionCancelledException}
	 * (each failed operation's entity and reason) when DynamoDB cancels it, and then nothing was written
	 */
	Mono<Void> transaction(Function<ReactiveSingleTableTransaction, ? extends Publisher<?>> work);

	/**
	 * Runs writes as one all-or-nothing transaction, as {@link #transaction} does, and emits the value of the
	 * {@code Mono} {@code work} returns once the transaction is stored, as {@link SingleTableOperations#inTransaction}
	 * returns it.
	 * @param work adds the transaction's writes; the {@code Mono} it returns is subscribed inside the transaction
	 * @param <R> the type of the result
	 * @return the value, once the transaction is stored (empty when the {@code Mono} was); a
	 * {@link dev.singletable.core.TransactionCancelledException} when DynamoDB cancels it, and then nothing was
	 * written
	 */
	<R> Mono<R> inTransaction(Function<ReactiveSingleTableTransaction, ? extends Mono<R>> work);

	/**
	 * Reads the latest state of several resources as one consistent snapshot ({@code TransactGetItems}), as
	 * {@link SingleTableOperations#readTransaction} does: at most 100, refused before anything is sent beyond.
	 * @param reads names the resources
	 * @return the snapshot
	 */
	Mono<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads);

	/**
	 * Starts a query of one type: on the type index by default, or an index the type declares. Nothing is read
	 * before a terminal's {@code Mono}/{@code Flux} is subscribed; its cursors resume in the blocking query and back.
	 * @param type the type
	 * @return the query
	 */
	<T> ReactiveSingleTableQuery<T> query(Class<T> type);

	/**
	 * Starts a query over several types sharing an index, each item read as its own type.
	 * @param types the types
	 * @return the query
	 */
	ReactiveSingleTableQuery<Object> queryAny(Class<?>... types);

	/**
	 * Starts a query of an item collection: several entity types that share a partition of one index, read with one
	 * {@code Query} per page and returned grouped by type with {@link ReactiveSingleTableQuery#collection(String)}
	 * (see the blocking {@code SingleTableOperations.queryCollection}).
	 * @param index the index the types share
	 * @param types the collection's types, at least two
	 * @return the query, on the index
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the types do not declare the index
	 * with one partition template (up to property names), naming each type's
	 */
	ReactiveSingleTableQuery<Object> queryCollection(String index, Class<?>... types);

	/**
	 * Loads the value of one {@link dev.singletable.core.mapping.BlobField @BlobField} property of an entity as read,
	 * as {@link SingleTableOperations#loadBlob}: the stored item of the entity's version names the S3 object. The
	 * entity is not changed.
	 * @param entity the entity, as read
	 * @param property the blob property's name
	 * @param <V> the property's type
	 * @return the value, empty when the entity's version has none; an {@link IllegalArgumentException} when the
	 * property is not a blob property, a {@link dev.singletable.core.blob.BlobNotFoundException BlobNotFoundException}
	 * or {@link dev.singletable.core.blob.BlobTooLargeException BlobTooLargeException} as the blocking template's
	 */
	<V> Mono<V> loadBlob(Object entity, String property);

	/**
	 * Loads every blob property of an entity as read; see {@link #loadBlob(Object, String)}.
	 * @param entity the entity, as read
	 * @param <T> the entity type
	 * @return the entity with its blob properties set (a new instance for immutable types such as records)
	 */
	<T> Mono<T> loadBlobs(T entity);

}
