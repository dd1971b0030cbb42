package dev.singletable.repository.reactive;

import org.springframework.data.repository.NoRepositoryBean;

import dev.singletable.core.VersionSummary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive repository for a versioned type, the counterpart of
 * {@link dev.singletable.repository.VersionedRepository}: every save keeps the previous state as a numbered version.
 * {@code deleteById} and {@code delete} remove the resource with its whole history.
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
	 * Lists the stored versions with their timestamps, newest first, without reading their content where the
	 * layout allows (see {@link dev.singletable.core.SingleTableOperations#findVersionSummaries(Class, String)}).
	 * @param id the id
	 * @return the versions; empty when the resource does not exist
	 */
	Flux<VersionSummary> findVersionSummaries(String id);

	/**
	 * Deletes one version; deleting the latest removes the resource's current state too.
	 * @param id the id
	 * @param version the version
	 * @return whether that version existed
	 */
	Mono<Boolean> deleteVersion(String id, long version);

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
