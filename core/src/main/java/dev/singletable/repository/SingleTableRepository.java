package dev.singletable.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;

import dev.singletable.core.Changes;

/**
 * Repository for a type stored in the single table, with {@link String} ids.
 * <ul>
 * <li>{@code save} decides as every Spring Data store (see {@link dev.singletable.core.SingleTableOperations#save}):
 * a new entity ({@literal null} id, {@literal null} {@code @Version}, or {@code Persistable.isNew()}) is created
 * ({@code attribute_not_exists(pk)}); a plain type without {@code @Version} and with an assigned id is upserted;
 * otherwise the next state is written on condition that the stored version (or modification time) is the one the
 * entity carries, failing with {@link org.springframework.dao.OptimisticLockingFailureException} when it is not.
 * Entity callbacks and auditing run for every write; {@code @DomainEvents} are published after
 * {@code save}/{@code saveAll}/{@code delete}.</li>
 * <li>{@code findAll()} and {@code count()} read the type index: cost grows with the number of items of the
 * type.</li>
 * <li>{@code findAll(Sort)} and {@code findAll(Pageable)} read the type index too, in the order of its sort key
 * ({@code updated_at}, or the entity's own {@code gsitype} sort template), ascending or descending; a sort by
 * any other property throws {@link dev.singletable.core.query.InvalidSortException} naming the sortable ones.
 * Page {@code n} reads the {@code n * size} items before it and, unless the page itself shows the total, counts
 * the type with a {@code COUNT} query: prefer {@code Window}/cursor methods for deep paging.</li>
 * <li>{@code findAllById} is one {@code BatchGetItem} per 100 ids, returning the resources found in the order of
 * the ids, each once.</li>
 * <li>{@code delete}/{@code deleteAll(entities)} of an entity carrying its version (or modification time) fail with
 * {@link org.springframework.dao.OptimisticLockingFailureException} when the resource was changed or deleted
 * since it was read; {@code deleteById}/{@code deleteAllById} do nothing for a resource that is gone.</li>
 * </ul>
 * Query methods are derived from their names onto the indexes the entity declares with
 * {@link dev.singletable.core.mapping.IndexKey @IndexKey}; a method no index covers fails at startup.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface SingleTableRepository<T>
		extends ListCrudRepository<T, String>, ListPagingAndSortingRepository<T, String> {

	/**
	 * Saves the entity as every Spring Data store does, deciding on the entity as given:
	 * <ul>
	 * <li>new ({@literal null} id, {@literal null} or 0 {@code @Version}, or {@code Persistable.isNew()}): created,
	 * the write carrying {@code attribute_not_exists(pk)}
	 * ({@link org.springframework.dao.DuplicateKeyException} for an existing id);</li>
	 * <li>a {@code @Version}: updated on condition {@code version = :carried}
	 * ({@link org.springframework.dao.OptimisticLockingFailureException} when stale);</li>
	 * <li>a plain type without {@code @Version} and with an assigned id: upserted, one strongly consistent read
	 * then a create ({@code attribute_not_exists(pk)}) or a replace on condition that {@code created_at} is the one
	 * read, keeping the stored creation values; when the entity carries its {@code @LastModifiedDate} it is an
	 * update on condition {@code updated_at = :carried};</li>
	 * <li>a {@code Persistable} that is not new: updated, on condition {@code attribute_exists(pk)} plus its
	 * version or modification time as above ({@link dev.singletable.core.NoSuchResourceException} when absent).</li>
	 * </ul>
	 * See {@link dev.singletable.core.SingleTableOperations#save}.
	 * @param entity the entity; must not be {@literal null}
	 * @param <S> the entity type
	 * @return the stored state, with id, version and timestamps set
	 */
	@Override
	<S extends T> S save(S entity);

	/**
	 * Stores a new resource, failing when the id exists already: the write carries {@code attribute_not_exists(pk)},
	 * whatever the entity's version or {@code Persistable.isNew()} say.
	 * @param entity the new resource
	 * @param <S> the entity type
	 * @return the stored state
	 * @throws org.springframework.dao.DuplicateKeyException when the id exists
	 */
	<S extends T> S insert(S entity);

	/**
	 * Stores the next state of an existing resource: the write carries {@code attribute_exists(pk)} and, when the
	 * entity has one, its {@code @Version} ({@code version = :carried}) or else its {@code @LastModifiedDate}
	 * ({@code updated_at = :carried}); the stored creation values are kept (see
	 * {@link dev.singletable.core.SingleTableOperations#update}).
	 * @param entity the new state, carrying the version it was based on
	 * @param <S> the entity type
	 * @return the stored state
	 * @throws org.springframework.dao.OptimisticLockingFailureException when it changed since it was read
	 * @throws dev.singletable.core.NoSuchResourceException when it does not exist
	 * @throws IllegalArgumentException when the entity has no id, or is of a versioned type and carries no version
	 */
	<S extends T> S update(S entity);

	/**
	 * Applies a partial update to an existing resource.
	 * @param entity the state the change is based on
	 * @param changes the properties to set and clear
	 * @param <S> the entity type
	 * @return the stored state
	 */
	<S extends T> S update(S entity, Changes changes);

}
