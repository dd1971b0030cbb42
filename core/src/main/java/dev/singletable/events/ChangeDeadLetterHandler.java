package dev.singletable.events;

import org.jspecify.annotations.Nullable;

/**
 * Receives a change that could not be delivered: its listener failed on every attempt, or its stream record could not
 * be read as its type ({@link ChangeDecodingException}). Once handled, the stream moves on. The default handler logs
 * it at ERROR and counts it ({@code singletable.changes.dead-lettered}); declare a bean of this type to store it
 * elsewhere (a table, a queue) instead.
 */
@FunctionalInterface
public interface ChangeDeadLetterHandler {

	/**
	 * Handles a change that could not be delivered.
	 * @param deadLetter the change and why
	 */
	void handle(DeadLetter deadLetter);

	/**
	 * A change that could not be delivered.
	 * @param change the change, {@literal null} when its record could not be read
	 * @param key the item's key, {@code pk} and {@code sk}
	 * @param sequenceNumber the stream record's sequence number
	 * @param listener the listener that failed, {@literal null} when the record could not be read
	 * @param attempts how many times delivery was attempted
	 * @param failure the last failure
	 */
	record DeadLetter(@Nullable ResourceChange<?> change, String key, String sequenceNumber,
			@Nullable String listener, int attempts, Throwable failure) {
	}

}
