package dev.singletable.repository.reactive;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive read-only repository for services that must not write a type, the counterpart of
 * {@link dev.singletable.repository.ReadOnlySingleTableRepository}; declare derived query methods on it as on
 * {@link ReactiveSingleTableRepository}. Nothing is read before a result is subscribed.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface ReactiveReadOnlySingleTableRepository<T> extends Repository<T, String> {

	/**
	 * Reads the latest state of a resource.
	 * @param id the id
	 * @return the resource, or empty
	 */
	Mono<T> findById(String id);

	/**
	 * Whether a resource exists.
	 * @param id the id
	 * @return {@literal true} when it exists
	 */
	Mono<Boolean> existsById(String id);

	/**
	 * Reads many resources, in the order of the ids, each once, leaving out missing ones.
	 * @param ids the ids
	 * @return the resources
	 */
	Flux<T> findAllById(Iterable<String> ids);

	/**
	 * Lists every resource of the type through the type index, a page at a time as the subscriber asks.
	 * @return the resources, oldest update first
	 */
	Flux<T> findAll();

	/**
	 * Lists every resource of the type through the type index, in the order of its sort key.
	 * @param sort unsorted (index order), or ascending or descending by the property the type index sorts on
	 * @return the resources; an {@link dev.singletable.core.query.InvalidSortException} for any other sort
	 */
	Flux<T> findAll(Sort sort);

	/**
	 * Counts the resources of the type through the type index.
	 * @return the count
	 */
	Mono<Long> count();

}
