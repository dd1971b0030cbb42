package dev.singletable.core;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Thrown when a write was based on a state that is no longer the latest: another writer stored a newer version
 * (or a newer modification time) first. Nothing was written; read the latest state and try again.
 */
public class VersionConflictException extends OptimisticLockingFailureException {

	private final Class<?> entityType;

	private final String id;

	private final @Nullable Object expected;

	private final @Nullable Object actual;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param expected the version (or modification time) the write was based on
	 * @param actual the stored version (or modification time), when known
	 */
	public VersionConflictException(Class<?> entityType, String id, @Nullable Object expected, @Nullable Object actual) {
		super(entityType.getSimpleName() + " '" + id + "' was changed by someone else: the update was based on "
				+ describe(expected) + " but the stored state is " + describe(actual)
				+ "; nothing was written. Read the latest state and apply the change again.");
		this.entityType = entityType;
		this.id = id;
		this.expected = expected;
		this.actual = actual;
	}

	/**
	 * Creates an exception with its own message, for a version that was required rather than written on.
	 */
	public VersionConflictException(String message, Class<?> entityType, String id, @Nullable Object expected,
			@Nullable Object actual) {
		super(message);
		this.entityType = entityType;
		this.id = id;
		this.expected = expected;
		this.actual = actual;
	}

	public static String describe(@Nullable Object state) {
		if (state == null) {
			return "unknown";
		}
		return (state instanceof Number) ? "version " + state : "'" + state + "'";
	}

	/**
	 * Returns the entity type.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the resource id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the version (or modification time) the write was based on.
	 * @return the expected state
	 */
	public @Nullable Object getExpected() {
		return this.expected;
	}

	/**
	 * Returns the stored version (or modification time), when the store reported it.
	 * @return the actual state or {@literal null}
	 */
	public @Nullable Object getActual() {
		return this.actual;
	}

}
