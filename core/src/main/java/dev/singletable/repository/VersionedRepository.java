package dev.singletable.repository;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.NoRepositoryBean;

import dev.singletable.core.VersionSummary;

/**
 * Repository for a versioned type: every save keeps the previous state as a numbered version.
 * {@code deleteById} and {@code delete} remove the resource with its whole history.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface VersionedRepository<T> extends SingleTableRepository<T> {

	/**
	 * Returns every stored version, newest first.
	 * @param id the id
	 * @return the versions; empty when the resource does not exist
	 */
	List<T> findVersions(String id);

	/**
	 * Returns one version.
	 * @param id the id
	 * @param version the version, from 1
	 * @return the version or empty
	 */
	Optional<T> findVersion(String id, long version);

	/**
	 * Lists the stored versions with their timestamps, newest first, without reading their content where the
	 * layout allows (see {@link dev.singletable.core.SingleTableOperations#findVersionSummaries(Class, String)}).
	 * @param id the id
	 * @return the versions; empty when the resource does not exist
	 */
	List<VersionSummary> findVersionSummaries(String id);

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest state
	 * @throws org.springframework.dao.DataRetrievalFailureException when the resource or version does not exist
	 */
	T restore(String id, long version);

	/**
	 * Deletes one version; deleting the latest removes the resource's current state too.
	 * @param id the id
	 * @param version the version
	 * @return whether that version existed
	 */
	boolean deleteVersion(String id, long version);

	/**
	 * Deletes the resource with every version.
	 * @param id the id
	 */
	void deleteAllVersions(String id);

}
