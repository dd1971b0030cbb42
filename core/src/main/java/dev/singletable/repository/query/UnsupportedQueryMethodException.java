package dev.singletable.repository.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

/**
 * Thrown when a repository query method cannot be created: no index covers what it asks for, or it returns or takes
 * what its repository cannot ({@link #getReason()}); the message names the method and what is wrong (the candidate
 * indexes and what each lacks, or the types allowed). Raised while the repository is created, so the application
 * fails to start rather than scanning at run time.
 */
public class UnsupportedQueryMethodException extends InvalidDataAccessApiUsageException {

	private final Reason reason;

	/**
	 * Creates a new exception for a method no index covers.
	 * @param message the full explanation
	 */
	public UnsupportedQueryMethodException(String message) {
		this(message, Reason.NOT_COVERED);
	}

	/**
	 * Creates a new exception.
	 * @param message the full explanation
	 * @param reason why the method cannot be created
	 */
	public UnsupportedQueryMethodException(String message, Reason reason) {
		super(message);
		Assert.notNull(reason, "Reason must not be null");
		this.reason = reason;
	}

	/**
	 * Returns why the method cannot be created, which decides what fixes it.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a query method cannot be created.
	 */
	public enum Reason {

		/**
		 * No index covers what the method asks for: a predicate, keyword or order no index key can express. Fixed by
		 * an index key ({@code @IndexKey}), {@code @AllowFiltering} or {@code @IndexQuery}.
		 */
		NOT_COVERED,

		/**
		 * The method returns a type its repository cannot return (a reactive repository returns {@code Mono} or
		 * {@code Flux}, a blocking one no reactive type). Fixed by the return type, or by declaring the method in the
		 * other kind of repository.
		 */
		RETURN_TYPE,

		/**
		 * The method's parameters do not fit its query (a {@code Publisher} argument, the key parameters of an
		 * {@code @IndexQuery}). Fixed by the parameters.
		 */
		PARAMETERS

	}

}
