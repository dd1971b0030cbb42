package dev.singletable.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Thrown when a batch of writes (a {@code putAll}, a {@code deleteAllById}, or the deletion of a versioned
 * resource's history) ended with some writes not applied: a request failed (the cause) or items stayed
 * unprocessed after every retry. The writes that were applied stay; {@link #getRemainingKeys()} names the items
 * whose write was not confirmed, and repeating the operation completes it. Spring Data MongoDB's
 * {@code BulkOperationException} is the model.
 */
public class IncompleteBatchWriteException extends DataAccessException {

	private static final int KEYS_SHOWN = 10;

	private final transient List<Map<String, AttributeValue>> remainingKeys;

	private final int total;

	/**
	 * Creates a new exception.
	 * @param tableName the table written to
	 * @param remainingKeys the keys ({@code pk} and {@code sk}) of the writes not confirmed
	 * @param total the number of writes of the batch
	 * @param cause why the writes stopped
	 */
	public IncompleteBatchWriteException(String tableName, List<Map<String, AttributeValue>> remainingKeys, int total,
			Throwable cause) {
		super(remainingKeys.size() + " of " + total + " writes to table '" + tableName + "' were not confirmed ("
				+ cause.getMessage() + "); the others were applied. Not confirmed: " + describe(remainingKeys)
				+ ". Repeat the operation to complete it.", cause);
		this.remainingKeys = List.copyOf(remainingKeys);
		this.total = total;
	}

	private static String describe(List<Map<String, AttributeValue>> keys) {
		String shown = keys.stream()
			.limit(KEYS_SHOWN)
			.map((key) -> value(key.get(ItemAttributes.PK)) + "/" + value(key.get(ItemAttributes.SK)))
			.collect(Collectors.joining(", "));
		return (keys.size() > KEYS_SHOWN) ? shown + " and " + (keys.size() - KEYS_SHOWN) + " more" : shown;
	}

	private static String value(AttributeValue value) {
		return (value != null && value.s() != null) ? value.s() : String.valueOf(value);
	}

	/**
	 * Returns the keys ({@code pk} and {@code sk}) of the items whose write was not confirmed, in the order of the
	 * batch.
	 * @return the keys, never empty
	 */
	public List<Map<String, AttributeValue>> getRemainingKeys() {
		return this.remainingKeys;
	}

	/**
	 * Returns how many writes the batch had.
	 * @return the number of writes
	 */
	public int getTotal() {
		return this.total;
	}

}
