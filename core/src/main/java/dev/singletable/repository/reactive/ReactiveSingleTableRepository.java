package dev.singletable.repository.reactive;

import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import org.springframework.data.repository.reactive.ReactiveSortingRepository;

import dev.singletable.core.Changes;
import reactor.core.publisher.Mono;

/**
 * Reactive repository for a type stored in the single table, with {@link String} ids: the counterpart of
 * {@link dev.singletable.repository.SingleTableRepository} on the reactive template
 * ({@link dev.singletable.core.reactive.ReactiveSingleTableOperations}), writing the same items with the same
 * conditions and failing with the same exceptions, as error signals. Nothing is sent before a result is subscribed.
 * <ul>
 * <li>{@code save} decides as the blocking repository does (create, or the next state on condition of the carried
 * version or modification time, or the upsert of a plain type with an assigned id and no modification time).</li>
 * <li>{@code findAll()}, {@code findAll(Sort)} and {@code count()} read the type index; a {@code Flux} reads one
 * page at a time as the subscriber asks, and cancelling stops the reading.</li>
 * <li>{@code findAllById} reads the ids with {@code BatchGetItem}, as the blocking repository does, in the order of
 * the ids.</li>
 * <li>{@code delete}/{@code deleteAll(entities)} of an entity carrying its version fail with
 * {@link org.springframework.dao.OptimisticLockingFailureException} when it changed or was deleted since it was read;
 * {@code deleteById}/{@code deleteAllById} do nothing for a resource that is gone. Several deletes are sent one
 * after another.</li>
 * </ul>
 * Query methods are derived from their names onto the indexes the entity declares, by the blocking repositories'
 * planner: a method no index covers fails at startup with the same message. They return {@code Flux} (read by
 * demand), {@code Mono} (one result, {@code Mono<Long>} counts, {@code Mono<Boolean>} exists) and
 * {@code Mono<Window>}, {@code Mono<Slice>} or {@code Mono<Page>} with a {@code ScrollPosition} or {@code Pageable}.
 * In Kotlin, a coroutine repository (Spring Data's {@code CoroutineCrudRepository}, singletable-kotlin's
 * {@code CoroutineSingleTableRepository}) runs on this repository, its derived methods planned alike: {@code Flow<T>}
 * for the results, {@code suspend} functions returning {@code T?}, {@code List<T>}, a count, whether results exist or
 * a {@code Window}, {@code Slice} or {@code Page}.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface ReactiveSingleTableRepository<T>
		extends ReactiveCrudRepository<T, String>, ReactiveSortingRepository<T, String> {

	/**
	 * Stores a new resource, failing when the id exists already (see
	 * {@link dev.singletable.repository.SingleTableRepository#insert}).
	 * @param entity the new resource
	 * @param <S> the entity type
	 * @return the stored state; a {@link org.springframework.dao.DuplicateKeyException} when the id exists
	 */
	<S extends T> Mono<S> insert(S entity);

	/**
	 * Stores the next state of an existing resource (see
	 * {@link dev.singletable.repository.SingleTableRepository#update(Object)}).
	 * @param entity the new state, carrying the version it was based on
	 * @param <S> the entity type
	 * @return the stored state; an {@link org.springframework.dao.OptimisticLockingFailureException} when it changed
	 * since it was read, a {@link dev.singletable.core.NoSuchResourceException} when it does not exist
	 */
	<S extends T> Mono<S> update(S entity);

	/**
	 * Applies a partial update to an existing resource.
	 * @param entity the state the change is based on
	 * @param changes the properties to set and clear
	 * @param <S> the entity type
	 * @return the stored state
	 */
	<S extends T> Mono<S> update(S entity, Changes changes);

}
