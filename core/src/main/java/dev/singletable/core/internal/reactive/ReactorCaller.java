package dev.singletable.core.internal.reactive;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveAfterSaveCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeConvertCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeSaveCallback;

/**
 * Answers what an operation's plan asks its caller ({@link CallerRequest}) from the subscriber's Reactor context:
 * the template's {@code ReactiveEntityCallbacks}, the audit scope captured when the operation was called (under
 * {@link ReactiveAuditing#CAPTURED}) with the context's details and auditor, and the transaction the context binds
 * ({@link ReactiveTransactions#current()}). It is the template in the {@link CollectedWrites} it writes to: the
 * commit's plan is run on the driver of the first template that joined ({@link #commit}), each part of it that is a
 * template's own ({@link CollectedWrites.OnTemplate}: its blob stage, its after-commit plans) on that template's
 * driver with its answers, in the committing subscriber's context.
 */
public final class ReactorCaller implements Function<Request.Caller, Mono<?>>, CollectedWrites.Template {

	private final ReactiveCallbacks callbacks;

	private final ReactiveAuditing auditing;

	private final ReactiveTransactions transactions;

	private final UnitSender sender;

	private final ReactiveDriver driver;

	ReactorCaller(ReactiveCallbacks callbacks, ReactiveAuditing auditing, ReactiveTransactions transactions,
			UnitSender sender, ReactiveDriver driver) {
		this.callbacks = callbacks;
		this.auditing = auditing;
		this.transactions = transactions;
		this.sender = sender;
		this.driver = driver;
	}

	/**
	 * Commits a reactive transaction when subscribed: runs its plan ({@link CollectedWrites#commit()}) on the driver
	 * of the first template that joined it.
	 * @return completes once the writes are stored and their after-commit plans done; or what the commit failed with
	 */
	public static Mono<Void> commit(CollectedWrites writes) {
		return Mono.defer(() -> {
			Step<Void> plan = writes.commit();
			CollectedWrites.Template first = writes.first();
			if (first == null) {
				return Mono.empty();
			}
			if (!(first instanceof ReactorCaller caller)) {
				return Mono.error(new IllegalStateException(
						"A reactive transaction holds the units of a template it cannot run: " + first));
			}
			return caller.driver.run(plan, caller).then();
		});
	}

	@Override
	public UnitSender sender() {
		return this.sender;
	}

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
				bound.ifPresent((transaction) -> transaction.afterCommit(this, after.action()));
				return bound.isPresent();
			});
		}
		if (request instanceof CollectedWrites.OnTemplate on && on.template() instanceof ReactorCaller template) {
			Mono<?> run = template.driver.run(on.plan(), template);
			List<Class<?>> types = on.commitOf();
			return (types != null) ? template.driver.executor().observations().observeCommit(types, run) : run;
		}
		return Mono.error(new IllegalStateException("The reactive template does not answer " + request));
	}

	private Mono<Joined> join(CallerRequest.Join join) {
		return this.transactions.current().map((bound) -> {
			if (bound.isEmpty()) {
				return Joined.NOT_BOUND;
			}
			bound.get().collect(join.unit(), this, join.before(), join.afterCommit());
			return Joined.COLLECTED;
		});
	}

}
