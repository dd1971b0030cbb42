package dev.singletable.repository.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.repository.VersionedRepository;

/**
 * Base implementation of every singletable repository, delegating to {@link SingleTableOperations}. Versioned
 * operations are only reachable through {@link VersionedRepository}, which the factory allows for versioned types
 * only.
 *
 * @param <T> the entity type
 */
public class SimpleSingleTableRepository<T> implements VersionedRepository<T> {

	private final SingleTableOperations operations;

	private final RepositoryEntity<T> entity;

	/**
	 * Creates a repository for the given entity.
	 * @param entity the entity metadata; must not be {@literal null}
	 * @param operations the template; must not be {@literal null}
	 */
	public SimpleSingleTableRepository(SingleTablePersistentEntity<T> entity, SingleTableOperations operations) {
		this.entity = new RepositoryEntity<>(entity);
		Assert.notNull(operations, "SingleTableOperations must not be null");
		this.operations = operations;
	}

	@Override
	public <S extends T> S save(S entity) {
		return this.operations.save(entity);
	}

	@Override
	public <S extends T> List<S> saveAll(Iterable<S> entities) {
		List<S> saved = new ArrayList<>();
		for (S entity : RepositoryArguments.entities(entities)) {
			saved.add(save(entity));
		}
		return saved;
	}

	@Override
	public <S extends T> S insert(S entity) {
		return this.operations.create(entity);
	}

	@Override
	public <S extends T> S update(S entity) {
		return this.operations.update(entity);
	}

	@Override
	public <S extends T> S update(S entity, Changes changes) {
		return this.operations.update(entity, changes);
	}

	@Override
	public Optional<T> findById(String id) {
		return this.operations.findById(this.entity.type(), id);
	}

	@Override
	public boolean existsById(String id) {
		return findById(id).isPresent();
	}

	@Override
	public List<T> findAll() {
		return this.operations.query(this.entity.type()).all();
	}

	@Override
	public List<T> findAll(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		return listing(sort).all();
	}

	/**
	 * Reads the page's items after the ones of the pages before it (read keys-only, see
	 * {@link SingleTableQuery#offset(long)}) and counts the type only when the page does not show the total (a
	 * short last page, or a first page holding everything).
	 */
	@Override
	public Page<T> findAll(Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		if (pageable.isUnpaged()) {
			return new PageImpl<>(findAll(pageable.getSort()));
		}
		List<T> content = listing(pageable.getSort()).offset(pageable.getOffset()).limit(pageable.getPageSize()).all();
		return PageableExecutionUtils.getPage(content, pageable, this::count);
	}

	/** The type index listing in the direction the sort asks for; any sort but its sort key is refused. */
	private SingleTableQuery<T> listing(Sort sort) {
		boolean ascending = this.entity.isAscending(sort);
		SingleTableQuery<T> query = this.operations.query(this.entity.type());
		return ascending ? query : query.descending();
	}

	@Override
	public List<T> findAllById(Iterable<String> ids) {
		return this.operations.findAllById(this.entity.type(), RepositoryArguments.ids(ids));
	}

	@Override
	public long count() {
		return this.operations.query(this.entity.type()).count();
	}

	@Override
	public void deleteById(String id) {
		this.operations.deleteById(this.entity.type(), id);
	}

	/**
	 * Deletes the entity as {@code CrudRepository} promises: an entity carrying its version (or modification time)
	 * whose resource was changed or deleted since it was read fails with an
	 * {@link org.springframework.dao.OptimisticLockingFailureException} (see
	 * {@link SingleTableOperations#deleteExisting}).
	 */
	@Override
	public void delete(T entity) {
		this.operations.deleteExisting(entity);
	}

	@Override
	public void deleteAllById(Iterable<? extends String> ids) {
		// each id once: inside a transaction a second delete of one item would be refused
		RepositoryArguments.distinctIds(ids).forEach(this::deleteById);
	}

	@Override
	public void deleteAll(Iterable<? extends T> entities) {
		// each entity once, as deleteAllById deletes each id once: inside a transaction a second delete of one item
		// would be refused, outside one it would find the entity gone
		new LinkedHashSet<>(RepositoryArguments.entities(entities)).forEach(this::delete);
	}

	@Override
	public void deleteAll() {
		List<String> ids = new ArrayList<>();
		try (var all = this.operations.query(this.entity.type()).stream()) {
			all.forEach((entity) -> ids.add(this.entity.id(entity)));
		}
		ids.forEach(this::deleteById);
	}

	@Override
	public List<T> findVersions(String id) {
		return this.operations.findAllVersions(this.entity.type(), id);
	}

	@Override
	public List<VersionSummary> findVersionSummaries(String id) {
		return this.operations.findVersionSummaries(this.entity.type(), id);
	}

	@Override
	public Optional<T> findVersion(String id, long version) {
		return this.operations.findVersion(this.entity.type(), id, version);
	}

	@Override
	public T restore(String id, long version) {
		return this.operations.restoreVersion(this.entity.type(), id, version);
	}

	@Override
	public boolean deleteVersion(String id, long version) {
		return this.operations.deleteVersion(this.entity.type(), id, version);
	}

	@Override
	public void deleteAllVersions(String id) {
		this.operations.deleteById(this.entity.type(), id);
	}

}
