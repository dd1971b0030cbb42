package dev.singletable.core.internal.query;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The table's generated cursor secret: one internal item, {@code pk = sk = _INTERNAL#CursorSecret}, holding 32
 * random bytes in {@code secret} and when they were made in {@code created_at}, without {@code gsitype} or index
 * attributes — as the other internal items (definitions, migrations, blob locks) — so that type listings, index
 * queries, backfills, drift checks and the Python library never see it. It is created once, by the first instance
 * that needs a cursor, with a conditional {@code PutItem} ({@code attribute_not_exists(pk)}): when two create it at
 * once one write wins and the other reads the winner's (returned with the failed condition), so every instance
 * sharing the table, blocking or reactive, uses the same secret without configuration.
 */
public final class StoredCursorSecret {

	/** The partition and sort key of the item. */
	public static final String KEY = "_INTERNAL#CursorSecret";

	/** The attribute holding the secret bytes. */
	static final String SECRET = "secret";

	static final int SECRET_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private StoredCursorSecret() {
	}

	/**
	 * Reads the table's secret (strongly consistent), creating it when there is none.
	 * @param executor the table's executor
	 * @param now the time the secret is made at, if made
	 * @return the secret
	 */
	public static byte[] readOrCreate(DynamoDbExecutor executor, Instant now) {
		Map<String, AttributeValue> found = executor.getItem(key(), true).orElse(null);
		if (found != null) {
			return secretOf(found, executor.getTableName());
		}
		PutItemRequest create = createRequest(executor.getTableName(), now);
		try {
			executor.executeConditional((client) -> client.putItem(create));
			return secretOf(create.item(), executor.getTableName());
		}
		catch (ConditionalCheckFailedException ex) {
			// another instance created it first: use the winner's
			Map<String, AttributeValue> winner = ex.hasItem() ? ex.item() : executor.getItem(key(), true).orElse(null);
			return secretOf(winner, executor.getTableName());
		}
	}

	/** The item's key. */
	static Map<String, AttributeValue> key() {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(KEY), ItemAttributes.SK, AttributeValue.fromS(KEY));
	}

	/**
	 * The conditional {@code PutItem} that creates the item with new random bytes, unless it exists (then the
	 * existing item comes back with the failed condition).
	 */
	static PutItemRequest createRequest(String tableName, Instant now) {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return PutItemRequest.builder()
			.tableName(tableName)
			.item(Map.of(ItemAttributes.PK, AttributeValue.fromS(KEY), ItemAttributes.SK, AttributeValue.fromS(KEY),
					SECRET, AttributeValue.fromB(SdkBytes.fromByteArray(secret)), ItemAttributes.CREATED_AT,
					AttributeValue.fromS(now.toString())))
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.build();
	}

	/**
	 * The secret an item holds.
	 * @throws IllegalStateException when the item is missing or holds no usable secret
	 */
	static byte[] secretOf(@Nullable Map<String, AttributeValue> item, String tableName) {
		AttributeValue secret = (item != null) ? item.get(SECRET) : null;
		if (secret == null || secret.b() == null || secret.b().asByteArray().length < 16) {
			throw new IllegalStateException("The cursor secret item (pk = sk = " + KEY + ") of table '" + tableName
					+ "' " + ((item == null) ? "disappeared while it was being created"
							: "holds no binary 'secret' of at least 16 bytes")
					+ ". Delete the item so that a new secret is generated, or set singletable.cursor-secret.");
		}
		return secret.b().asByteArray();
	}

}
