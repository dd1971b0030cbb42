package dev.singletable.core.internal.query;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The table's generated cursor secret: one internal item, {@code pk = sk = _INTERNAL#CursorSecret}, holding 32
 * random bytes in {@code secret} and when they were made in {@code created_at}, without {@code gsitype} or index
 * attributes — as the other internal items (definitions, migrations, blob locks) — so that type listings, index
 * queries, backfills, drift checks and the Python library never see it. It is created once, by the first instance
 * that needs a cursor, with a conditional {@code PutItem} ({@code attribute_not_exists(pk)}): when two create it at
 * once one write wins and the other reads the winner's (returned with the failed condition), so every instance
 * sharing the table, blocking or reactive, uses the same secret without configuration. {@link #readOrCreate} is
 * that plan, which the plan of a page that makes or opens cursors starts with when the secret is not known yet
 * ({@link CursorSecrets#known}), on the blocking or the reactive driver.
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
	 * The plan that reads the table's secret (strongly consistent), creating it when there is none: when another
	 * instance creates it first, the winner's (returned with the failed condition, else read again).
	 * @param tableName the table
	 * @param time when the secret is made, if made
	 * @return the plan, done with the secret
	 */
	public static Step<byte[]> readOrCreate(String tableName, Timestamps time) {
		return Step.send(read(tableName), (found) -> {
			Map<String, AttributeValue> item = item(found);
			if (item != null) {
				return Step.done(secretOf(item, tableName));
			}
			PutItemRequest create = createRequest(tableName, time.now());
			return Step.send(new Request.Conditional(create), (created) -> {
				if (!(created.failure() instanceof ConditionalCheckFailedException ex)) {
					created.orThrow();
					return Step.done(secretOf(create.item(), tableName));
				}
				// another instance created it first: use the winner's
				if (ex.hasItem()) {
					return Step.done(secretOf(ex.item(), tableName));
				}
				return Step.send(read(tableName), (winner) -> Step.done(secretOf(item(winner), tableName)));
			});
		});
	}

	private static Request read(String tableName) {
		return new Request.Plain(GetItemRequest.builder().tableName(tableName).key(key()).consistentRead(true).build());
	}

	private static @Nullable Map<String, AttributeValue> item(Answer answer) {
		GetItemResponse response = answer.get(GetItemResponse.class);
		return (response.hasItem() && !response.item().isEmpty()) ? response.item() : null;
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
