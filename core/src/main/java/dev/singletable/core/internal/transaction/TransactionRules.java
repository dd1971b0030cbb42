package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.SingleTableDatabaseFactory;

/**
 * What a singletable transaction manager, blocking or reactive, refuses of a Spring transaction definition, and how
 * it says so: propagation {@code NESTED} (DynamoDB has no savepoints) and {@code NEVER} (which the issue leaves
 * out; {@code NOT_SUPPORTED} runs without a transaction), isolation levels other than the default, any write in
 * a read-only transaction, and the operations that cannot join a transaction.
 */
public final class TransactionRules {

	private TransactionRules() {
	}

	/**
	 * Checks a definition before a transaction begins.
	 * @throws NestedTransactionNotSupportedException for propagation {@code NESTED}
	 * @throws InvalidIsolationLevelException for an isolation level other than the default
	 */
	public static void checkBegin(TransactionDefinition definition) {
		if (definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_NESTED) {
			throw nestedNotSupported(definition.getName());
		}
		if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT) {
			throw new InvalidIsolationLevelException("Transaction" + describe(definition.getName()) + " asks for "
					+ "isolation " + isolationName(definition.getIsolationLevel()) + ", but singletable transactions "
					+ "support only the default: DynamoDB serializes the transaction's writes and its reads are never "
					+ "isolated. Remove the isolation attribute");
		}
	}

	/**
	 * Refuses propagation {@code NEVER}, where Spring would run without a transaction (inside one Spring refuses it
	 * itself).
	 * @throws IllegalTransactionStateException for propagation {@code NEVER}
	 */
	public static void refuseNever(TransactionDefinition definition) {
		if (definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_NEVER) {
			throw new IllegalTransactionStateException("Transaction" + describe(definition.getName())
					+ " uses propagation NEVER, which singletable does not support (it supports REQUIRED, REQUIRES_NEW,"
					+ " SUPPORTS, NOT_SUPPORTED and MANDATORY). Use NOT_SUPPORTED to run without a transaction");
		}
	}

	/**
	 * The refusal of propagation {@code NESTED}.
	 * @param transactionName the transaction's name, if any
	 */
	public static NestedTransactionNotSupportedException nestedNotSupported(@Nullable String transactionName) {
		return new NestedTransactionNotSupportedException("Transaction" + describe(transactionName) + " uses "
				+ "propagation NESTED, which singletable does not support: DynamoDB has no savepoints to roll back to. "
				+ "Use REQUIRED to join the surrounding transaction or REQUIRES_NEW to commit on its own");
	}

	/**
	 * The refusal of a write in a read-only transaction: nothing is collected or sent.
	 * @param transactionName the transaction's name, if any
	 * @param operation the write, such as {@code create}
	 * @param subject what it writes: an entity, or an entity type
	 */
	public static InvalidDataAccessApiUsageException readOnlyWrite(@Nullable String transactionName, String operation,
			@Nullable Object subject) {
		String type = (subject == null) ? "an entity"
				: ((subject instanceof Class<?> given) ? given : subject.getClass()).getSimpleName();
		return new InvalidDataAccessApiUsageException("Transaction" + describe(transactionName) + " is read-only, so "
				+ "the " + operation + " of " + type + " cannot join it and nothing is sent. Remove readOnly = true, or "
				+ "write outside the transaction");
	}

	/**
	 * Refuses to run a template's {@code transaction(..)} through a transaction manager of another database
	 * factory, for both APIs: that manager's transactions are bound under its own factory, so they would not collect
	 * the template's writes.
	 * @param manager the manager given to the template
	 * @param managed the database factory the manager manages
	 * @param templates the template's database factory
	 * @throws IllegalArgumentException when they differ
	 */
	public static void checkManagerOf(Object manager, Object managed, Object templates) {
		if (managed != templates) {
			throw new IllegalArgumentException(manager + " manages the transactions of " + managed + ", not those "
					+ "of this template's " + templates + ": template.transaction(..) would not collect the "
					+ "template's writes in it. Give the template the manager built on its database factory "
					+ "(getDatabaseFactory())");
		}
	}

	/**
	 * The refusal of an operation that cannot join a transaction (it would have to be sent before the commit, or
	 * returns what only the commit knows): it is never sent outside it either.
	 * @param operation the operation, such as {@code putAll}
	 * @param reason why it cannot join
	 */
	public static InvalidDataAccessApiUsageException cannotJoin(String operation, String reason) {
		return new InvalidDataAccessApiUsageException(operation + " cannot join a transaction: " + reason
				+ ". Call it outside the transaction.");
	}

	/**
	 * The refusal of a reactive write on a thread to which a {@code SingleTableTransactionManager} has bound a blocking
	 * transaction (a {@link SingleTableResourceHolder} under a {@link SingleTableDatabaseFactory}): the write could
	 * never join it and would be sent on its own when subscribed, typically after that transaction ended.
	 * @param operation the template operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @return the exception to signal, or {@literal null} when no blocking singletable transaction is bound to the
	 * current thread
	 */
	public static @Nullable IllegalTransactionStateException reactiveWriteInBlocking(String operation,
			@Nullable Class<?> type) {
		String table = blockingTableBound();
		if (table == null) {
			return null;
		}
		return new IllegalTransactionStateException("The reactive " + operation + "("
				+ ((type != null) ? type.getSimpleName() : "") + ") was called inside a blocking singletable "
				+ "transaction (of table '" + table + "', bound to this thread by a SingleTableTransactionManager, "
				+ "for example for a @Transactional method): a reactive write cannot join it and would be sent on "
				+ "its own when subscribed, after that transaction ended, so it is refused and nothing is sent. Run "
				+ "reactive writes in a reactive transaction (@ReactiveSingleTableTransactional, a "
				+ "TransactionalOperator of the ReactiveSingleTableTransactionManager, or template.transaction(..)), "
				+ "or use the blocking template and repositories inside the blocking transaction.");
	}

	private static @Nullable String blockingTableBound() {
		for (var entry : TransactionSynchronizationManager.getResourceMap().entrySet()) {
			if (entry.getValue() instanceof SingleTableResourceHolder<?>
					&& entry.getKey() instanceof SingleTableDatabaseFactory factory) {
				return factory.getTableName();
			}
		}
		return null;
	}

	private static String isolationName(int level) {
		for (Isolation isolation : Isolation.values()) {
			if (isolation.value() == level) {
				return isolation.name();
			}
		}
		return "level " + level;
	}

	/**
	 * Returns {@code " 'name'"} for a named transaction (such as a {@code @Transactional} method's), nothing for
	 * another.
	 */
	public static String describe(@Nullable String transactionName) {
		return (transactionName != null) ? " '" + transactionName + "'" : "";
	}

}
