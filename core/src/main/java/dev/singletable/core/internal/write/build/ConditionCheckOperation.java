package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A condition check on the latest item of a resource in a transaction ({@code requireVersion},
 * {@code requireExists}, {@code requireAbsent}): that it has the given version, exists, or is absent — an expired
 * item that reads hide counting as missing. A failed condition means what was required of the resource does not
 * hold ({@link ConditionFailures#ofCheck}).
 */
public final class ConditionCheckOperation {

	private final WriteSupport support;

	private final String operation;

	private final SingleTablePersistentEntity<?> metadata;

	private final String id;

	private final @Nullable Long version;

	private final boolean absent;

	/**
	 * Creates a check.
	 * @param operation the operation's name ({@code "requireVersion"}, ...)
	 * @param version the version required, {@literal null} to require only existence (or absence)
	 * @param absent whether the resource must not exist
	 */
	public ConditionCheckOperation(WriteSupport support, String operation, SingleTablePersistentEntity<?> metadata,
			String id, @Nullable Long version, boolean absent) {
		this.support = support;
		this.operation = operation;
		this.metadata = metadata;
		this.id = id;
		this.version = version;
		this.absent = absent;
	}

	public WriteUnit unit() {
		SingleTablePersistentEntity<?> metadata = this.metadata;
		Instant now = this.support.timestamps().now();
		ExpressionBuilder expression = new ExpressionBuilder();
		String condition = this.absent ? Expiry.absentCondition(metadata, expression, now)
				: Expiry.existsCondition(metadata, expression, now);
		if (this.version != null) {
			condition += " AND " + expression.name(ItemAttributes.VERSION) + " = "
					+ expression.value(AttributeValue.fromN(Long.toString(this.version)));
		}
		ConditionCheck check = ConditionCheck.builder()
			.tableName(this.support.tableName())
			.key(ItemLayout.latestKey(metadata, this.id))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.conditionExpression(condition)
			.expressionAttributeNames(expression.names())
			.expressionAttributeValues(expression.values())
			.build();
		return WriteUnit.failingWith(this.operation, metadata.getType(), this.id,
				List.of(TransactWriteItem.builder().conditionCheck(check).build()), (failed) -> {
					Map<String, AttributeValue> old = failed.oldItem(0);
					return ConditionFailures.ofCheck(metadata, this.id, this.version, this.absent,
							Expiry.isExpired(metadata, old, now) ? null : old);
				}, null);
	}

}
