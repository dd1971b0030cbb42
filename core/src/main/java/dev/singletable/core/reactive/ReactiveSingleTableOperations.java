package dev.singletable.core.reactive;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableOperations;
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
