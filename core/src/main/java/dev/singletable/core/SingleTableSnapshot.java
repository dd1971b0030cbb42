package dev.singletable.core;

import java.util.Optional;

/**
 * The result of a transactional read ({@code TransactGetItems}): the latest state of each resource the read named,
 * all as of the same moment.
 */
public interface SingleTableSnapshot {

	/**
	 * Returns a resource of the snapshot.
	 * @param type the entity type
	 * @param id the id
	 * @param <T> the entity type
	 * @return the resource, empty when it did not exist (or had expired)
	 * @throws IllegalArgumentException when the read did not name the resource
	 */
	<T> Optional<T> get(Class<T> type, String id);

}
