package dev.singletable.core.reactive;

import java.util.function.Consumer;
import java.util.function.Function;

import org.reactivestreams.Publisher;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.convert.SingleTableConverter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of {@link SingleTableOperations} by id, reactive: each returns a {@link Mono} or {@link Flux} that
 * sends its requests on the SDK's async client when subscribed, with the same item layout, the same conditions and
 * the same exceptions (as error signals) as the blocking template. Implemented by
 * {@link ReactiveSingleTableTemplate}.
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
	 * Creates or updates an entity, as {@link SingleTableOperations#save}; the upsert of a plain type with an
	 * assigned id and no modification time is refused with an {@link UnsupportedOperationException}.
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

}
