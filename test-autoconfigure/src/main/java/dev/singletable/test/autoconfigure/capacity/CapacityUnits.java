package dev.singletable.test.autoconfigure.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.schema.TableIndex;
import dev.singletable.core.spi.StoredItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's billing rules for one item, as its documentation gives them: a write costs one unit per started KB of
 * the larger of the item before and after it (at least one), twice that in a transaction; a read one unit per started
 * 4 KB, half of that eventually consistent, twice that in a transaction; every index the item is in before or after
 * the write is written too, billed for the projected item (all attributes in the standard layout), as a delete of
 * the old index item and a put of the new one when its index key changes.
 */
final class CapacityUnits {

	/** A write unit covers up to 1 KB. */
	static final int WRITE_UNIT_BYTES = 1024;

	/** A read unit covers up to 4 KB. */
	static final int READ_UNIT_BYTES = 4096;

	private CapacityUnits() {
	}

	/**
	 * The units one write of an item consumes, on each partition it touches: the table's (its partition key value)
	 * and each index partition the item leaves or enters.
	 * @param partitionKey the table's partition key attribute
	 * @param indexes the table's indexes (all attributes projected)
	 * @param before the item before the write, {@literal null} when there was none
	 * @param after the item after the write, {@literal null} when it is deleted
	 * @param transactional whether the write is an item of a {@code TransactWriteItems}
	 */
	static List<Charge> write(String partitionKey, List<TableIndex> indexes, @Nullable Map<String, AttributeValue> before,
			@Nullable Map<String, AttributeValue> after, boolean transactional) {
		Map<String, AttributeValue> either = (after != null) ? after : before;
		List<Charge> charges = new ArrayList<>();
		if (either == null) {
			return charges;
		}
		double units = writeUnits(Math.max(size(before), size(after))) * (transactional ? 2 : 1);
		charges.add(new Charge(null, text(either.get(partitionKey)), units));
		for (TableIndex index : indexes) {
			@Nullable String from = indexPartition(index, before);
			@Nullable String to = indexPartition(index, after);
			if (from != null && to != null && from.equals(to) && sameSort(index, before, after)) {
				charges.add(new Charge(index.name(), to, writeUnits(Math.max(size(before), size(after)))));
				continue;
			}
			if (from != null) {
				charges.add(new Charge(index.name(), from, writeUnits(size(before))));
			}
			if (to != null) {
				charges.add(new Charge(index.name(), to, writeUnits(size(after))));
			}
		}
		return charges;
	}

	/**
	 * The write units of an item of the given size: one per started KB, at least one.
	 */
	static double writeUnits(long bytes) {
		return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
	}

	/**
	 * The read units of items of the given total size read at once (a query sums its items before rounding).
	 * @param consistent a strongly consistent read
	 * @param transactional a read of a {@code TransactGetItems}
	 */
	static double readUnits(long bytes, boolean consistent, boolean transactional) {
		double units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
		return transactional ? 2 * units : consistent ? units : units / 2;
	}

	/**
	 * The size of an item as DynamoDB counts it, 0 for none.
	 */
	static long size(@Nullable Map<String, AttributeValue> item) {
		return (item != null) ? StoredItems.size(item) : 0;
	}

	/**
	 * The partition key value of an item in an index, {@literal null} when the item is not in it (a sparse index
	 * leaves out an item without its keys).
	 */
	static @Nullable String indexPartition(TableIndex index, @Nullable Map<String, AttributeValue> item) {
		if (item == null || !item.containsKey(index.partitionKey())
				|| (index.sortKey() != null && !item.containsKey(index.sortKey()))) {
			return null;
		}
		return text(item.get(index.partitionKey()));
	}

	private static boolean sameSort(TableIndex index, @Nullable Map<String, AttributeValue> before,
			@Nullable Map<String, AttributeValue> after) {
		return index.sortKey() == null || before == null || after == null
				|| Objects.equals(before.get(index.sortKey()), after.get(index.sortKey()));
	}

	/**
	 * A key value as text ({@link StoredItems#keyText}), empty for none.
	 */
	static String text(@Nullable AttributeValue value) {
		String text = StoredItems.keyText(value);
		return (text != null) ? text : "";
	}

	/**
	 * Units consumed on one partition: of the table ({@code index} {@literal null}) or of an index.
	 * @param index the index's name, {@literal null} for the table
	 * @param partitionKey the partition key value
	 * @param units the units
	 */
	record Charge(@Nullable String index, String partitionKey, double units) {

	}

}
