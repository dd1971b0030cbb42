package dev.singletable.core.internal.transaction;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;

/**
 * Answers what an operation's plan asks its caller ({@link CallerRequest}) on the blocking template's calling
 * thread: its {@code EntityCallbacks}, the {@code AuditScope} bound to the thread and the auditor, and the
 * transaction of one {@link DefaultSingleTableTransaction} (none when it sends each unit at once). What a collected
 * unit runs after the commit is run on the template's driver with the same answers, on the committing thread.
 */
record ThreadCaller(Callbacks callbacks, AuditRecords audit, @Nullable CollectedWrites collected, UnitWriter writer,
		BlockingDriver driver) implements Function<Request.Caller, @Nullable Object> {

	@Override
	public @Nullable Object apply(Request.Caller request) {
		if (request instanceof CallerRequest.Callback callback) {
			return switch (callback.kind()) {
				case BEFORE_CONVERT -> this.callbacks.invoke(BeforeConvertCallback.class, callback.entity());
				case BEFORE_SAVE -> this.callbacks.invoke(BeforeSaveCallback.class, callback.entity(), latest(callback));
				case AFTER_SAVE -> this.callbacks.invoke(AfterSaveCallback.class, callback.entity(), latest(callback));
				case AFTER_DELETE -> this.callbacks.invoke(AfterDeleteCallback.class, callback.entity());
			};
		}
		if (request instanceof CallerRequest.AuditContext) {
			return this.audit.details();
		}
		if (request instanceof CallerRequest.Join join) {
			return join(join);
		}
		if (request instanceof CallerRequest.TransactionState) {
			return (this.collected != null) ? Bound.ACTIVE : Bound.NONE;
		}
		if (request instanceof CallerRequest.RefuseInTransaction refuse) {
			if (this.collected != null) {
				throw TransactionRules.cannotJoin(refuse.operation(), refuse.reason());
			}
			return null;
		}
		if (request instanceof CallerRequest.AfterCommit after) {
			CollectedWrites transaction = this.collected;
			if (transaction == null) {
				return false;
			}
			transaction.afterCommit(() -> this.driver.run(after.action(), this));
			return true;
		}
		throw new IllegalStateException("The blocking template does not answer " + request);
	}

	private static Object latest(CallerRequest.Callback callback) {
		return (callback.latest() != null) ? callback.latest() : Map.of();
	}

	private Joined join(CallerRequest.Join join) {
		CollectedWrites transaction = this.collected;
		if (transaction == null) {
			return Joined.NOT_BOUND;
		}
		Step<?> afterCommit = join.afterCommit();
		transaction.collect(join.unit(), this.writer, join.before(),
				(afterCommit != null) ? () -> this.driver.run(afterCommit, this) : null);
		return Joined.COLLECTED;
	}

}
