package dev.singletable.core.reactive;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.HandedOutWrites;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.internal.reactive.ReactorCaller;
import reactor.core.publisher.Mono;

/**
 * The operations of a reactive transaction: the template's own operations, their writes pinned to the transaction
 * ({@link ReactorCaller#pinned}) so that they join it wherever they are subscribed from, and the checks and
 * atomic updates only a transaction holds. Each write is handed out: the transaction fails at its commit when one was
 * never subscribed, and refuses one subscribed after it ({@link HandedOutWrites}).
 */
final class DefaultReactiveSingleTableTransaction implements ReactiveSingleTableTransaction {

	private final ReactiveComponents parts;

	private final CollectedWrites writes;

	DefaultReactiveSingleTableTransaction(ReactiveComponents parts, CollectedWrites writes) {
		this.parts = parts;
		this.writes = writes;
	}

	/**
	 * The write pinned to the transaction, handed out: its commit fails unless it was subscribed by then, and a
	 * subscription after it is refused ({@link HandedOutWrites}).
	 */
	private <T> Mono<T> joined(String operation, Object subject, @Nullable Object id, Mono<T> work) {
		HandedOutWrites.Ticket ticket = this.writes.handedOut()
			.handOut(HandedOutWrites.describe(this.parts.tablePlans().converter(), operation, subject, id));
		return ReactorCaller.handedOut(ticket, ReactorCaller.pinned(work, this.writes));
	}

	@Override
	public <T> Mono<T> create(T entity) {
		return joined("create", entity, null, this.parts.create(entity));
	}

	@Override
	public <T> Mono<T> update(T entity) {
		return joined("update", entity, null, this.parts.update(entity));
	}

	@Override
	public <T> Mono<T> update(T entity, Changes changes) {
		return joined("update", entity, null, this.parts.update(entity, changes));
	}

	@Override
	public <T> Mono<T> save(T entity) {
		return joined("save", entity, null, this.parts.save(entity));
	}

	@Override
	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return joined("restoreVersion", type, id, this.parts.restoreVersion(type, id, version));
	}

	@Override
	public Mono<Void> delete(Object entity) {
		return joined("delete", entity, null, this.parts.delete(entity, false));
	}

	@Override
	public Mono<Void> deleteById(Class<?> type, String id) {
		return joined("deleteById", type, id, this.parts.deleteById(type, id)).then();
	}

	@Override
	public Mono<Void> increment(Class<?> type, String id, String property, long delta) {
		return joined("increment", type, id, this.parts.atomic("increment", type, id, property, delta));
	}

	@Override
	public Mono<Void> addToSet(Class<?> type, String id, String property, String... values) {
		return joined("addToSet", type, id, this.parts.atomic("addToSet", type, id, property, values));
	}

	@Override
	public Mono<Void> removeFromSet(Class<?> type, String id, String property, String... values) {
		return joined("removeFromSet", type, id, this.parts.atomic("removeFromSet", type, id, property, values));
	}

	@Override
	public Mono<Void> appendToList(Class<?> type, String id, String property, Object... values) {
		return joined("appendToList", type, id, this.parts.atomic("appendToList", type, id, property, values));
	}

	@Override
	public Mono<Void> requireVersion(Object entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		return joined("requireVersion", entity, null, this.parts.requireVersion(entity, version));
	}

	@Override
	public Mono<Void> requireVersion(Class<?> type, String id, long version) {
		return joined("requireVersion", type, id, this.parts.check("requireVersion", type, id, version, false));
	}

	@Override
	public Mono<Void> requireExists(Class<?> type, String id) {
		return joined("requireExists", type, id, this.parts.check("requireExists", type, id, null, false));
	}

	@Override
	public Mono<Void> requireAbsent(Class<?> type, String id) {
		return joined("requireAbsent", type, id, this.parts.check("requireAbsent", type, id, null, true));
	}

}
