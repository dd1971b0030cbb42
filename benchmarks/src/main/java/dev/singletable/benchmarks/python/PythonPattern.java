package dev.singletable.benchmarks.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import dev.singletable.core.StoredItemSizes;

/**
 * The requests the Python library {@code simplesingletable} 16.5.0 (vendored at {@code ../shared/vendor}) sends for
 * a write, sent with the raw SDK for items given by the caller, all on the calling thread: the library prunes and
 * reads back before it returns, so every request is before its answer. From its code:
 * <ul>
 * <li>{@link #create}: {@code dynamodb_memory.py: DynamoDbMemory.create_new} → {@code _create_new_versioned}: one
 * {@code TransactWriteItems} of {@code v1} and {@code v0}, each {@code attribute_not_exists(pk) and
 * attribute_not_exists(sk)}, then {@code read_existing(version=1, consistent_read=True)}, a strongly consistent
 * {@code GetItem} of {@code v1}. With {@code track_stats=True} (the default) {@code create_new} also reads and
 * increments the {@code MemoryStats} item (two more requests); the harness's template counts nothing, so neither
 * does this pattern.</li>
 * <li>{@link #update}: {@code dynamodb_memory.py: DynamoDbMemory.update_existing} of a versioned resource:
 * {@code read_existing} of {@code v0} (an eventually consistent {@code GetItem}, compared with the caller's version),
 * {@code _update_existing_versioned} (one {@code TransactWriteItems}: {@code vN+1} {@code attribute_not_exists},
 * {@code v0} {@code attribute_exists(pk) and attribute_exists(sk) and #version = :version}), after it the upload of
 * a changed blob field ({@code blob_storage.py: S3BlobStorage.put_blob}: the caller's {@code afterTransaction}),
 * {@code models.py: DynamoDbVersionedResource.enforce_version_limit} (a {@code Query} of the history's
 * {@code pk, sk, version}, eventually consistent, then {@code batch_writer} deletes of the versions past
 * {@code max_versions}: one {@code BatchWriteItem} per 25; the objects of the pruned versions stay in S3), then
 * {@code read_existing(version=N+1, consistent_read=True)}.</li>
 * <li>{@link #put}: {@code dynamodb_memory.py: DynamoDbMemory._put_nonversioned_resource}: one {@code PutItem}
 * without a condition (a non-versioned resource has no optimistic lock); the audit row of
 * {@code _create_audit_log} is such a put too.</li>
 * <li>{@link #transaction}: {@code transactions.py: TransactionContext.commit}: a versioned update's
 * {@code _build_versioned_update_items} reads {@code v0} (eventually consistent {@code GetItem}) while the items are
 * built, then one {@code TransactWriteItems} of every queued item, without a client request token; no
 * {@code enforce_version_limit}.</li>
 * </ul>
 * Beside the SDK's own counters it prices what it writes, item by item, by the published rules: 1 WCU per started
 * KB, doubled in a transaction, a delete at the deleted item's size (which it knows, having written every item),
 * 0.5 RCU per started 4 KB read eventually consistent, 1 strongly (the puts, deletes and reads of {@link #create} and
 * {@link #update}).
 */
public final class PythonPattern {

	private static final String ABSENT = "attribute_not_exists(pk) and attribute_not_exists(sk)";

	private static final String LATEST_CONDITION = "attribute_exists(pk) and attribute_exists(sk) and #version = :version";

	private static final int BATCH_WRITE = 25;

	private final DynamoDbClient client;

	private final String table;

	private final int maxVersions;

	/** Stored size of every item written, by {@code pk/sk}. */
	private final Map<String, Long> sizes = new HashMap<>();

	private double transactionUnits;

	private double deleteUnits;

	private double readUnits;

	private double localTransactionUnits;

	private double localDeleteUnits;

	/**
	 * Creates the pattern on a table.
	 * @param client the DynamoDB client
	 * @param table the table, in singletable's (and the library's) layout
	 * @param maxVersions the {@code max_versions} of the versioned resources written
	 */
	public PythonPattern(DynamoDbClient client, String table, int maxVersions) {
		this.client = client;
		this.table = table;
		this.maxVersions = maxVersions;
	}

	/**
	 * Returns the table written.
	 * @return the table name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * {@code create_new} of a versioned resource: the transaction of its two items, then the strongly consistent
	 * read of the version written.
	 * @param history the item of version 1
	 * @param latest the {@code v0} item
	 */
	public void create(Map<String, AttributeValue> history, Map<String, AttributeValue> latest) {
		create(history, latest, () -> {
		});
	}

	/**
	 * {@code create_new} of a versioned resource with blob fields: the transaction of its two items, then
	 * {@code afterTransaction} (the upload of its blob fields), then the strongly consistent read of the version
	 * written.
	 * @param history the item of version 1
	 * @param latest the {@code v0} item
	 * @param afterTransaction what the library does between the transaction and the read
	 */
	public void create(Map<String, AttributeValue> history, Map<String, AttributeValue> latest,
			Runnable afterTransaction) {
		transact(List.of(put(history, ABSENT, null), put(latest, ABSENT, null)), true);
		afterTransaction.run();
		read(latest.get("pk").s(), history.get("sk").s(), true);
	}

	/**
	 * {@code update_existing} of a versioned resource: read {@code v0}, the transaction of the new version and
	 * {@code v0}, then {@code afterTransaction} (the upload of a changed blob field), the prune past
	 * {@code max_versions} and the strongly consistent read of the version written.
	 * @param history the item of the new version
	 * @param latest the new {@code v0} item
	 * @param afterTransaction what the library does between the transaction and the prune
	 * @throws IllegalStateException when {@code v0} is not at the version below the new one (the library's
	 * "Cannot update from non-latest version")
	 */
	public void update(Map<String, AttributeValue> history, Map<String, AttributeValue> latest,
			Runnable afterTransaction) {
		String pk = latest.get("pk").s();
		long previous = Long.parseLong(latest.get("version").n()) - 1;
		Map<String, AttributeValue> stored = read(pk, "v0", false);
		if (stored == null || Long.parseLong(stored.get("version").n()) != previous) {
			throw new IllegalStateException("Cannot update " + pk + " from version " + previous
					+ ": it is not the latest version stored");
		}
		transact(List.of(put(history, ABSENT, null), put(latest, LATEST_CONDITION, previous)), true);
		afterTransaction.run();
		enforceVersionLimit(pk);
		read(pk, history.get("sk").s(), true);
	}

	/**
	 * {@code update_existing} of a versioned resource without a blob upload.
	 * @param history the item of the new version
	 * @param latest the new {@code v0} item
	 */
	public void update(Map<String, AttributeValue> history, Map<String, AttributeValue> latest) {
		update(history, latest, () -> {
		});
	}

	/**
	 * An unconditional {@code PutItem}: the write of a non-versioned resource, or an audit row.
	 * @param item the item
	 */
	public void put(Map<String, AttributeValue> item) {
		this.client.putItem((request) -> request.tableName(this.table).item(item));
		this.sizes.put(id(item), StoredItemSizes.of(item));
	}

	/**
	 * A transaction of the library's {@code TransactionContext} holding one versioned update: the read of
	 * {@code v0} while its items are built, then one {@code TransactWriteItems} of the new version, {@code v0} and
	 * the other items queued, in that order (no prune).
	 * @param history the item of the new version
	 * @param latest the new {@code v0} item
	 * @param others the other items, as the library builds them
	 */
	public void transaction(Map<String, AttributeValue> history, Map<String, AttributeValue> latest,
			List<TransactWriteItem> others) {
		String pk = latest.get("pk").s();
		long previous = Long.parseLong(latest.get("version").n()) - 1;
		read(pk, "v0", false);
		List<TransactWriteItem> items = new ArrayList<>(List.of(put(history, ABSENT, null),
				put(latest, LATEST_CONDITION, previous)));
		items.addAll(others);
		transact(items, false);
	}

	/**
	 * The item of a transaction's {@code tx.update} of a non-versioned resource
	 * ({@code transactions.py: _build_update_items}): {@code SET} of each field given, and {@code updated_at}, no
	 * condition.
	 * @param key the item's key
	 * @param fields the fields set
	 * @return the transaction item
	 */
	public TransactWriteItem setFields(Map<String, AttributeValue> key, Map<String, AttributeValue> fields) {
		StringBuilder expression = new StringBuilder("SET ");
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		fields.forEach((name, value) -> {
			expression.append('#').append(name).append(" = :").append(name).append(", ");
			names.put("#" + name, name);
			values.put(":" + name, value);
		});
		expression.setLength(expression.length() - 2);
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table)
				.key(key)
				.updateExpression(expression.toString())
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.build())
			.build();
	}

	/**
	 * The item of a transaction's {@code tx.increment} ({@code transactions.py: _build_increment_items}):
	 * {@code ADD} of the amount, no condition.
	 * @param key the item's key
	 * @param field the counter
	 * @param amount the amount added
	 * @return the transaction item
	 */
	public TransactWriteItem increment(Map<String, AttributeValue> key, String field, long amount) {
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table)
				.key(key)
				.updateExpression("ADD #" + field + " :inc")
				.expressionAttributeNames(Map.of("#" + field, field))
				.expressionAttributeValues(Map.of(":inc", AttributeValue.fromN(Long.toString(amount))))
				.build())
			.build();
	}

	/**
	 * Returns the stored size of an item this pattern wrote and has not deleted.
	 * @param pk its partition key
	 * @param sk its sort key
	 * @return the size as DynamoDB counts it, or {@literal null} when unknown
	 */
	public @Nullable Long storedSize(String pk, String sk) {
		return this.sizes.get(pk + "/" + sk);
	}

	/**
	 * Forgets the units priced so far (not the sizes of the items stored).
	 */
	public void resetUnits() {
		this.transactionUnits = 0;
		this.deleteUnits = 0;
		this.readUnits = 0;
		this.localTransactionUnits = 0;
		this.localDeleteUnits = 0;
	}

	/**
	 * Returns the write units of the versioned writes' transactions by the pricing rules.
	 * @return the units since {@link #resetUnits()}
	 */
	public double transactionUnits() {
		return this.transactionUnits;
	}

	/**
	 * Returns the write units of the prunes' deletes by the pricing rules (the deleted items' sizes).
	 * @return the units since {@link #resetUnits()}
	 */
	public double deleteUnits() {
		return this.deleteUnits;
	}

	/**
	 * Returns the read units of the versioned writes' reads and queries by the pricing rules.
	 * @return the units since {@link #resetUnits()}
	 */
	public double readUnits() {
		return this.readUnits;
	}

	/**
	 * Returns the write units DynamoDB reported for the transactions (while a meter asks for them).
	 * @return the units since {@link #resetUnits()}
	 */
	public double localTransactionUnits() {
		return this.localTransactionUnits;
	}

	/**
	 * Returns the write units DynamoDB reported for the prunes' deletes (while a meter asks for them).
	 * @return the units since {@link #resetUnits()}
	 */
	public double localDeleteUnits() {
		return this.localDeleteUnits;
	}

	/**
	 * {@code enforce_version_limit}: the history's keys, then the deletes of the oldest versions past the limit.
	 */
	private void enforceVersionLimit(String pk) {
		List<Map<String, AttributeValue>> versions = this.client
			.query(QueryRequest.builder()
				.tableName(this.table)
				.keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS("v")))
				.scanIndexForward(true)
				.projectionExpression("pk, sk, version")
				.build())
			.items();
		// billed on the whole items read, not on the projection
		long bytes = 0;
		List<Map<String, AttributeValue>> history = new ArrayList<>();
		for (Map<String, AttributeValue> version : versions) {
			Long size = this.sizes.get(id(version));
			bytes += (size != null) ? size : StoredItemSizes.of(version);
			if (!"v0".equals(version.get("sk").s())) {
				history.add(version);
			}
		}
		this.readUnits += readUnits(bytes, false);
		if (history.size() <= this.maxVersions) {
			return;
		}
		history.sort((a, b) -> Long.compare(Long.parseLong(a.get("version").n()), Long.parseLong(b.get("version").n())));
		List<Map<String, AttributeValue>> old = history.subList(0, history.size() - this.maxVersions);
		for (int start = 0; start < old.size(); start += BATCH_WRITE) {
			List<WriteRequest> deletes = new ArrayList<>();
			for (Map<String, AttributeValue> version : old.subList(start, Math.min(old.size(), start + BATCH_WRITE))) {
				deletes.add(WriteRequest.builder()
					.deleteRequest(DeleteRequest.builder().key(key(pk, version.get("sk").s())).build())
					.build());
				Long size = this.sizes.remove(id(version));
				this.deleteUnits += writeUnits((size != null) ? size : 1);
			}
			this.localDeleteUnits += this.client
				.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(this.table, deletes)).build())
				.consumedCapacity()
				.stream()
				.mapToDouble(ConsumedCapacity::capacityUnits)
				.sum();
		}
	}

	/** {@code get_existing}: a {@code GetItem} of one item, priced at its stored size. */
	private @Nullable Map<String, AttributeValue> read(String pk, String sk, boolean consistent) {
		GetItemResponse response = this.client
			.getItem((request) -> request.tableName(this.table).key(key(pk, sk)).consistentRead(consistent));
		Long size = this.sizes.get(pk + "/" + sk);
		this.readUnits += readUnits((size != null) ? size : 0, consistent);
		return response.hasItem() ? response.item() : null;
	}

	private void transact(List<TransactWriteItem> items, boolean priced) {
		for (TransactWriteItem item : items) {
			if (item.put() != null) {
				long size = StoredItemSizes.of(item.put().item());
				this.sizes.put(id(item.put().item()), size);
				if (priced) {
					this.transactionUnits += 2 * writeUnits(size);
				}
			}
		}
		this.localTransactionUnits += this.client
			.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build())
			.consumedCapacity()
			.stream()
			.mapToDouble(ConsumedCapacity::capacityUnits)
			.sum();
	}

	private TransactWriteItem put(Map<String, AttributeValue> item, String condition, @Nullable Long previous) {
		Put.Builder put = Put.builder().tableName(this.table).item(item).conditionExpression(condition);
		if (previous != null) {
			put.expressionAttributeNames(Map.of("#version", "version"))
				.expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(previous))));
		}
		return TransactWriteItem.builder().put(put.build()).build();
	}

	/**
	 * The key of an item.
	 * @param pk the partition key
	 * @param sk the sort key
	 * @return the key
	 */
	public static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	private static String id(Map<String, AttributeValue> item) {
		return item.get("pk").s() + "/" + item.get("sk").s();
	}

	private static double writeUnits(long bytes) {
		return Math.max(1, Math.ceil(bytes / 1024.0));
	}

	private static double readUnits(long bytes, boolean consistent) {
		double units = Math.max(1, Math.ceil(bytes / 4096.0));
		return consistent ? units : units / 2;
	}

}
