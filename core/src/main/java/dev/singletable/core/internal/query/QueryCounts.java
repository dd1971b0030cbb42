package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a query is counted so that the count equals what reads return: a server-side count ({@code Select COUNT})
 * adds to the query's filter what reads skip, and where no filter can say it the count reads.
 */
public final class QueryCounts {

	private QueryCounts() {
	}

	/**
	 * How to count.
	 *
	 * @param byReading whether only reading counts right
	 * @param filter the filter of a server-side count, or {@literal null}
	 */
	public record Plan(boolean byReading, @Nullable String filter) {
	}

	/**
	 * Plans the count of a query.
	 * @param query the resolved query
	 * @param now the time expiry is judged at, as reads judge it
	 * @return the plan
	 */
	static Plan plan(ResolvedQuery query, Instant now) {
		String filter = and(query.filterExpression(), singleTypeCondition(query, now));
		if (query.index() != null) {
			String typeCondition = typeCondition(query);
			if (typeCondition == null) {
				return new Plan(true, null);
			}
			filter = and(filter, typeCondition);
		}
		return new Plan(false, filter);
	}

	/**
	 * What a server-side count must add to see only what reads return: on a single type, the latest copy of a
	 * versioned resource when the table itself is queried, and no item whose TTL has passed when the type
	 * hides expired items (the {@link Expiry} rule, at the same time source as reads).
	 */
	private static @Nullable String singleTypeCondition(ResolvedQuery query, Instant now) {
		if (query.spec().mixed()) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = query.spec().types().values().iterator().next();
		ExpressionBuilder expression = query.expression();
		String condition = null;
		if (entity.isVersioned() && query.index() == null) {
			// only the latest copy (v0) carries the type index attributes; a filter cannot name the sort key
			condition = "attribute_exists(" + expression.name(TypeIndex.PARTITION_ATTRIBUTE) + ")";
		}
		return and(condition, Expiry.notExpiredCondition(entity, expression, now));
	}

	/**
	 * What keeps a server-side count on an index to the items reads map to the requested types. Reads map an item
	 * by its {@code pk}, so on the type index, whose keys are never {@code pk}, the count filters on
	 * {@code begins_with(pk, "<prefix>#")}, which with the prefix rules matches exactly the items of a type. On
	 * another index it filters on the types' own {@code gsitype} values; a type whose type index partition is
	 * another value (computed, or one several types may share) has no such condition: the count must read, or it
	 * would count the other types' items.
	 * @return the condition, or {@literal null} when only reading counts right
	 */
	private static @Nullable String typeCondition(ResolvedQuery query) {
		ExpressionBuilder expression = query.expression();
		List<String> conditions = new ArrayList<>();
		List<String> typeValues = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : query.spec().types().values()) {
			if (TypeIndex.NAME.equals(query.index())) {
				conditions.add("begins_with(" + expression.name(ItemAttributes.PK) + ", "
						+ expression.value(AttributeValue.fromS(ResourceIds.partitionKeyPrefix(entity))) + ")");
			}
			else if (entity.getPrefix().equals(TypeIndex.constantPartition(entity))) {
				// a type spread over shards: its own value and each shard's
				TypeIndex.partitions(entity)
					.forEach((value) -> typeValues.add(expression.value(AttributeValue.fromS(value))));
			}
			else {
				return null;
			}
		}
		if (!typeValues.isEmpty()) {
			String name = expression.name(TypeIndex.PARTITION_ATTRIBUTE);
			return (typeValues.size() == 1) ? name + " = " + typeValues.get(0)
					: name + " IN (" + String.join(", ", typeValues) + ")";
		}
		return (conditions.size() == 1) ? conditions.get(0) : "(" + String.join(" OR ", conditions) + ")";
	}

	/**
	 * Joins two conditions, each a single comparison or function or a parenthesized one as
	 * {@link ExpressionBuilder#render} writes them (DynamoDB refuses redundant parentheses).
	 */
	private static @Nullable String and(@Nullable String first, @Nullable String second) {
		if (first == null || second == null) {
			return (first != null) ? first : second;
		}
		return first + " AND " + second;
	}

}
