package dev.singletable.evolution.internal.backfill;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which stored items a run works on: the latest item of every resource stored under a partition key prefix
 * ({@code v0} of a versioned type, the one item of a plain one), as a filter both sources apply; and the type
 * index partition those items are listed under.
 *
 * @param partitionKeyPrefix the prefix of their {@code pk} ({@code Ticket#}), or for a singleton its whole
 * {@code pk}
 * @param singleton whether {@code pk} must equal the prefix rather than start with it
 * @param versioned whether the latest item is {@code v0} (else its {@code sk} is its {@code pk})
 * @param typeIndexPartition the {@code gsitype} value of those items
 */
public record ItemSelection(String partitionKeyPrefix, boolean singleton, boolean versioned,
		String typeIndexPartition) {

	/**
	 * The latest items of a type stored under a prefix (its own, or the one it is moved from).
	 * @param prefix the type prefix the items are stored under
	 */
	public static ItemSelection latestItems(SingleTablePersistentEntity<?> metadata, String prefix) {
		boolean singleton = metadata.isSingleton();
		String partition = singleton ? ItemAttributes.SINGLETON_PREFIX + "#" + prefix : prefix + "#";
		return new ItemSelection(partition, singleton, metadata.isVersioned(), prefix);
	}

	/**
	 * The filter expression selecting the items, over the names and values {@link #names()} and
	 * {@link #values()} give.
	 */
	String filter() {
		String partition = this.singleton ? "#bf_pk = :bf_pk" : "begins_with(#bf_pk, :bf_pk)";
		return partition + (this.versioned ? " AND #bf_sk = :bf_latest" : " AND #bf_sk = #bf_pk");
	}

	Map<String, String> names() {
		return Map.of("#bf_pk", ItemAttributes.PK, "#bf_sk", ItemAttributes.SK);
	}

	Map<String, AttributeValue> values() {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":bf_pk", AttributeValue.fromS(this.partitionKeyPrefix));
		if (this.versioned) {
			values.put(":bf_latest", AttributeValue.fromS(ResourceIds.versionKey(0)));
		}
		return values;
	}

	/**
	 * The resource id of a selected item: its {@code pk} less the prefix (a singleton's id is its type prefix).
	 */
	public String idOf(Map<String, AttributeValue> item) {
		return this.singleton ? this.typeIndexPartition
				: item.get(ItemAttributes.PK).s().substring(this.partitionKeyPrefix.length());
	}

	/**
	 * Whether an item is one of the selected ones (a type-index page may hold others).
	 */
	public boolean matches(@Nullable Map<String, AttributeValue> item) {
		if (item == null) {
			return false;
		}
		String pk = item.get(ItemAttributes.PK).s();
		String sk = item.get(ItemAttributes.SK).s();
		boolean partition = this.singleton ? pk.equals(this.partitionKeyPrefix) : pk.startsWith(this.partitionKeyPrefix);
		return partition && (this.versioned ? ResourceIds.versionKey(0).equals(sk) : sk.equals(pk));
	}

}
