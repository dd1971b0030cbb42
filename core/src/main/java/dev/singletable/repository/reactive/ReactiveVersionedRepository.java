package dev.singletable.repository.reactive;

import org.springframework.data.repository.NoRepositoryBean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive repository for a versioned type, the counterpart of
 * {@link dev.singletable.repository.VersionedRepository}: every save keeps the previous state as a numbered version.
 * {@code deleteById} and {@code delete} remove the resource with its whole history. Version summaries and the
 * deletion of one version are not here yet, as the reactive template has neither: use the blocking
 * {@code VersionedRepository} for them.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface ReactiveVersionedRepository<T> extends ReactiveSingleTableRepository<T> {

	/**
	 * Returns every stored version, newest first.
	 * @param id the id
	 * @return the versions; empty when the resource does not exist
	 */
	Flux<T> findVersions(String id);

	/**
	 * Returns one version.
	 * @param id the id
	 * @param version the version, from 1
	 * @return the version, or empty
	 */
	Mono<T> findVersion(String id, long version);

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest state; a {@link dev.singletable.core.NoSuchResourceException} when the resource or
	 * version does not exist
	 */
	Mono<T> restore(String id, long version);

	/**
	 * Deletes the resource with every version.
	 * @param id the id
	 * @return completion
	 */
	Mono<Void> deleteAllVersions(String id);

}
