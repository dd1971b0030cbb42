package dev.singletable.benchmarks.floor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.singletable.benchmarks.model.PlainArticle;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The floor's write requests, built by hand as singletable builds them: conditions and their names, the items of
 * a versioned update (the new version and {@code v0}; the prune follows the answer, see {@link FloorPrunes}), the
 * guarded put of a plain update in a transaction and the counter's increment. Keys and timestamps as singletable
 * writes them.
 */
final class FloorRequests {

	static final Map<String, String> PK_NAME = Map.of("#pk", "pk");

	/**
	 * The condition of an update from a version read that must also find Python's blob references absent: the
	 * article types declare no {@code @BlobField}, so singletable refuses to drop {@code _blob_fields} and
	 * {@code _blob_versions} a Python writer may have left (in the update's own condition, no extra request).
	 */
	static final String VERSION_KEEPING_BLOBS = "(attribute_exists(#pk) AND #version = :expected) AND "
			+ "attribute_not_exists(#keep0) AND attribute_not_exists(#keep1)";

	static final Map<String, String> VERSION_KEEPING_BLOBS_NAMES = Map.of("#pk", "pk", "#version", "version",
			"#keep0", "_blob_fields", "#keep1", "_blob_versions");

	private static final Map<String, String> GUARDED_NAMES = Map.of("#pk", "pk", "#version", "version", "#created",
			"created_at", "#keep0", "_blob_fields", "#keep1", "_blob_versions");

	private static final String COUNTER_UPDATE = "SET #n1 = :v1, #n2 = :v1 ADD #n0 :v0";

	private static final String COUNTER_CONDITION = "attribute_exists(#n3)";

	private static final Map<String, String> COUNTER_NAMES = Map.of("#n0", "sequence", "#n1", "updated_at", "#n2",
			"gsitypesk", "#n3", "pk");

	private FloorRequests() {
	}

	/**
	 * The items of the update of a versioned resource from version {@code expected}: the given history and latest
	 * items (the version leaving the window is pruned after the answer, see {@link FloorPrunes}).
	 */
	static List<TransactWriteItem> versionedItems(String table, String type, String id, long expected,
			Map<String, AttributeValue> history, Map<String, AttributeValue> latest, String latestCondition,
			Map<String, String> latestNames) {
		return versionedItems(table, history, latest, latestCondition, latestNames,
				Map.of(":expected", AttributeValue.fromN(Long.toString(expected))));
	}

	/**
	 * The items of a versioned update whose {@code v0} condition has values of its own besides {@code :expected}.
	 */
	static List<TransactWriteItem> versionedItems(String table, Map<String, AttributeValue> history,
			Map<String, AttributeValue> latest, String latestCondition, Map<String, String> latestNames,
			Map<String, AttributeValue> latestValues) {
		List<TransactWriteItem> items = new ArrayList<>(4);
		items.add(putIfAbsent(table, history));
		items.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(table)
				.item(latest)
				.conditionExpression(latestCondition)
				.expressionAttributeNames(latestNames)
				.expressionAttributeValues(latestValues)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build());
		return items;
	}

	/**
	 * The transactional put of a plain article updated from the version read, on {@link #guardedPlainCondition}.
	 */
	static TransactWriteItem guardedPlainPut(String table, Map<String, AttributeValue> item, PlainArticle read) {
		Map<String, AttributeValue> values = guardedPlainValues(read);
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(table)
				.item(item)
				.conditionExpression(guardedPlainCondition(values))
				.expressionAttributeNames(GUARDED_NAMES)
				.expressionAttributeValues(values)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build();
	}

	/**
	 * The put of a plain article updated from the version read, alone, on {@link #guardedPlainCondition}.
	 */
	static PutItemRequest guardedPlainPutItem(String table, Map<String, AttributeValue> item, PlainArticle read) {
		Map<String, AttributeValue> values = guardedPlainValues(read);
		return PutItemRequest.builder()
			.tableName(table)
			.item(item)
			.conditionExpression(guardedPlainCondition(values))
			.expressionAttributeNames(GUARDED_NAMES)
			.expressionAttributeValues(values)
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.build();
	}

	/**
	 * The values of {@link #guardedPlainCondition}: the version read, and its creation time in both spellings when
	 * they differ (Python's {@code isoformat()} leaves out a zero fraction).
	 */
	private static Map<String, AttributeValue> guardedPlainValues(PlainArticle read) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":expected", AttributeValue.fromN(Long.toString(read.version())));
		values.put(":nullType", AttributeValue.fromS("NULL"));
		String created = FloorJson.format(read.createdAt());
		values.put(":created0", AttributeValue.fromS(created));
		String shortCreated = created.replace(".000000+", "+");
		if (!shortCreated.equals(created)) {
			values.put(":created1", AttributeValue.fromS(shortCreated));
		}
		return values;
	}

	/**
	 * The condition of singletable's update of a plain type: the version read, the stored creation time unchanged
	 * (or none stored), and Python's blob references absent.
	 */
	private static String guardedPlainCondition(Map<String, AttributeValue> values) {
		return "(attribute_exists(#pk) AND #version = :expected AND (#created IN (:created0"
				+ (values.containsKey(":created1") ? ", :created1" : "") + ") OR attribute_not_exists(#created) OR "
				+ "attribute_type(#created, :nullType))) AND attribute_not_exists(#keep0) AND "
				+ "attribute_not_exists(#keep1)";
	}

	/**
	 * {@code ADD sequence 1} on singletable's counter event, with its {@code updated_at} and type-index sort key
	 * set as singletable sets them.
	 */
	static TransactWriteItem counterIncrement(String table, String eventId) {
		String counter = "Event#" + eventId;
		AttributeValue now = AttributeValue.fromS(FloorJson.format(later(Instant.EPOCH)));
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(table)
				.key(key(counter, counter))
				.updateExpression(COUNTER_UPDATE)
				.conditionExpression(COUNTER_CONDITION)
				.expressionAttributeNames(COUNTER_NAMES)
				.expressionAttributeValues(Map.of(":v0", AttributeValue.fromN("1"), ":v1", now))
				.build())
			.build();
	}

	/**
	 * The put of an item that must not exist yet, in a transaction.
	 */
	static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(table)
				.item(item)
				.conditionExpression("attribute_not_exists(#pk)")
				.expressionAttributeNames(PK_NAME)
				.build())
			.build();
	}

	/**
	 * The key of an item.
	 */
	static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	/**
	 * A timestamp after the given one, as singletable stamps an update: now, or a microsecond later.
	 */
	static Instant later(Instant previous) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
	}

}
