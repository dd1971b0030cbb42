package dev.singletable.core.blob;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * A blob could not be written, read or deleted. The message names the resource, the property and the object key.
 * Subclasses say why when the reason is known: {@link BlobNotFoundException}, {@link BlobTooLargeException}.
 */
public class BlobStorageException extends NonTransientDataAccessResourceException {

	private final @Nullable BlobLocation location;

	private final @Nullable String key;

	/**
	 * Creates the exception.
	 * @param message the message
	 * @param location the blob's location, or {@literal null} when the failure concerns several
	 * @param key the object key or key prefix, or {@literal null}
	 * @param cause the cause, or {@literal null}
	 */
	public BlobStorageException(String message, @Nullable BlobLocation location, @Nullable String key,
			@Nullable Throwable cause) {
		super(message, cause);
		this.location = location;
		this.key = key;
	}

	/**
	 * Returns the location of the blob concerned.
	 * @return the location, or {@literal null} when the failure concerns several objects
	 */
	public @Nullable BlobLocation getLocation() {
		return this.location;
	}

	/**
	 * Returns the object key (or, for a failure over a whole resource, the key prefix).
	 * @return the key, or {@literal null}
	 */
	public @Nullable String getKey() {
		return this.key;
	}

}
