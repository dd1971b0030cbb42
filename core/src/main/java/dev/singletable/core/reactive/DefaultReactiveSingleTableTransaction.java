package dev.singletable.core.reactive;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.Changes;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.HandedOutWrites;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.internal.reactive.ReactorCaller;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Mono;

/**
 * The operations of a reactive transaction: the template's own operations, their writes pinned to the transaction
 * ({@link ReactorCaller#pinned}) so that they join it wherever they are subscribed from, and the checks and
 * atomic updates only a transaction holds. Each write is handed out: the transaction fails at its commit when one was
 * never subscribed, and refuses one subscribed after it ({@link HandedOutWrites}).
 */
final class DefaultReactiveSingleTableTransaction implements ReactiveSingleTableTransaction {

	private final ReactiveComponents parts;

	/** The plans of its operations, the template's. */
	private final OperationPlans plans;

	private final CollectedWrites writes;

	DefaultReactiveSingleTableTransaction(ReactiveComponents parts, CollectedWrites writes) {
		this.parts = parts;
		this.plans = parts.plans();
		this.writes = writes;
	}

	/**
	 * The write pinned to the transaction, handed out: its commit fails unless it was subscribed by then, and a
	 * subscription after it is refused ({@link HandedOutWrites}).
	 */
	private <T> Mono<T> joined(String operation, Object subject, @Nullable Object id, Step<T> plan) {
		HandedOutWrites.Ticket ticket = this.writes.handedOut()
			.handOut(HandedOutWrites.describe(this.parts.tablePlans().converter(), operation, subject, id));
		return ReactorCaller.handedOut(ticket, ReactorCaller.pinned(this.parts.run(plan), this.writes));
	}

	@Override
	public <T> Mono<T> create(T entity) {
		return joined("create", entity, null, this.plans.entities().create(entity));
	}

	@Override
	public <T> Mono<T> update(T entity) {
		return joined("update", entity, null, this.plans.entities().update(entity));
	}

	@Override
	public <T> Mono<T> update(T entity, Changes changes) {
		return joined("update", entity, null, this.plans.entities().update(entity, changes));
	}

	@Override
	public <T> Mono<T> save(T entity) {
		return joined("save", entity, null, this.plans.entities().save(entity));
	}

	@Override
	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return joined("restoreVersion", type, id, this.plans.entities().restore(type, id, version));
	}

	@Override
	public Mono<Void> delete(Object entity) {
		return joined("delete", entity, null, this.plans.deletes().delete(entity, false)).then();
	}

	@Override
	public Mono<Void> deleteById(Class<?> type, String id) {
		return joined("deleteById", type, id, this.plans.deletes().deleteById(type, id)).then();
	}

	@Override
	public Mono<Void> increment(Class<?> type, String id, String property, long delta) {
		return joined("increment", type, id, this.plans.units().atomic("increment", type, id, property, delta)).then();
	}

	@Override
	public Mono<Void> addToSet(Class<?> type, String id, String property, String... values) {
		return joined("addToSet", type, id, this.plans.units().atomic("addToSet", type, id, property, values)).then();
	}

	@Override
	public Mono<Void> removeFromSet(Class<?> type, String id, String property, String... values) {
		return joined("removeFromSet", type, id, this.plans.units().atomic("removeFromSet", type, id, property, values)).then();
	}

	@Override
	public Mono<Void> appendToList(Class<?> type, String id, String property, Object... values) {
		return joined("appendToList", type, id, this.plans.units().atomic("appendToList", type, id, property, values)).then();
	}

	@Override
	public Mono<Void> requireVersion(Object entity, long version) {
		return joined("requireVersion", entity, null, this.plans.units().requireVersion(entity, version)).then();
	}

	@Override
	public Mono<Void> requireVersion(Class<?> type, String id, long version) {
		return joined("requireVersion", type, id, this.plans.units().requireVersion(type, id, version)).then();
	}

	@Override
	public Mono<Void> requireExists(Class<?> type, String id) {
		return joined("requireExists", type, id, this.plans.units().requireExists(type, id)).then();
	}

	@Override
	public Mono<Void> requireAbsent(Class<?> type, String id) {
		return joined("requireAbsent", type, id, this.plans.units().requireAbsent(type, id)).then();
	}

}
