package dev.singletable.evolution.internal.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.evolution.internal.plan.PlanRunner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Reads and writes the records of stored definitions ({@link StoredDefinition}), and asks whether a type has
 * items, each with one request sent through the template's driver. Every write is one {@code UpdateItem} that sets
 * only what it brings up to date and keeps the rest ({@code if_not_exists}), so instances of a fleet recording
 * different parts never undo each other's.
 */
final class DefinitionRecords {

	private final PlanRunner driver;

	private final String tableName;

	DefinitionRecords(PlanRunner driver, String tableName) {
		this.driver = driver;
		this.tableName = tableName;
	}

	/**
	 * Every record (one {@code Query}, strongly consistent), by prefix.
	 */
	Map<String, Map<String, AttributeValue>> readAll() {
		Map<String, Map<String, AttributeValue>> records = new LinkedHashMap<>();
		for (Map<String, AttributeValue> item : this.driver.run(QueryAll.of(QueryRequest.builder()
			.tableName(this.tableName)
			.keyConditionExpression("#pk = :pk")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(StoredDefinition.PARTITION)))
			.consistentRead(true)
			.build()))) {
			records.put(item.get(ItemAttributes.SK).s(), item);
		}
		return records;
	}

	/**
	 * The record of one prefix (strongly consistent).
	 */
	Optional<Map<String, AttributeValue>> read(String prefix) {
		return Optional
			.ofNullable(this.driver.run(ItemRequests.item(this.tableName, StoredDefinition.key(prefix), null)));
	}

	/**
	 * Writes a record: the given aspects set to the definition's values, the other aspects kept when recorded
	 * (else written too), with the given indexes set and removed one by one inside a recorded {@code indexes} map.
	 * @param definition the current definitions
	 * @param aspects the aspects to set
	 * @param setIndexes indexes to set inside the recorded map (only when {@code aspects} lacks INDEXES)
	 * @param removedIndexes indexes to remove from the recorded map (likewise)
	 * @param instance the instance writing it, recorded as {@code recorded_by}
	 * @param migration the version of the migration whose backfill records it ({@code recorded_by_migration}),
	 * {@literal null} to keep the recorded one
	 * @return the record's generation after the write (every write adds one)
	 */
	long write(StoredDefinition definition, Set<StoredDefinition.Aspect> aspects, Set<String> setIndexes,
			Set<String> removedIndexes, String instance, @Nullable String migration) {
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		List<String> sets = new ArrayList<>();
		List<String> removes = new ArrayList<>();
		boolean nested = !aspects.contains(StoredDefinition.Aspect.INDEXES)
				&& (!setIndexes.isEmpty() || !removedIndexes.isEmpty());
		for (StoredDefinition.Aspect aspect : StoredDefinition.Aspect.values()) {
			boolean set = aspects.contains(aspect);
			for (Map.Entry<String, AttributeValue> attribute : definition.attributes(aspect).entrySet()) {
				String name = "#a" + names.size();
				String value = ":v" + values.size();
				names.put(name, attribute.getKey());
				if (nested && aspect == StoredDefinition.Aspect.INDEXES) {
					if (attribute.getKey().equals("indexes")) {
						nestedIndexes(definition, name, setIndexes, removedIndexes, names, values, sets, removes);
						continue;
					}
					set = setIndexes.contains(TypeIndex.NAME);
					if (!set) {
						names.remove(name);
						continue;
					}
				}
				values.put(value, attribute.getValue());
				sets.add(set ? name + " = " + value : name + " = if_not_exists(" + name + ", " + value + ")");
			}
		}
		mark(StaleComparison.RECORDED_BY, instance, names, values, sets);
		if (migration != null) {
			mark(StaleComparison.RECORDED_BY_MIGRATION, migration, names, values, sets);
		}
		names.put("#gen", StaleComparison.GENERATION);
		values.put(":one", AttributeValue.fromN("1"));
		StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
		if (!removes.isEmpty()) {
			expression.append(" REMOVE ").append(String.join(", ", removes));
		}
		expression.append(" ADD #gen :one");
		UpdateItemRequest update = UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(StoredDefinition.key(definition.prefix()))
			.updateExpression(expression.toString())
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.returnValues(ReturnValue.UPDATED_NEW)
			.build();
		AttributeValue generation = this.driver.run(ItemRequests.send(update, UpdateItemResponse.class))
			.attributes()
			.get(StaleComparison.GENERATION);
		return (generation != null && generation.n() != null) ? Long.parseLong(generation.n()) : 0;
	}

	private static void mark(String attribute, String value, Map<String, String> names,
			Map<String, AttributeValue> values, List<String> sets) {
		String name = "#m" + names.size();
		String placeholder = ":m" + values.size();
		names.put(name, attribute);
		values.put(placeholder, AttributeValue.fromS(value));
		sets.add(name + " = " + placeholder);
	}

	private static void nestedIndexes(StoredDefinition definition, String map, Set<String> setIndexes,
			Set<String> removedIndexes, Map<String, String> names, Map<String, AttributeValue> values,
			List<String> sets, List<String> removes) {
		for (String index : setIndexes) {
			String name = "#i" + names.size();
			String value = ":v" + values.size();
			names.put(name, index);
			values.put(value, definition.indexes().get(index).toAttribute());
			sets.add(map + "." + name + " = " + value);
		}
		for (String index : removedIndexes) {
			String name = "#i" + names.size();
			names.put(name, index);
			removes.add(map + "." + name);
		}
	}

	/**
	 * Removes the record of a prefix.
	 */
	void delete(String prefix) {
		this.driver.run(ItemRequests.send(
				DeleteItemRequest.builder().tableName(this.tableName).key(StoredDefinition.key(prefix)).build(),
				DeleteItemResponse.class));
	}

	/**
	 * Whether a type has items: one {@code Query} of the type index with {@code Limit 1}. A type whose type index
	 * partition is rendered from properties or computed cannot be asked that way and counts as having items.
	 * @param typePartition the type index partition its items carry, or {@literal null} when not constant
	 */
	boolean itemsExist(@Nullable String typePartition) {
		if (typePartition == null) {
			return true;
		}
		QueryRequest query = QueryRequest.builder()
			.tableName(this.tableName)
			.indexName(TypeIndex.NAME)
			.keyConditionExpression("#t = :t")
			.expressionAttributeNames(Map.of("#t", TypeIndex.PARTITION_ATTRIBUTE))
			.expressionAttributeValues(Map.of(":t", AttributeValue.fromS(typePartition)))
			.limit(1)
			.build();
		return !this.driver.run(ItemRequests.send(query, QueryResponse.class)).items().isEmpty();
	}

}
