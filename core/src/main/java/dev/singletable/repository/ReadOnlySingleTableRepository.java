package dev.singletable.repository;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * Read-only repository for services that must not write a type; declare derived query methods on it as on
 * {@link SingleTableRepository}.
 *
 * @param <T> the entity type
 */
@NoRepositoryBean
public interface ReadOnlySingleTableRepository<T> extends Repository<T, String> {

	/**
	 * Reads the latest state of a resource.
	 * @param id the id
	 * @return the resource or empty
	 */
	Optional<T> findById(String id);

	/**
	 * Whether a resource exists.
	 * @param id the id
	 * @return {@literal true} when it exists
	 */
	boolean existsById(String id);

	/**
	 * Reads many resources, in the order of the ids, leaving out missing ones.
	 * @param ids the ids
	 * @return the resources
	 */
	List<T> findAllById(Iterable<String> ids);

	/**
	 * Lists every resource of the type through the type index.
	 * @return the resources, oldest update first
	 */
	List<T> findAll();

	/**
	 * Lists every resource of the type through the type index, in the order of its sort key.
	 * @param sort unsorted (index order), or ascending or descending by the property the type index sorts on
	 * @return the resources
	 * @throws dev.singletable.core.query.InvalidSortException for any other sort
	 */
	List<T> findAll(Sort sort);

	/**
	 * Reads one page of the resources of the type through the type index, in the order of its sort key; page
	 * {@code n} reads the items of the pages before it, and the total is counted unless the page shows it.
	 * @param pageable the page, with a sort as {@link #findAll(Sort)} allows
	 * @return the page
	 * @throws dev.singletable.core.query.InvalidSortException for a sort the type index cannot return
	 */
	Page<T> findAll(Pageable pageable);

	/**
	 * Counts the resources of the type through the type index.
	 * @return the count
	 */
	long count();

}
