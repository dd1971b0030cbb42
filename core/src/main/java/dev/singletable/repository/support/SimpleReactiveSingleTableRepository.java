package dev.singletable.repository.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.reactivestreams.Publisher;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.internal.reactive.BlockingTransactionGuard;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
import dev.singletable.repository.query.TypeIndexOrder;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Base implementation of every reactive singletable repository, delegating to
 * {@link ReactiveSingleTableOperations}, as {@link SimpleSingleTableRepository} delegates to the blocking template.
 * Versioned operations are only reachable through {@link ReactiveVersionedRepository}, which the factory allows for
 * versioned types only. Arguments are checked when a method is called; nothing is sent before the result is
 * subscribed. As the blocking repository, {@code findAllById} reads in batches and {@code saveAll},
 * {@code deleteAllById}, {@code deleteAll} write one after another (each with its own conditions; in a transaction,
 * each joins it).
 *
 * @param <T> the entity type
 */
public class SimpleReactiveSingleTableRepository<T> implements ReactiveVersionedRepository<T> {

	private final ReactiveSingleTableOperations operations;

	private final SingleTablePersistentEntity<T> entity;

	private final TypeIndexOrder typeIndexOrder;

	/**
	 * Creates a repository for the given entity.
	 * @param entity the entity metadata; must not be {@literal null}
	 * @param operations the reactive template; must not be {@literal null}
	 */
	public SimpleReactiveSingleTableRepository(SingleTablePersistentEntity<T> entity,
			ReactiveSingleTableOperations operations) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(operations, "ReactiveSingleTableOperations must not be null");
		this.entity = entity;
		this.operations = operations;
		this.typeIndexOrder = TypeIndexOrder.of(entity);
	}

	private Class<T> type() {
		return this.entity.getType();
	}

	@Override
	public <S extends T> Mono<S> save(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.save(entity);
	}

	@Override
	public <S extends T> Flux<S> saveAll(Iterable<S> entities) {
		return BlockingTransactionGuard.guardMany("saveAll", type(),
				() -> Flux.fromIterable(notNullElements(entities)).concatMap(this.operations::save));
	}

	@Override
	public <S extends T> Flux<S> saveAll(Publisher<S> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return BlockingTransactionGuard.guardMany("saveAll", type(), () -> Flux.from(entities).concatMap(this::save));
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
		Assert.notNull(id, "Id must not be null");
		return this.operations.findById(type(), id);
	}

	@Override
	public Mono<T> findById(Publisher<String> id) {
		Assert.notNull(id, "Id must not be null");
		return Mono.from(id).flatMap(this::findById);
	}

	@Override
	public Mono<Boolean> existsById(String id) {
		return findById(id).hasElement();
	}

	@Override
	public Mono<Boolean> existsById(Publisher<String> id) {
		Assert.notNull(id, "Id must not be null");
		return Mono.from(id).flatMap(this::existsById);
	}

	@Override
	public Flux<T> findAll() {
		return this.operations.query(type()).all();
	}

	@Override
	public Flux<T> findAll(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		// a sort the type index cannot return is the error signal, as for every derived method
		return Flux.defer(() -> {
			ReactiveSingleTableQuery<T> query = this.operations.query(type());
			return (this.typeIndexOrder.isAscending(sort) ? query : query.descending()).all();
		});
	}

	/** Reads the ids with {@code BatchGetItem}, as the blocking repository does: the resources found, in id order. */
	@Override
	public Flux<T> findAllById(Iterable<String> ids) {
		return Flux.defer(() -> this.operations.findAllById(type(), distinct(ids)));
	}

	@Override
	public Flux<T> findAllById(Publisher<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return Flux.from(ids).collectList().flatMapMany(this::findAllById);
	}

	@Override
	public Mono<Long> count() {
		return this.operations.query(type()).count();
	}

	@Override
	public Mono<Void> deleteById(String id) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.deleteById(type(), id).then();
	}

	@Override
	public Mono<Void> deleteById(Publisher<String> id) {
		Assert.notNull(id, "Id must not be null");
		return BlockingTransactionGuard.guard("deleteById", type(), () -> Mono.from(id).flatMap(this::deleteById));
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
		return BlockingTransactionGuard.guard("deleteAllById", type(),
				() -> Flux.fromIterable(distinct(ids)).concatMap(this::deleteById).then());
	}

	@Override
	public Mono<Void> deleteAll(Iterable<? extends T> entities) {
		// each entity once, as deleteAllById deletes each id once: a second delete would find the entity gone
		return BlockingTransactionGuard.guard("deleteAll", type(),
				() -> Flux.fromIterable(new LinkedHashSet<>(notNullElements(entities))).concatMap(this::delete).then());
	}

	@Override
	public Mono<Void> deleteAll(Publisher<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return BlockingTransactionGuard.guard("deleteAll", type(),
				() -> Flux.from(entities).collectList().flatMap(this::deleteAll));
	}

	/** Reads the ids of every resource of the type first, then deletes them one after another. */
	@Override
	public Mono<Void> deleteAll() {
		return BlockingTransactionGuard.guard("deleteAll", type(), () -> this.operations.query(type())
			.all()
			.map((entity) -> (String) this.entity.getIdentifierAccessor(entity).getRequiredIdentifier())
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(this::deleteById)
			.then());
	}

	@Override
	public Flux<T> findVersions(String id) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.findAllVersions(type(), id);
	}

	@Override
	public Mono<T> findVersion(String id, long version) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.findVersion(type(), id, version);
	}

	@Override
	public Flux<VersionSummary> findVersionSummaries(String id) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.findVersionSummaries(type(), id);
	}

	@Override
	public Mono<Boolean> deleteVersion(String id, long version) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.deleteVersion(type(), id, version);
	}

	@Override
	public Mono<T> restore(String id, long version) {
		Assert.notNull(id, "Id must not be null");
		return this.operations.restoreVersion(type(), id, version);
	}

	@Override
	public Mono<Void> deleteAllVersions(String id) {
		return deleteById(id);
	}

	/** The ids, each once, checked before any is read or written: neither they nor one of them null. */
	private static List<String> distinct(Iterable<? extends String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		Set<String> distinct = new LinkedHashSet<>();
		ids.forEach((id) -> {
			Assert.notNull(id, "Ids must not contain null");
			distinct.add(id);
		});
		return new ArrayList<>(distinct);
	}

	/** The entities, checked before any is written: neither they nor one of them null. */
	private static <E> List<E> notNullElements(Iterable<E> entities) {
		Assert.notNull(entities, "Entities must not be null");
		List<E> list = new ArrayList<>();
		entities.forEach((entity) -> {
			Assert.notNull(entity, "Entities must not contain null");
			list.add(entity);
		});
		return list;
	}

}
