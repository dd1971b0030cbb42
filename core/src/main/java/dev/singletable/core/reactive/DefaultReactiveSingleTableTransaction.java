package dev.singletable.core.reactive;

import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.internal.reactive.ReactorCaller;
import reactor.core.publisher.Mono;

/**
 * The operations of a reactive transaction: the template's own operations, their writes pinned to the transaction
 * ({@link ReactorCaller#pinned}) so that they join it wherever they are subscribed from, and the checks and
 * atomic updates only a transaction holds.
 */
final class DefaultReactiveSingleTableTransaction implements ReactiveSingleTableTransaction {

	private final ReactiveComponents parts;

	private final CollectedWrites writes;

	DefaultReactiveSingleTableTransaction(ReactiveComponents parts, CollectedWrites writes) {
		this.parts = parts;
		this.writes = writes;
	}

	private <T> Mono<T> joined(Mono<T> work) {
		return ReactorCaller.pinned(work, this.writes);
	}

	@Override
	public <T> Mono<T> create(T entity) {
		return joined(this.parts.create(entity));
	}

	@Override
	public <T> Mono<T> update(T entity) {
		return joined(this.parts.update(entity));
	}

	@Override
	public <T> Mono<T> update(T entity, Changes changes) {
		return joined(this.parts.update(entity, changes));
	}

	@Override
	public <T> Mono<T> save(T entity) {
		return joined(this.parts.save(entity));
	}

	@Override
	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return joined(this.parts.restoreVersion(type, id, version));
	}

	@Override
	public Mono<Void> delete(Object entity) {
		return joined(this.parts.delete(entity, false));
	}

	@Override
	public Mono<Void> deleteById(Class<?> type, String id) {
		return joined(this.parts.deleteById(type, id)).then();
	}

	@Override
	public Mono<Void> increment(Class<?> type, String id, String property, long delta) {
		return joined(this.parts.atomic("increment", type, id, property, delta));
	}

	@Override
	public Mono<Void> addToSet(Class<?> type, String id, String property, String... values) {
		return joined(this.parts.atomic("addToSet", type, id, property, values));
	}

	@Override
	public Mono<Void> removeFromSet(Class<?> type, String id, String property, String... values) {
		return joined(this.parts.atomic("removeFromSet", type, id, property, values));
	}

	@Override
	public Mono<Void> appendToList(Class<?> type, String id, String property, Object... values) {
		return joined(this.parts.atomic("appendToList", type, id, property, values));
	}

	@Override
	public Mono<Void> requireVersion(Object entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		return joined(this.parts.requireVersion(entity, version));
	}

	@Override
	public Mono<Void> requireVersion(Class<?> type, String id, long version) {
		return joined(this.parts.check("requireVersion", type, id, version, false));
	}

	@Override
	public Mono<Void> requireExists(Class<?> type, String id) {
		return joined(this.parts.check("requireExists", type, id, null, false));
	}

	@Override
	public Mono<Void> requireAbsent(Class<?> type, String id) {
		return joined(this.parts.check("requireAbsent", type, id, null, true));
	}

}
