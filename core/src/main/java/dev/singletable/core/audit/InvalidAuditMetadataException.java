package dev.singletable.core.audit;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when audit metadata cannot be stored: a key that is empty or reserved
 * ({@value AuditEntry#TRANSACTION_ID}, which the template sets), or a value that is not a string, a number DynamoDB
 * can store (finite, at most 38 significant digits, a magnitude from {@code 1E-130} to {@code 9.99..E+125}), a
 * boolean, or a list or string-keyed map of those. Thrown when the {@link AuditDetails} are built, or, for the
 * metadata of an {@link AuditMetadataProvider}, when the write is made — before anything is written.
 */
public class InvalidAuditMetadataException extends InvalidDataAccessApiUsageException {

	private final String key;

	/**
	 * Creates a new exception.
	 * @param key the metadata key (with the path inside a nested value, as {@code tags[2]} or {@code source.host})
	 * @param problem what is wrong with it
	 */
	public InvalidAuditMetadataException(String key, String problem) {
		super("Audit metadata '" + key + "' " + problem);
		this.key = key;
	}

	/**
	 * Returns the key of the refused entry, with the path inside a nested value.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

}
