package dev.singletable.core.internal.item;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rule that hides expired items of types with {@code hideExpired}: an item whose numeric TTL attribute is at
 * or before the current epoch second is expired, whether DynamoDB has deleted it yet or not. Reads apply it to the
 * items they read, server-side counts send it as a filter; both compare the same way, so they agree.
 */
public final class Expiry {

	private Expiry() {
	}

	/**
	 * Returns whether a read must hide an item.
	 * @param metadata the item's type
	 * @param item the item as stored
	 * @param now the current time
	 */
	public static boolean isExpired(SingleTablePersistentEntity<?> metadata, @Nullable Map<String, AttributeValue> item,
			Instant now) {
		if (!metadata.isHideExpired() || item == null) {
			return false;
		}
		AttributeValue ttl = item.get(metadata.getTtlAttribute());
		if (ttl == null || ttl.n() == null) {
			return false;
		}
		try {
			return new BigDecimal(ttl.n()).compareTo(BigDecimal.valueOf(now.getEpochSecond())) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/**
	 * Returns the condition that an item exists and, for a type that hides expired items, is not expired: the
	 * existence a write that requires the resource checks, so that it agrees with reads.
	 * @param metadata the type
	 * @param expression the expression the condition's names and values are added to
	 * @param now the current time
	 */
	public static String existsCondition(SingleTablePersistentEntity<?> metadata, ExpressionBuilder expression, Instant now) {
		String exists = "attribute_exists(" + expression.name(ItemAttributes.PK) + ")";
		String notExpired = notExpiredCondition(metadata, expression, now);
		return (notExpired != null) ? exists + " AND " + notExpired : exists;
	}

	/**
	 * Returns the condition that an item does not exist or, for a type that hides expired items, is expired.
	 * @param metadata the type
	 * @param expression the expression the condition's names and values are added to
	 * @param now the current time
	 */
	public static String absentCondition(SingleTablePersistentEntity<?> metadata, ExpressionBuilder expression, Instant now) {
		String absent = "attribute_not_exists(" + expression.name(ItemAttributes.PK) + ")";
		String notExpired = notExpiredCondition(metadata, expression, now);
		return (notExpired != null) ? "(" + absent + " OR NOT " + notExpired + ")" : absent;
	}

	/**
	 * Returns the filter condition that keeps only the items {@link #isExpired} does not hide, or {@literal null}
	 * when the type hides none.
	 * @param metadata the type
	 * @param expression the expression the condition's names and values are added to
	 * @param now the current time
	 */
	public static @Nullable String notExpiredCondition(SingleTablePersistentEntity<?> metadata, ExpressionBuilder expression,
			Instant now) {
		if (!metadata.isHideExpired()) {
			return null;
		}
		String ttl = expression.name(metadata.getTtlAttribute());
		String epochSecond = expression.value(AttributeValue.fromN(Long.toString(now.getEpochSecond())));
		return "(attribute_not_exists(" + ttl + ") OR NOT attribute_type(" + ttl + ", "
				+ expression.value(AttributeValue.fromS("N")) + ") OR " + ttl + " > " + epochSecond + ")";
	}

}
