package dev.singletable.core;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Thrown when DynamoDB cancels a transaction because operations of it could not be applied; nothing of the
 * transaction was written. {@link #getFailures()} says, per failed operation, which entity it was about and why
 * (a stale version, a resource that already exists or does not exist, a failed condition, a rejected item), and
 * carries the exception the operation alone would have thrown ({@link VersionConflictException},
 * {@link DuplicateResourceException}, {@link NoSuchResourceException}).
 * <p>
 * Transactions cancelled for transient reasons (conflicting transactions, throttling) are retried and, when they
 * still fail, reported as {@link org.springframework.dao.TransientDataAccessResourceException} instead.
 */
public class TransactionCancelledException extends DataIntegrityViolationException {

	private final List<Failure> failures;

	/**
	 * Creates the exception without per-operation failures.
	 * @param message the message
	 * @param cause the SDK's cancellation
	 */
	public TransactionCancelledException(String message, Throwable cause) {
		super(message, cause);
		this.failures = List.of();
	}

	/**
	 * Creates the exception for the operations that failed.
	 * @param failures the failed operations, in the order they were added to the transaction; not empty
	 * @param cause the cause: the template gives the first failed operation's own exception (a
	 * {@link VersionConflictException} for a stale version), so that rules that look through causes find it
	 */
	public TransactionCancelledException(List<Failure> failures, @Nullable Throwable cause) {
		super(message(failures), cause);
		this.failures = List.copyOf(failures);
	}

	private static String message(List<Failure> failures) {
		return "The transaction was cancelled and nothing was written: " + failures.stream()
			.map((failure) -> "operation " + (failure.index() + 1) + ", " + failure.operation() + " of "
					+ failure.entityType().getSimpleName() + " '" + failure.id() + "' (" + failure.reason() + "): "
					+ failure.exception().getMessage())
			.collect(Collectors.joining("; "));
	}

	/**
	 * Returns the operations that failed, in the order they were added to the transaction.
	 * @return the failures; empty only when DynamoDB reported none
	 */
	public List<Failure> getFailures() {
		return this.failures;
	}

	/**
	 * Why an operation of a transaction failed.
	 */
	public enum Reason {

		/** The resource was changed since it was read: its stored version (or modification time) differs. */
		VERSION_CONFLICT,

		/** The resource was to be created or required absent, but exists. */
		ALREADY_EXISTS,

		/** The resource was to be changed or required to exist, but does not exist. */
		NOT_FOUND,

		/** Another condition of the operation failed. */
		CONDITION_FAILED,

		/** DynamoDB rejected the operation's item (a validation error, such as a value of the wrong type). */
		REJECTED;

		static Reason of(RuntimeException exception) {
			if (exception instanceof OptimisticLockingFailureException) {
				return VERSION_CONFLICT;
			}
			if (exception instanceof DuplicateKeyException) {
				return ALREADY_EXISTS;
			}
			if (exception instanceof NoSuchResourceException) {
				return NOT_FOUND;
			}
			return (exception instanceof InvalidDataAccessApiUsageException) ? REJECTED : CONDITION_FAILED;
		}

	}

	/**
	 * What kind of operation of a transaction failed, as {@link Failure#operationType()} names it.
	 */
	public enum Operation {

		/** {@code create}: a new resource. */
		CREATE,

		/** {@code update}: a change of a stored resource. */
		UPDATE,

		/** {@code save}: a create or an update, as Spring Data's {@code save} decides. */
		SAVE,

		/** {@code restoreVersion}: an earlier version written as the next one. */
		RESTORE_VERSION,

		/** {@code delete}, {@code deleteById} or {@code deleteVersion}: a removal. */
		DELETE,

		/** {@code requireVersion}, {@code requireExists} or {@code requireAbsent}: a condition, nothing written. */
		CONDITION_CHECK,

		/** {@code increment}: a counter changed atomically. */
		INCREMENT,

		/** {@code addToSet}: values added to a set atomically. */
		ADD_TO_SET,

		/** {@code removeFromSet}: values removed from a set atomically. */
		REMOVE_FROM_SET,

		/** {@code appendToList}: values appended to a list atomically. */
		APPEND_TO_LIST,

		/** {@code putAll}: an unconditional put of a batch. */
		PUT,

		/** An operation of another name (given to the public constructor). */
		OTHER;

		/**
		 * Returns the kind of the operation of the given name.
		 * @param operation the operation's name, such as {@code "requireVersion"}
		 * @return its kind, {@link #OTHER} for a name of no known operation
		 */
		public static Operation of(String operation) {
			return switch (operation) {
				case "create" -> CREATE;
				case "update" -> UPDATE;
				case "save" -> SAVE;
				case "restoreVersion" -> RESTORE_VERSION;
				case "delete", "deleteById", "deleteVersion" -> DELETE;
				case "requireVersion", "requireExists", "requireAbsent" -> CONDITION_CHECK;
				case "increment" -> INCREMENT;
				case "addToSet" -> ADD_TO_SET;
				case "removeFromSet" -> REMOVE_FROM_SET;
				case "appendToList" -> APPEND_TO_LIST;
				case "putAll" -> PUT;
				default -> OTHER;
			};
		}

	}

	/**
	 * One failed operation of a cancelled transaction.
	 * @param index the operation's position in the transaction, from 0 in the order operations were added
	 * @param operation the name of the method that added the operation ({@code "create"}, {@code "update"},
	 * {@code "delete"}, {@code "increment"}, {@code "requireVersion"}, ...); {@link #operationType()} gives its kind
	 * as an enum, which is what to switch on
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param reason why it failed
	 * @param exception the exception the operation alone would have thrown
	 */
	public record Failure(int index, String operation, Class<?> entityType, String id, Reason reason,
			RuntimeException exception) {

		/**
		 * Creates a failure, reading its reason from the exception.
		 * @param index the operation's position in the transaction
		 * @param operation the operation
		 * @param entityType the entity type
		 * @param id the resource id
		 * @param exception the exception the operation alone would have thrown
		 */
		public Failure(int index, String operation, Class<?> entityType, String id, RuntimeException exception) {
			this(index, operation, entityType, id, Reason.of(exception), exception);
		}

		/**
		 * Returns the kind of the operation that failed, {@link #operation()} as an enum.
		 * @return the kind, {@link Operation#OTHER} for an operation name of no known kind
		 */
		public Operation operationType() {
			return Operation.of(this.operation);
		}

	}

}
