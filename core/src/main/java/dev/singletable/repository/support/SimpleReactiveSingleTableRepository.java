package dev.singletable.repository.support;

import java.util.LinkedHashSet;

import org.reactivestreams.Publisher;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.spi.ReactiveWriteGuards;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Base implementation of every reactive singletable repository, delegating to
 * {@link ReactiveSingleTableOperations}, as {@link SimpleSingleTableRepository} delegates to the blocking template.
 * Versioned operations are only reachable through {@link ReactiveVersionedRepository} (or singletable-kotlin's
 * {@code CoroutineVersionedRepository}), which the factory allows for versioned types only. It is the base of Kotlin
 * coroutine repositories as well: Spring Data calls a {@code suspend} function's method of the same name and
 * parameters here and awaits its {@code Mono}, and turns a {@code Flux} into the {@code Flow} declared. Arguments
 * are checked when a method is called; nothing is sent before the result is subscribed. As the blocking repository,
 * {@code findAllById} reads in batches and {@code saveAll}, {@code deleteAllById}, {@code deleteAll} write one after
 * another (each with its own conditions; in a transaction, each joins it).
 *
 * @param <T> the entity type
 */
public class SimpleReactiveSingleTableRepository<T> implements ReactiveVersionedRepository<T> {

	private final ReactiveSingleTableOperations operations;

	private final RepositoryEntity<T> entity;

	/**
	 * Creates a repository for the given entity.
	 * @param entity the entity metadata; must not be {@literal null}
	 * @param operations the reactive template; must not be {@literal null}
	 */
	public SimpleReactiveSingleTableRepository(SingleTablePersistentEntity<T> entity,
			ReactiveSingleTableOperations operations) {
		this.entity = new RepositoryEntity<>(entity);
		Assert.notNull(operations, "ReactiveSingleTableOperations must not be null");
		this.operations = operations;
	}

	@Override
	public <S extends T> Mono<S> save(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.save(entity);
	}

	@Override
	public <S extends T> Flux<S> saveAll(Iterable<S> entities) {
		return ReactiveWriteGuards.guardMany("saveAll", this.entity.type(),
				() -> Flux.fromIterable(RepositoryArguments.entities(entities)).concatMap(this.operations::save));
	}

	@Override
	public <S extends T> Flux<S> saveAll(Publisher<S> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return ReactiveWriteGuards.guardMany("saveAll", this.entity.type(),
				() -> Flux.from(entities).concatMap(this::save));
	}

	@Override
	public <S extends T> Mono<S> insert(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.create(entity);
	}

	@Override
	public <S extends T> Mono<S> update(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.update(entity);
	}

	@Override
	public <S extends T> Mono<S> update(S entity, Changes changes) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(changes, "Changes must not be null");
		return this.operations.update(entity, changes);
	}

	@Override
	public Mono<T> findById(String id) {
		return this.operations.findById(this.entity.type(), RepositoryArguments.id(id));
	}

	@Override
	public Mono<T> findById(Publisher<String> id) {
		return Mono.from(RepositoryArguments.id(id)).flatMap(this::findById);
	}

	@Override
	public Mono<Boolean> existsById(String id) {
		return findById(id).hasElement();
	}

	@Override
	public Mono<Boolean> existsById(Publisher<String> id) {
		return Mono.from(RepositoryArguments.id(id)).flatMap(this::existsById);
	}

	@Override
	public Flux<T> findAll() {
		return this.operations.query(this.entity.type()).all();
	}

	@Override
	public Flux<T> findAll(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		// a sort the type index cannot return is the error signal, as for every derived method
		return Flux.defer(() -> {
			ReactiveSingleTableQuery<T> query = this.operations.query(this.entity.type());
			return (this.entity.isAscending(sort) ? query : query.descending()).all();
		});
	}

	/** Reads the ids with {@code BatchGetItem}, as the blocking repository does: the resources found, in id order. */
	@Override
	public Flux<T> findAllById(Iterable<String> ids) {
		return Flux.defer(() -> this.operations.findAllById(this.entity.type(), RepositoryArguments.distinctIds(ids)));
	}

	@Override
	public Flux<T> findAllById(Publisher<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return Flux.from(ids).collectList().flatMapMany(this::findAllById);
	}

	@Override
	public Mono<Long> count() {
		return this.operations.query(this.entity.type()).count();
	}

	@Override
	public Mono<Void> deleteById(String id) {
		return this.operations.deleteById(this.entity.type(), RepositoryArguments.id(id)).then();
	}

	@Override
	public Mono<Void> deleteById(Publisher<String> id) {
		Assert.notNull(id, "Id must not be null");
		return ReactiveWriteGuards.guard("deleteById", this.entity.type(),
				() -> Mono.from(id).flatMap(this::deleteById));
	}

	/**
	 * Deletes the entity as {@code ReactiveCrudRepository} promises: an entity carrying its version (or modification
	 * time) whose resource was changed or deleted since it was read fails with an
	 * {@link org.springframework.dao.OptimisticLockingFailureException} (see
	 * {@link ReactiveSingleTableOperations#deleteExisting}).
	 */
	@Override
	public Mono<Void> delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.deleteExisting(entity);
	}

	@Override
	public Mono<Void> deleteAllById(Iterable<? extends String> ids) {
		return ReactiveWriteGuards.guard("deleteAllById", this.entity.type(),
				() -> Flux.fromIterable(RepositoryArguments.distinctIds(ids)).concatMap(this::deleteById).then());
	}

	@Override
	public Mono<Void> deleteAll(Iterable<? extends T> entities) {
		// each entity once, as deleteAllById deletes each id once: a second delete would find the entity gone
		return ReactiveWriteGuards.guard("deleteAll", this.entity.type(),
				() -> Flux.fromIterable(new LinkedHashSet<>(RepositoryArguments.entities(entities)))
					.concatMap(this::delete)
					.then());
	}

	@Override
	public Mono<Void> deleteAll(Publisher<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return ReactiveWriteGuards.guard("deleteAll", this.entity.type(),
				() -> Flux.from(entities).collectList().flatMap(this::deleteAll));
	}

	/** Reads the ids of every resource of the type first, then deletes them one after another. */
	@Override
	public Mono<Void> deleteAll() {
		return ReactiveWriteGuards.guard("deleteAll", this.entity.type(), () -> this.operations.query(this.entity.type())
			.all()
			.map(this.entity::id)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(this::deleteById)
			.then());
	}

	@Override
	public Flux<T> findVersions(String id) {
		return this.operations.findAllVersions(this.entity.type(), RepositoryArguments.id(id));
	}

	@Override
	public Mono<T> findVersion(String id, long version) {
		return this.operations.findVersion(this.entity.type(), RepositoryArguments.id(id), version);
	}

	@Override
	public Flux<VersionSummary> findVersionSummaries(String id) {
		return this.operations.findVersionSummaries(this.entity.type(), RepositoryArguments.id(id));
	}

	@Override
	public Mono<Boolean> deleteVersion(String id, long version) {
		return this.operations.deleteVersion(this.entity.type(), RepositoryArguments.id(id), version);
	}

	@Override
	public Mono<T> restore(String id, long version) {
		return this.operations.restoreVersion(this.entity.type(), RepositoryArguments.id(id), version);
	}

	@Override
	public Mono<Void> deleteAllVersions(String id) {
		return deleteById(id);
	}

}
