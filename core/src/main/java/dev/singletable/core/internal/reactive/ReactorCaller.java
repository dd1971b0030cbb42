package dev.singletable.core.internal.reactive;

import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveAfterSaveCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeConvertCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeSaveCallback;

/**
 * Answers what an operation's plan asks its caller ({@link CallerRequest}) from the subscriber's Reactor context:
 * the template's {@code ReactiveEntityCallbacks}, the audit scope captured when the operation was called (under
 * {@link ReactiveAuditing#CAPTURED}) with the context's details and auditor, and the transaction the context binds
 * ({@link ReactiveTransactions#current()}). What a collected unit runs after the commit is run on the template's
 * driver with the same answers, in the committing subscriber's context.
 */
record ReactorCaller(ReactiveCallbacks callbacks, ReactiveAuditing auditing, ReactiveTransactions transactions,
		ReactiveUnitWriter writer, ReactiveDriver driver) implements Function<Request.Caller, Mono<?>> {

	@Override
	public Mono<?> apply(Request.Caller request) {
		if (request instanceof CallerRequest.Callback callback) {
			Object entity = callback.entity();
			Map<?, ?> latest = (callback.latest() != null) ? callback.latest() : Map.of();
			return switch (callback.kind()) {
				case BEFORE_CONVERT -> this.callbacks.invoke(ReactiveBeforeConvertCallback.class, entity);
				case BEFORE_SAVE -> this.callbacks.invoke(ReactiveBeforeSaveCallback.class, entity, latest);
				case AFTER_SAVE -> this.callbacks.invoke(ReactiveAfterSaveCallback.class, entity, latest);
				case AFTER_DELETE -> this.callbacks.invoke(ReactiveAfterDeleteCallback.class, entity);
			};
		}
		if (request instanceof CallerRequest.AuditContext) {
			return this.auditing.details();
		}
		if (request instanceof CallerRequest.Join join) {
			return join(join);
		}
		if (request instanceof CallerRequest.TransactionState) {
			return this.transactions.current().map((bound) -> bound.isPresent() ? Bound.ACTIVE : Bound.NONE);
		}
		if (request instanceof CallerRequest.RefuseInTransaction refuse) {
			return this.transactions.current().flatMap((bound) -> bound.isPresent()
					? Mono.error(TransactionRules.cannotJoin(refuse.operation(), refuse.reason())) : Mono.empty());
		}
		if (request instanceof CallerRequest.AfterCommit after) {
			return this.transactions.current().map((bound) -> {
				bound.ifPresent((transaction) -> transaction
					.afterCommit(Mono.defer(() -> this.driver.run(after.action(), this)).then()));
				return bound.isPresent();
			});
		}
		return Mono.error(new IllegalStateException("The reactive template does not answer " + request));
	}

	private Mono<Joined> join(CallerRequest.Join join) {
		return this.transactions.current().map((bound) -> {
			if (bound.isEmpty()) {
				return Joined.NOT_BOUND;
			}
			Step<?> afterCommit = join.afterCommit();
			bound.get().collect(join.unit(), this.writer, join.before(),
					(afterCommit != null) ? Mono.defer(() -> this.driver.run(afterCommit, this)).then() : null);
			return Joined.COLLECTED;
		});
	}

}
