package dev.singletable.core.internal.reactive;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;

import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.internal.write.unit.AuditRecords;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The details of the reactive template's audit rows, by the blocking template's rules ({@link AuditRecords#details(
 * AuditDetails, java.util.function.Supplier)}); what differs is only where the inputs come from, decided when the
 * write is subscribed:
 * <ul>
 * <li>the scope: the {@link AuditScope} bound on the thread that called the operation (captured then, since a
 * {@code Mono} is often subscribed elsewhere), under the {@link AuditDetails} the subscriber's Reactor context holds
 * under the key {@code AuditDetails.class}, which win as an inner scope does;</li>
 * <li>the changer, when the scope names none: the {@link ReactiveAuditorAware}'s, else the blocking
 * {@link AuditorAware}'s set on the same template.</li>
 * </ul>
 */
public final class ReactiveAuditing {

	private final AuditRecords audit;

	private volatile @Nullable ReactiveAuditorAware<?> reactiveAuditor;

	ReactiveAuditing(AuditRecords audit) {
		this.audit = audit;
	}

	void setReactiveAuditorAware(@Nullable ReactiveAuditorAware<?> auditor) {
		this.reactiveAuditor = auditor;
	}

	/**
	 * What {@link #capture()} returns on a thread that runs an {@link AuditScope#callUnaudited} block: the writes of
	 * the operation add no row (compared by identity).
	 */
	private static final AuditDetails UNAUDITED = AuditDetails.changedBy("unaudited");

	/**
	 * The Reactor context key of the scope captured when an operation was called ({@link #capture()}), which the
	 * template writes into the context of the operation's plan.
	 */
	static final String CAPTURED = ReactiveAuditing.class.getName() + ".CAPTURED";

	/**
	 * The details of the audit row of a change made now, for the scope the subscriber's context carries under
	 * {@link #CAPTURED} (none: no scope).
	 */
	Mono<AuditRecords.Details> details() {
		return Mono.deferContextual((context) -> details(context.getOrDefault(CAPTURED, AuditDetails.none())));
	}

	/**
	 * The scope bound on the calling thread: call when the operation is called, not when it is subscribed. Inside an
	 * {@link AuditScope#callUnaudited} block, a mark that the operation's writes add no row.
	 */
	static AuditDetails capture() {
		return AuditScope.isUnaudited() ? UNAUDITED : AuditScope.current();
	}

	/**
	 * The details of a row of a change made now (see the class description).
	 */
	Mono<AuditRecords.Details> details(AuditDetails captured) {
		if (captured == UNAUDITED) {
			return Mono.just(AuditRecords.Details.UNRECORDED);
		}
		return Mono.deferContextual((context) -> {
			AuditDetails scope = scope(captured, context);
			if (scope.getChangedBy() != null) {
				return Mono.fromCallable(() -> this.audit.details(scope, () -> null));
			}
			return currentAuditor().map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.map((who) -> this.audit.details(scope, () -> who.orElse(null)));
		});
	}

	private static AuditDetails scope(AuditDetails captured, ContextView context) {
		Optional<AuditDetails> bound = context.getOrEmpty(AuditDetails.class);
		return bound.map(captured::merge).orElse(captured);
	}

	/**
	 * The current auditor: the reactive auditor's, else the blocking one's; empty for none.
	 */
	private Mono<Object> currentAuditor() {
		ReactiveAuditorAware<?> reactive = this.reactiveAuditor;
		if (reactive != null) {
			return Mono.defer(reactive::getCurrentAuditor).cast(Object.class);
		}
		AuditorAware<?> blocking = this.audit.getAuditorAware();
		return (blocking != null) ? Mono.fromCallable(() -> blocking.getCurrentAuditor().orElse(null)) : Mono.empty();
	}

}
