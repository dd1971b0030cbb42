package dev.singletable.core.internal.reactive;

import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.callback.EntityCallback;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import dev.singletable.core.UnsubscribedWriteException;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.HandedOutWrites;
import dev.singletable.core.internal.transaction.TransactionRequests;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveAfterSaveCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeConvertCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeSaveCallback;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Answers what an operation's plan asks its caller ({@link CallerRequest}) from the subscriber's Reactor context,
 * each answer a lookup there: the template's {@code ReactiveEntityCallbacks} (the entity as given without them); the
 * audit scope captured when the operation was called ({@link #capture()}, under {@link #CAPTURED}) merged with the
 * context's {@code AuditDetails.class}, the changer from the {@code ReactiveAuditorAware}, else the blocking
 * {@code AuditorAware} — the row's rules are {@link AuditRecords#details(AuditDetails, java.util.function.Supplier)};
 * the transaction the context pins ({@link #pinned}) or Spring's reactive transaction binds under the template's
 * database factory, whose requests {@link TransactionRequests} answers as for the blocking caller. It is the template in the {@link CollectedWrites} it writes to: the commit's plan runs on the
 * driver of the first template that joined ({@link #commit}), each part of it that is a template's own
 * ({@link CollectedWrites.OnTemplate}) on that template's driver with its answers, in the committing subscriber's
 * context.
 * @param callbacks the template's entity callbacks, {@literal null} for none
 * @param auditor the template's reactive auditor, {@literal null} to ask the blocking one of its audit rows
 * @param assembly the template's assembly, whose audit rows and sender of units it answers with
 * @param databaseFactory the key reactive transactions are bound under
 * @param driver the template's driver
 */
public record ReactorCaller(@Nullable ReactiveEntityCallbacks callbacks, @Nullable ReactiveAuditorAware<?> auditor,
		TemplateAssembly assembly, Object databaseFactory, ReactiveDriver driver)
		implements Function<Request.Caller, Mono<?>>, CollectedWrites.Template {

	/** The Reactor context key of the audit scope captured when an operation was called ({@link #capture()}). */
	static final String CAPTURED = ReactorCaller.class.getName() + ".CAPTURED";

	/** The Reactor context key of the writes a transaction's own operations pin. */
	private static final String PINNED = ReactorCaller.class.getName() + ".PINNED";

	/** What {@link #capture()} returns in an {@link AuditScope#callUnaudited} block (compared by identity). */
	private static final AuditDetails UNAUDITED = AuditDetails.changedBy("unaudited");

	/**
	 * Commits a reactive transaction when subscribed: runs its plan ({@link CollectedWrites#commit()}) on the driver
	 * of the first template that joined it.
	 * @return completes once the writes are stored and their after-commit plans done; or what the commit failed with
	 */
	public static Mono<Void> commit(CollectedWrites writes) {
		return Mono.defer(() -> {
			Step<Void> plan = writes.commit();
			ReactorCaller caller = TransactionRequests.committer(writes, ReactorCaller.class, "reactive");
			return (caller != null) ? caller.driver.run(plan, caller).then() : Mono.empty();
		});
	}

	/** Makes the writes of {@code work} join the given transaction, wherever they are subscribed from. */
	public static <T> Mono<T> pinned(Mono<T> work, CollectedWrites transaction) {
		return work.contextWrite(Context.of(PINNED, transaction));
	}

	/**
	 * A write a transaction handed out: when subscribed it stamps its ticket, or fails with the refusal when its
	 * transaction is over, sending nothing ({@link HandedOutWrites}).
	 */
	public static <T> Mono<T> handedOut(HandedOutWrites.Ticket ticket, Mono<T> write) {
		return Mono.defer(() -> {
			UnsubscribedWriteException refused = ticket.subscribe();
			return (refused != null) ? Mono.error(refused) : write;
		});
	}

	@Override
	public UnitSender sender() {
		return this.assembly.plans().sender();
	}

	/** The audit scope bound on the calling thread, to be called when the operation is called, not subscribed. */
	static AuditDetails capture() {
		return AuditScope.isUnaudited() ? UNAUDITED : AuditScope.current();
	}

	@Override
	public Mono<?> apply(Request.Caller request) {
		if (request instanceof CallerRequest.Callback callback) {
			return callback(switch (callback.kind()) {
				case BEFORE_CONVERT -> ReactiveBeforeConvertCallback.class;
				case BEFORE_SAVE -> ReactiveBeforeSaveCallback.class;
				case AFTER_SAVE -> ReactiveAfterSaveCallback.class;
				case AFTER_DELETE -> ReactiveAfterDeleteCallback.class;
			}, callback.entity(), callback.arguments());
		}
		if (request instanceof CallerRequest.AuditContext) {
			return Mono.deferContextual((context) -> details(context.getOrDefault(CAPTURED, AuditDetails.none()),
					context.<AuditDetails>getOrEmpty(AuditDetails.class)));
		}
		if (TransactionRequests.isAbout(request)) {
			return current().map((bound) -> TransactionRequests.answer(request, bound.orElse(null), this));
		}
		if (request instanceof CollectedWrites.OnTemplate on && on.template() instanceof ReactorCaller template) {
			return template.driver.executor().observations().observeCommit(on.commitOf(),
					template.driver.run(on.plan(), template));
		}
		return Mono.error(new IllegalStateException("The reactive template does not answer " + request));
	}

	/**
	 * Returns, when subscribed, the writes of the transaction the subscriber's write joins: those its context pins,
	 * else those of the transaction bound under the template's database factory, else none.
	 */
	public Mono<Optional<CollectedWrites>> current() {
		return Mono.deferContextual((context) -> {
			Optional<CollectedWrites> pinned = context.getOrEmpty(PINNED);
			if (pinned.isPresent()) {
				return Mono.just(pinned);
			}
			return TransactionSynchronizationManager.forCurrentTransaction()
				.map((manager) -> Optional
					.ofNullable(TransactionRequests.writesOf(manager.getResource(this.databaseFactory))))
				.onErrorResume(NoTransactionException.class, (ex) -> Mono.just(Optional.empty()));
		});
	}

	private Mono<Object> callback(@SuppressWarnings("rawtypes") Class<? extends EntityCallback> type, Object entity,
			Object... args) {
		ReactiveEntityCallbacks current = this.callbacks;
		return (current == null) ? Mono.just(entity) : Mono.defer(() -> current.callback(type, entity, args));
	}

	/**
	 * The details of a row: the captured scope under the context's details; its changer, else the reactive auditor's,
	 * else the blocking one's ({@link AuditRecords#details(AuditDetails)}).
	 */
	private Mono<AuditRecords.Details> details(AuditDetails captured, Optional<AuditDetails> bound) {
		if (captured == UNAUDITED) {
			return Mono.just(AuditRecords.Details.UNRECORDED);
		}
		AuditDetails scope = bound.map(captured::merge).orElse(captured);
		ReactiveAuditorAware<?> reactive = this.auditor;
		if (reactive == null || scope.getChangedBy() != null) {
			return Mono.fromCallable(() -> this.assembly.table().audit().details(scope));
		}
		return Mono.defer(reactive::getCurrentAuditor)
			.map(Optional::<Object>of)
			.defaultIfEmpty(Optional.empty())
			.map((changer) -> this.assembly.table().audit().details(scope, () -> changer.orElse(null)));
	}

}
