package dev.singletable.core.internal.write.send;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.unit.WriteUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The per-type counts of {@code simplesingletable}'s {@code MemoryStats} row ({@code pk = sk =
 * _INTERNAL#MemoryStats}, {@code counts_by_type} a map of type name to count): when enabled, the units sent together
 * get one more unit, a single {@code Update} of that row adding each type's net change (+1 per create, -1 per
 * delete), so the counts change in the same {@code TransactWriteItems} as the resources — one item per request,
 * however many creates and deletes it holds. The update is conditioned on the row having its map; when it has not
 * (a new table), the row is created (idempotently, in the Python layout) and the request sent again.
 */
public record TypeCounts(String tableName, SingleTableConverter converter, Timestamps timestamps, boolean enabled) {

	static final String ID = "MemoryStats";

	public static final String KEY = ItemAttributes.TYPE_COUNTS_KEY;

	static final String COUNTS = "counts_by_type";

	/** The operation name of the counts unit. */
	static final String OPERATION = "countsByType";

	/**
	 * The counts of a table, not kept: a value, so that templates sharing one set of plans each keep their own choice
	 * ({@link #withEnabled}).
	 * @param tableName the table the counts row is kept in
	 */
	public TypeCounts(String tableName, SingleTableConverter converter, Timestamps timestamps) {
		this(tableName, converter, timestamps, false);
	}

	/**
	 * Returns these counts, kept or not.
	 */
	public TypeCounts withEnabled(boolean kept) {
		return (kept == this.enabled) ? this : new TypeCounts(this.tableName, this.converter, this.timestamps, kept);
	}

	/**
	 * The key of the counts row.
	 */
	public static Map<String, AttributeValue> key() {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(KEY), ItemAttributes.SK, AttributeValue.fromS(KEY));
	}

	/**
	 * Returns the units with the counts unit added when enabled and any count changes.
	 */
	public List<WriteUnit> with(List<WriteUnit> units) {
		return this.enabled ? with(units, Collections.nCopies(units.size(), this)) : units;
	}

	/**
	 * Returns the units of several templates sent together with one counts unit added when any count changes: each
	 * unit counts when the counts of the template that made it are enabled, under its type name there.
	 * @param origins the counts of the template of each unit, by position
	 */
	static List<WriteUnit> with(List<WriteUnit> units, List<TypeCounts> origins) {
		Assert.isTrue(units.size() == origins.size(), "Every unit needs the counts of its template");
		Map<String, Long> deltas = new LinkedHashMap<>();
		@Nullable TypeCounts keeper = null;
		for (int i = 0; i < units.size(); i++) {
			TypeCounts origin = origins.get(i);
			if (!origin.enabled) {
				continue;
			}
			keeper = (keeper != null) ? keeper : origin;
			WriteUnit unit = units.get(i);
			long delta = delta(unit);
			if (delta != 0) {
				deltas.merge(origin.converter.getRequiredEntity(unit.type()).getPrefix(), delta, Long::sum);
			}
		}
		deltas.values().removeIf((delta) -> delta == 0);
		if (keeper == null || deltas.isEmpty()) {
			return units;
		}
		List<WriteUnit> all = new ArrayList<>(units);
		all.add(keeper.unit(deltas));
		return all;
	}

	static boolean isCounts(WriteUnit unit) {
		return unit.type() == TypeCounts.class;
	}

	/**
	 * How a unit changes its type's count: a create adds one, a delete of the latest item removes one.
	 */
	private static long delta(WriteUnit unit) {
		return switch (unit.operation()) {
			// "save" names only the create of an upsert (the replace it may become is an "update")
			case "create", "save" -> 1;
			case "delete", "deleteById", "deleteVersion" -> -1;
			default -> 0;
		};
	}

	private WriteUnit unit(Map<String, Long> deltas) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#c", COUNTS);
		names.put("#u", ItemAttributes.UPDATED_AT);
		names.put("#s", ItemAttributes.GSI_TYPE_SK);
		values.put(":zero", AttributeValue.fromN("0"));
		String now = StorageTimestamps.format(this.timestamps.now());
		values.put(":now", AttributeValue.fromS(now));
		List<String> sets = new ArrayList<>();
		int i = 0;
		for (Map.Entry<String, Long> delta : deltas.entrySet()) {
			names.put("#t" + i, delta.getKey());
			values.put(":d" + i, AttributeValue.fromN(Long.toString(delta.getValue())));
			sets.add("#c.#t" + i + " = if_not_exists(#c.#t" + i + ", :zero) + :d" + i);
			i++;
		}
		sets.add("#u = :now");
		sets.add("#s = :now");
		TransactWriteItem update = TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.tableName)
				.key(key())
				.updateExpression("SET " + String.join(", ", sets))
				.conditionExpression("attribute_exists(#c)")
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.build())
			.build();
		// a failed condition means the row has no map yet: the writer creates it (createRowRequest) and sends again
		return new WriteUnit(OPERATION, TypeCounts.class, ID, List.of(update),
				(failed) -> WriteUnit.Outcome.retryWith(unit(deltas)), null, null, null);
	}

	/**
	 * The request that creates the row with an empty map unless it has one, keeping whatever it holds: sent before
	 * a request whose counts unit failed its condition is sent again ({@link WriteRounds.Next#countsRowMissing}).
	 */
	public UpdateItemRequest createRowRequest() {
		String now = StorageTimestamps.format(this.timestamps.now());
		return UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(key())
			.updateExpression("SET #c = if_not_exists(#c, :empty), #id = if_not_exists(#id, :id), "
					+ "#ca = if_not_exists(#ca, :now), #u = if_not_exists(#u, :now), #t = if_not_exists(#t, :type), "
					+ "#s = if_not_exists(#s, :now)")
			.expressionAttributeNames(Map.of("#c", COUNTS, "#id", ItemAttributes.RESOURCE_ID, "#ca",
					ItemAttributes.CREATED_AT, "#u", ItemAttributes.UPDATED_AT, "#t", ItemAttributes.GSI_TYPE, "#s",
					ItemAttributes.GSI_TYPE_SK))
			.expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()), ":id", AttributeValue.fromS(ID),
					":now", AttributeValue.fromS(now), ":type", AttributeValue.fromS(ID)))
			.build();
	}

	/**
	 * A plan that reads the counts (one strongly consistent {@code GetItem} of the row), by type name in the row's
	 * order: empty when the row does not exist; the map is unmodifiable.
	 */
	public Step<Map<String, Long>> read() {
		return StoredItems.read(this.tableName, key())
			.then((row) -> Step.done(Collections.unmodifiableMap(counts(row))));
	}

	/**
	 * The counts the row holds, by type name: empty when there is no row ({@literal null}) or no map.
	 */
	public static Map<String, Long> counts(@Nullable Map<String, AttributeValue> row) {
		Map<String, Long> counts = new LinkedHashMap<>();
		AttributeValue map = (row != null) ? row.get(COUNTS) : null;
		if (map != null && map.hasM()) {
			map.m().forEach((type, count) -> counts.put(type, number(count)));
		}
		return counts;
	}

	private static long number(@Nullable AttributeValue value) {
		return (value != null && value.n() != null) ? new java.math.BigDecimal(value.n()).longValue() : 0;
	}

}
