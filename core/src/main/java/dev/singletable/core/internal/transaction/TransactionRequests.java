package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.internal.plan.Request;

/**
 * The one set of rules for what an operation's plan asks its caller about the transaction bound to it — whether it
 * joins ({@link CallerRequest.Join}), whether one is bound ({@link CallerRequest.TransactionState}), whether it is
 * refused ({@link CallerRequest.RefuseInTransaction}), what runs after the commit ({@link CallerRequest.AfterCommit})
 * — the same for every execution model. A runtime's caller only finds the {@link CollectedWrites} bound to it, its
 * own way (the blocking one in Spring's {@code TransactionSynchronizationManager} on the calling thread, the reactive
 * one in the subscriber's Reactor context), and hands it here; nothing decides before the plan asks.
 */
public final class TransactionRequests {

	private TransactionRequests() {
	}

	/**
	 * Returns whether a request is about the transaction bound to the caller, answered by {@link #answer}.
	 */
	public static boolean isAbout(Request.Caller request) {
		return request instanceof CallerRequest.Join || request instanceof CallerRequest.TransactionState
				|| request instanceof CallerRequest.RefuseInTransaction || request instanceof CallerRequest.AfterCommit;
	}

	/**
	 * Answers a request about the transaction bound to a caller.
	 * @param request a request {@link #isAbout} the transaction
	 * @param bound the transaction bound to the caller, {@literal null} for none
	 * @param template the caller's template, which the transaction collects the unit or after-commit plan for
	 * @return the answer: {@link Joined} for a join, {@link Bound} for the state and a refusal not made,
	 * {@link Boolean} for an after-commit action (whether the transaction took it)
	 * @throws RuntimeException the transaction's refusal: of a unit it cannot collect (see
	 * {@link CollectedWrites#collect}), of a write in a read-only transaction, of an operation that cannot join one
	 */
	public static Object answer(Request.Caller request, @Nullable CollectedWrites bound,
			CollectedWrites.Template template) {
		if (request instanceof CallerRequest.Join join) {
			if (bound == null) {
				return Joined.NOT_BOUND;
			}
			bound.collect(join.unit(), template, join.before(), join.afterCommit());
			return Joined.COLLECTED;
		}
		if (request instanceof CallerRequest.TransactionState state) {
			if (bound == null) {
				return Bound.NONE;
			}
			bound.refuseIfReadOnly(state.operation(), state.subject());
			return Bound.ACTIVE;
		}
		if (request instanceof CallerRequest.RefuseInTransaction refuse) {
			if (bound != null) {
				throw TransactionRules.cannotJoin(refuse.operation(), refuse.reason());
			}
			return Bound.NONE;
		}
		if (request instanceof CallerRequest.AfterCommit after) {
			if (bound == null) {
				return false;
			}
			bound.afterCommit(template, after.action());
			return true;
		}
		throw new IllegalArgumentException("Not a request about the transaction bound: " + request);
	}

	/**
	 * Returns the writes a resource bound under a template's database factory holds, whichever model's
	 * synchronization bound it (Spring's thread-bound one or its reactive one).
	 * @param resource the resource bound, {@literal null} for none
	 * @return the writes, {@literal null} when no singletable transaction is bound
	 */
	public static @Nullable CollectedWrites writesOf(@Nullable Object resource) {
		return (resource instanceof SingleTableResourceHolder<?> holder
				&& holder.getWrites() instanceof CollectedWrites writes) ? writes : null;
	}

	/**
	 * Returns the template a transaction's commit runs on: the first that joined it, which must be of the committing
	 * model (a transaction manager commits only what its model's templates joined).
	 * @param model the class of the model's templates (its caller)
	 * @param name the model's name, for the message
	 * @return the template, {@literal null} when none joined (nothing to send)
	 * @throws IllegalStateException when the first template that joined is of another model
	 */
	public static <T extends CollectedWrites.Template> @Nullable T committer(CollectedWrites writes, Class<T> model,
			String name) {
		CollectedWrites.Template first = writes.first();
		if (first == null || model.isInstance(first)) {
			return model.cast(first);
		}
		throw new IllegalStateException("A " + name + " transaction holds the units of a template it cannot run: "
				+ first);
	}

}
