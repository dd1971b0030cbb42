package dev.singletable.core.internal.operation;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * What an operation's plan asks its caller: the entity callbacks to run, the details of its audit row, whether its
 * unit joins the transaction bound. The blocking template answers on the calling thread (its {@code EntityCallbacks},
 * {@code AuditScope} and the transaction bound to the thread), the reactive template from the subscriber's Reactor
 * context (its {@code ReactiveEntityCallbacks}, the scope captured at call time, the transaction in the context).
 */
public sealed interface CallerRequest extends Request.Caller {

	/**
	 * Runs the entity callbacks of one kind. The answer is the entity the callbacks returned, or the given one when
	 * there are none; a callback's exception is the answer's failure.
	 * @param kind which callbacks
	 * @param entity the entity handed to them
	 * @param latest the latest item the write puts, for the save callbacks; {@literal null} for the others
	 */
	record Callback(Kind kind, Object entity, @Nullable Map<String, AttributeValue> latest) implements CallerRequest {

		/**
		 * Returns what the callbacks get besides the entity, the same from both templates: the latest item (an empty
		 * map without one) for the save callbacks, nothing for the others.
		 */
		public Object[] arguments() {
			boolean save = this.kind == Kind.BEFORE_SAVE || this.kind == Kind.AFTER_SAVE;
			return save ? new Object[] { (this.latest != null) ? this.latest : Map.of() } : new Object[0];
		}

	}

	/** The kinds of entity callbacks a write runs, in the order it runs them. */
	enum Kind {
		/** Before the entity is converted to items (the auditing handler sets its fields here). */
		BEFORE_CONVERT,
		/** Before its unit is sent or collected. */
		BEFORE_SAVE,
		/** Once it is stored: after the send, or after the commit of the transaction that collected it. */
		AFTER_SAVE,
		/** Once an entity given to a delete is deleted. */
		AFTER_DELETE
	}

	/**
	 * The details of the audit row of a change of a type made now: the caller's scope, its auditor, its metadata.
	 * The answer is the {@link AuditRecords.Details}, {@link AuditRecords.Details#UNRECORDED} in an unaudited scope.
	 * @param type the audited type
	 */
	record AuditContext(Class<?> type) implements CallerRequest {

		/**
		 * The step that asks the caller for the details of a row of a change of a type and answers them.
		 */
		static Step<AuditRecords.Details> of(Class<?> type) {
			return Step.send(new AuditContext(type), (answer) -> Step.done(answer.get(AuditRecords.Details.class)));
		}

	}

	/**
	 * Joins the transaction bound to the caller with a unit, if one is bound. The answer is {@link Joined}; the
	 * failure is the transaction's refusal (over 100 items, an item touched twice, a read-only transaction).
	 * @param unit the unit
	 * @param before the stamps of the entity given to the write, put back when the transaction fails or rolls back
	 * @param afterCommit what runs once the commit stored the unit (its after-save callbacks), {@literal null} for
	 * nothing; the answerer runs it with the same answers
	 */
	record Join(WriteUnit unit, Stamps.Snapshot before, @Nullable Step<?> afterCommit) implements CallerRequest {
	}

	/**
	 * Whether a transaction is bound to the caller, asked by a write that joins it differently than it sends
	 * itself. The answer is {@link Bound}; the failure is the refusal of a read-only transaction, which the write
	 * could not join (so that it reads nothing first).
	 * @param operation the write, such as {@code deleteById}, for the refusal
	 * @param subject its entity or type, for the refusal
	 */
	record TransactionState(String operation, Object subject) implements CallerRequest {
	}

	/** Whether a transaction is bound. */
	enum Bound {
		/** None: the operation sends its requests itself. */
		NONE,
		/** One is: the operation's units join it. */
		ACTIVE
	}

	/**
	 * Refuses an operation that cannot join a transaction when one is bound to the caller (the answerer fails the
	 * request with the transaction's refusal, naming the operation and why); answers nothing otherwise.
	 * @param operation the operation, such as {@code putAll}
	 * @param reason why it cannot join
	 */
	record RefuseInTransaction(String operation, String reason) implements CallerRequest {
	}

	/**
	 * Runs an action once the transaction bound to the caller is stored (an after-delete callback). The answer is
	 * {@code true} when a transaction took it; {@code false} when none is bound, and the plan runs it now.
	 * @param action the action, run by the answerer with the same answers
	 */
	record AfterCommit(Step<?> action) implements CallerRequest {
	}

	/** What became of a {@link Join}. */
	enum Joined {
		/** The transaction bound collected the unit: it is sent with the commit. */
		COLLECTED,
		/** No transaction is bound: the plan sends the unit itself. */
		NOT_BOUND
	}

}
