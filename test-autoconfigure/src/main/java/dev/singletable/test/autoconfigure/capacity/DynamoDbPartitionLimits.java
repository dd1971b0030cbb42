package dev.singletable.test.autoconfigure.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.core.spi.StoredItems;
import dev.singletable.test.autoconfigure.capacity.CapacityUnits.Charge;
import dev.singletable.test.autoconfigure.capacity.DynamoDbAnswers.Cancel;
import dev.singletable.test.autoconfigure.capacity.DynamoDbAnswers.Throttle;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A model of DynamoDB's per-partition limits in front of DynamoDB Local, which enforces none of them: an SDK
 * {@link ExecutionInterceptor} to install in the client a test (or a benchmark) uses. Each partition key value of
 * the table and of each index gets token buckets of write and read units at DynamoDB's published per-partition
 * limits, 1,000 write units and 3,000 read units a second, divided by {@link #scaledDownBy a scale factor} so that a
 * small machine reaches them. Units are counted as DynamoDB bills them: a write one unit per started KB of the larger
 * of the item before and after it, a read one per started 4 KB (half eventually consistent), both twice in a
 * transaction, and every index an item is in before or after a write is written too, for the whole item (the
 * standard layout projects every attribute). A write whose partition (or an index partition the item is in) has
 * not its units left, or a read whose partition has none left, is refused as DynamoDB refuses it: a partition
 * serves its limit and never more, however many writers wait:
 * <ul>
 * <li>a single-item request with {@code ThrottlingException} (on-demand, the standard table's billing) or
 * {@code ProvisionedThroughputExceededException} ({@link #provisioned()}), status 400, with throttling reasons such
 * as {@code IndexWriteKeyRangeThroughputExceeded} naming the index's ARN: an index that cannot keep up throttles the
 * table's writes. The SDK retries both as throttling, with its backoff, as against DynamoDB;
 * <li>a transaction with {@code TransactionCanceledException} whose reasons are {@code ThrottlingError} for the
 * items over a limit and {@code None} for the others;
 * <li>a transaction writing an item that a transaction in flight writes with {@code TransactionConflict} for that
 * item, and a single-item write of such an item with {@code TransactionConflictException}.
 * </ul>
 * {@link #holdTransactionsOn} holds a transaction in flight, so that a test forces such a conflict. Reads of items,
 * before and after a write, go through a client of the same endpoint and credentials without the model
 * ({@link #installOn} builds it). A {@code BatchWriteItem} is billed per item as its single writes are, the items
 * whose partitions have not their units left answered as {@code UnprocessedItems} (all of them over: refused as a
 * single write is); a {@code BatchGetItem} likewise, its keys whose partitions have no read units left answered as
 * {@code UnprocessedKeys}, the items read billed per item. {@code Scan} passes unthrottled and unbilled. Thread
 * safe.
 * <pre class="code">
 * DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(SingleTableSchema.standard("app")).scaledDownBy(100);
 * limits.installOn(builder);                       // builder: endpoint and credentials set
 * DynamoDbClient client = builder.build();
 * </pre>
 */
public final class DynamoDbPartitionLimits implements ExecutionInterceptor {

	private static final ExecutionAttribute<Attempt> ATTEMPT = new ExecutionAttribute<>("singletable.partitionLimits");

	/** The writes of a {@code BatchWriteItem} the model left unprocessed, answered in its {@code UnprocessedItems}. */
	private static final ExecutionAttribute<List<WriteRequest>> UNPROCESSED = new ExecutionAttribute<>(
			"singletable.partitionLimits.unprocessed");

	/** The keys of a {@code BatchGetItem} the model left unprocessed, answered in its {@code UnprocessedKeys}. */
	private static final ExecutionAttribute<KeysAndAttributes> UNPROCESSED_KEYS = new ExecutionAttribute<>(
			"singletable.partitionLimits.unprocessedKeys");

	/** A {@code BatchGetItem} none of whose keys' partitions had units: refused at each attempt while none has. */
	private static final ExecutionAttribute<List<Read>> BATCH_READS = new ExecutionAttribute<>(
			"singletable.partitionLimits.batchReads");

	/** A {@code BatchWriteItem} none of whose writes had its units: admitted whole, or refused, at each attempt. */
	private static final ExecutionAttribute<List<Write>> BATCH = new ExecutionAttribute<>(
			"singletable.partitionLimits.batch");

	private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

	private final SingleTableSchema schema;

	private volatile @Nullable DynamoDbClient reader;

	private final int scaleFactor;

	private final boolean provisioned;

	private final PartitionBuckets buckets;

	private final Set<ItemKey> inFlight = new HashSet<>();

	private final List<Hold> holds = new ArrayList<>();

	private final Map<String, Integer> refusals = new HashMap<>();

	private DynamoDbPartitionLimits(SingleTableSchema schema, @Nullable DynamoDbClient reader, int scaleFactor,
			boolean provisioned) {
		Assert.isTrue(scaleFactor >= 1, () -> "The scale factor must be at least 1 but was " + scaleFactor);
		this.schema = schema;
		this.reader = reader;
		this.scaleFactor = scaleFactor;
		this.provisioned = provisioned;
		this.buckets = new PartitionBuckets(scaleFactor, System::nanoTime);
	}

	/**
	 * Returns a model of the table of the schema at DynamoDB's limits, billed on demand, to
	 * {@link #installOn install on} a client builder.
	 * @param schema the table and its indexes
	 * @return the model
	 */
	public static DynamoDbPartitionLimits of(SingleTableSchema schema) {
		Assert.notNull(schema, "SingleTableSchema must not be null");
		return new DynamoDbPartitionLimits(schema, null, 1, false);
	}

	/**
	 * Returns a model of the table of the schema at DynamoDB's limits, billed on demand, reading items with the
	 * given client: add it to a client's interceptors yourself (an async client's too).
	 * @param schema the table and its indexes
	 * @param reader a client of the same endpoint and credentials without this model, to read items with
	 * @return the model
	 */
	public static DynamoDbPartitionLimits of(SingleTableSchema schema, DynamoDbClient reader) {
		Assert.notNull(schema, "SingleTableSchema must not be null");
		Assert.notNull(reader, "Reader client must not be null");
		return new DynamoDbPartitionLimits(schema, reader, 1, false);
	}

	/**
	 * Installs this model on a client builder whose endpoint and credentials are set: the items are read with a
	 * client the builder builds first, without the model, then the model is added to the builder's interceptors
	 * (its other settings kept). In a Spring Boot test, from a {@code SingleTableDynamoDbClientBuilderCustomizer}
	 * bean.
	 * @param builder the builder
	 * @return this model
	 */
	public DynamoDbPartitionLimits installOn(DynamoDbClientBuilder builder) {
		this.reader = builder.build();
		builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(this).build());
		return this;
	}

	/**
	 * Returns a model whose partitions serve DynamoDB's limits divided by the factor: with 100, 10 write units and
	 * 30 read units a second.
	 * @param factor the scale factor, at least 1
	 * @return a new model (nothing consumed yet)
	 */
	public DynamoDbPartitionLimits scaledDownBy(int factor) {
		return new DynamoDbPartitionLimits(this.schema, this.reader, factor, this.provisioned);
	}

	/**
	 * Returns a model of a provisioned table: throttling is {@code ProvisionedThroughputExceededException}, not
	 * {@code ThrottlingException}.
	 * @return a new model (nothing consumed yet)
	 */
	public DynamoDbPartitionLimits provisioned() {
		return new DynamoDbPartitionLimits(this.schema, this.reader, this.scaleFactor, true);
	}

	/**
	 * Returns the write units one partition serves a second in this model.
	 * @return DynamoDB's 1,000 divided by the scale factor
	 */
	public double partitionWriteUnitsPerSecond() {
		return PartitionBuckets.PARTITION_WRITE_UNITS / this.scaleFactor;
	}

	/**
	 * Returns the read units one partition serves a second in this model.
	 * @return DynamoDB's 3,000 divided by the scale factor
	 */
	public double partitionReadUnitsPerSecond() {
		return PartitionBuckets.PARTITION_READ_UNITS / this.scaleFactor;
	}

	/**
	 * Holds the next transaction that writes an item of the given partition key value in flight, after it was
	 * admitted, until the hold is released: every transaction writing one of its items meanwhile is cancelled with
	 * {@code TransactionConflict}, as DynamoDB cancels transactions that overlap.
	 * @param partitionKey the table's partition key value, for example {@code _INTERNAL#MemoryStats}
	 * @return the hold
	 */
	public synchronized Hold holdTransactionsOn(String partitionKey) {
		Hold hold = new Hold(partitionKey);
		this.holds.add(hold);
		return hold;
	}

	/**
	 * Returns how many requests (attempts: each of the SDK's retries counts) the model refused for a reason.
	 * @param reason a throttling reason such as {@code IndexWriteKeyRangeThroughputExceeded}, a cancellation
	 * reason such as {@code TransactionConflict} or {@code ThrottlingError}, or {@code TransactionConflictException}
	 * @return the number of refusals
	 */
	public synchronized int refusals(String reason) {
		return this.refusals.getOrDefault(reason, 0);
	}

	/**
	 * Returns the write units consumed on a partition so far.
	 * @param index the index's name, {@literal null} for the table
	 * @param partitionKey the partition key value
	 * @return the units
	 */
	public synchronized double consumedWriteUnits(@Nullable String index, String partitionKey) {
		return this.buckets.consumed(index, partitionKey, true);
	}

	/**
	 * Returns the read units consumed on a partition so far.
	 * @param index the index's name, {@literal null} for the table
	 * @param partitionKey the partition key value
	 * @return the units
	 */
	public synchronized double consumedReadUnits(@Nullable String index, String partitionKey) {
		return this.buckets.consumed(index, partitionKey, false);
	}

	/**
	 * Forgets what was consumed and refused: every partition starts with one second of units. Holds stay.
	 */
	public synchronized void reset() {
		this.buckets.clear();
		this.refusals.clear();
	}

	/**
	 * Admits the writes of a {@code BatchWriteItem} of the table whose partitions hold their units, in order, and
	 * leaves the others out of the request, to be answered as {@code UnprocessedItems}, as DynamoDB processes a batch
	 * under throttling. A batch none of whose writes fits is sent whole and refused at each attempt while none fits
	 * ({@link #beforeTransmission}), as DynamoDB refuses it.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 * @return the request, without the writes left unprocessed
	 */
	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		if (context.request() instanceof BatchGetItemRequest get
				&& get.requestItems().containsKey(this.schema.getTableName())) {
			return admitBatchGet(get, executionAttributes);
		}
		if (!(context.request() instanceof BatchWriteItemRequest batch)
				|| !batch.requestItems().containsKey(this.schema.getTableName())) {
			return context.request();
		}
		List<WriteRequest> requests = batch.requestItems().get(this.schema.getTableName());
		List<Write> planned = new ArrayList<>(requests.size());
		for (WriteRequest request : requests) {
			Write write = (request.putRequest() != null)
					? new Write(key(request.putRequest().item()), request.putRequest().item(), false)
					: new Write(request.deleteRequest().key(), null, false);
			planned.add(write.planned(read(write.key()), partitionKey(), indexes(), false));
		}
		Arns arns = arns(executionAttributes);
		List<WriteRequest> admitted = new ArrayList<>();
		List<WriteRequest> unprocessed = new ArrayList<>();
		synchronized (this) {
			List<Throttle> throttles = new ArrayList<>();
			for (int i = 0; i < planned.size(); i++) {
				Throttle throttle = firstThrottled(planned.get(i).estimate(), true, arns);
				if (throttle == null) {
					consume(planned.get(i).estimate(), true);
					admitted.add(requests.get(i));
				}
				else {
					throttles.add(throttle);
					unprocessed.add(requests.get(i));
				}
			}
			if (admitted.isEmpty()) {
				// refused at the attempt, and counted there
				executionAttributes.putAttribute(BATCH, planned);
				return batch;
			}
			throttles.forEach((throttle) -> count(throttle.reason()));
		}
		executionAttributes.putAttribute(UNPROCESSED, unprocessed);
		Map<String, List<WriteRequest>> items = new HashMap<>(batch.requestItems());
		items.put(this.schema.getTableName(), admitted);
		return batch.toBuilder().requestItems(items).build();
	}

	/**
	 * Keeps the keys of a {@code BatchGetItem} of the table whose partitions have read units left, and leaves the
	 * others out, to be answered as {@code UnprocessedKeys}; a batch none of whose keys has units is sent whole and
	 * refused at each attempt while none has. The items read are billed once the answer tells their sizes.
	 */
	private SdkRequest admitBatchGet(BatchGetItemRequest get, ExecutionAttributes executionAttributes) {
		KeysAndAttributes table = get.requestItems().get(this.schema.getTableName());
		List<Map<String, AttributeValue>> admitted = new ArrayList<>();
		List<Map<String, AttributeValue>> unprocessed = new ArrayList<>();
		List<Throttle> throttles = new ArrayList<>();
		Arns arns = arns(executionAttributes);
		synchronized (this) {
			for (Map<String, AttributeValue> key : table.keys()) {
				if (this.buckets.available(null, pk(key), false, 0)) {
					admitted.add(key);
				}
				else {
					throttles.add(new Throttle(null, false, arns.of(null)));
					unprocessed.add(key);
				}
			}
			if (admitted.isEmpty()) {
				executionAttributes.putAttribute(BATCH_READS,
						table.keys().stream().map((key) -> new Read(null, pk(key))).toList());
				return get;
			}
			throttles.forEach((throttle) -> count(throttle.reason()));
		}
		if (!unprocessed.isEmpty()) {
			executionAttributes.putAttribute(UNPROCESSED_KEYS, table.toBuilder().keys(unprocessed).build());
		}
		Map<String, KeysAndAttributes> items = new HashMap<>(get.requestItems());
		items.put(this.schema.getTableName(), table.toBuilder().keys(admitted).build());
		return get.toBuilder().requestItems(items).build();
	}

	/**
	 * Answers the writes of a {@code BatchWriteItem} the model left out as its {@code UnprocessedItems}.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 * @return the response, with those writes unprocessed
	 */
	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
		KeysAndAttributes unprocessedKeys = executionAttributes.getAttribute(UNPROCESSED_KEYS);
		if (unprocessedKeys != null && context.response() instanceof BatchGetItemResponse got) {
			Map<String, KeysAndAttributes> keys = new HashMap<>(got.unprocessedKeys());
			KeysAndAttributes left = keys.get(this.schema.getTableName());
			List<Map<String, AttributeValue>> all = new ArrayList<>((left != null) ? left.keys() : List.of());
			all.addAll(unprocessedKeys.keys());
			keys.put(this.schema.getTableName(), unprocessedKeys.toBuilder().keys(all).build());
			return got.toBuilder().unprocessedKeys(keys).build();
		}
		List<WriteRequest> unprocessed = executionAttributes.getAttribute(UNPROCESSED);
		if (unprocessed == null || unprocessed.isEmpty()
				|| !(context.response() instanceof BatchWriteItemResponse response)) {
			return context.response();
		}
		Map<String, List<WriteRequest>> items = new HashMap<>(response.unprocessedItems());
		List<WriteRequest> table = new ArrayList<>(items.getOrDefault(this.schema.getTableName(), List.of()));
		table.addAll(unprocessed);
		items.put(this.schema.getTableName(), table);
		return response.toBuilder().unprocessedItems(items).build();
	}

	/**
	 * Admits, bills or refuses an attempt before it is sent.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		executionAttributes.putAttribute(ATTEMPT, Attempt.NONE);
		SdkRequest request = context.request();
		Arns arns = arns(executionAttributes);
		Attempt attempt;
		List<Write> batch = executionAttributes.getAttribute(BATCH);
		List<Read> batchReads = executionAttributes.getAttribute(BATCH_READS);
		if (batch != null) {
			attempt = admitPlanned(batch, arns);
		}
		else if (batchReads != null) {
			attempt = admitRead(batchReads, arns);
		}
		else if (request instanceof BatchGetItemRequest) {
			// its keys with units were kept (modifyRequest): billed once the answer tells the items' sizes
			attempt = new Attempt(false, false, List.of(), List.of(), null, new AtomicBoolean());
		}
		else if (request instanceof TransactWriteItemsRequest transact) {
			attempt = admitTransaction(transact, arns);
		}
		else if (request instanceof PutItemRequest put && ours(put.tableName())) {
			attempt = admitWrite(List.of(new Write(key(put.item()), put.item(), false)), arns);
		}
		else if (request instanceof UpdateItemRequest update && ours(update.tableName())) {
			attempt = admitWrite(List.of(new Write(update.key(), null, true)), arns);
		}
		else if (request instanceof DeleteItemRequest delete && ours(delete.tableName())) {
			attempt = admitWrite(List.of(new Write(delete.key(), null, false)), arns);
		}
		else if (request instanceof GetItemRequest get && ours(get.tableName())) {
			attempt = admitRead(List.of(new Read(null, pk(get.key()))), arns);
		}
		else if (request instanceof QueryRequest query && ours(query.tableName())) {
			attempt = admitRead(List.of(new Read(query.indexName(), queriedPartition(query))), arns);
		}
		else if (request instanceof TransactGetItemsRequest get) {
			attempt = admitRead(get.transactItems()
				.stream()
				.filter((item) -> ours(item.get().tableName()))
				.map((item) -> new Read(null, pk(item.get().key())))
				.toList(), arns);
		}
		else {
			return;
		}
		executionAttributes.putAttribute(ATTEMPT, attempt);
		attempt.awaitHold();
	}

	/**
	 * Ends the attempt: its transaction is no longer in flight.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
		Attempt attempt = executionAttributes.getAttribute(ATTEMPT);
		if (attempt != null) {
			land(attempt);
		}
	}

	/**
	 * Bills what only the answer tells: the items read, the items an update left.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		Attempt attempt = executionAttributes.getAttribute(ATTEMPT);
		if (attempt == null || attempt == Attempt.NONE) {
			return;
		}
		SdkResponse response = context.response();
		List<Charge> charges = new ArrayList<>();
		if (response instanceof GetItemResponse get && context.request() instanceof GetItemRequest request) {
			charges.add(new Charge(null, pk(request.key()), CapacityUnits.readUnits(
					CapacityUnits.size(get.hasItem() ? get.item() : null), Boolean.TRUE.equals(request.consistentRead()),
					false)));
		}
		else if (response instanceof QueryResponse query && context.request() instanceof QueryRequest request) {
			long bytes = query.items().stream().mapToLong(CapacityUnits::size).sum();
			charges.add(new Charge(request.indexName(), queriedPartition(request),
					CapacityUnits.readUnits(bytes, Boolean.TRUE.equals(request.consistentRead()), false)));
		}
		else if (response instanceof BatchGetItemResponse got
				&& context.request() instanceof BatchGetItemRequest request
				&& request.requestItems().containsKey(this.schema.getTableName())) {
			String table = this.schema.getTableName();
			boolean consistent = Boolean.TRUE.equals(request.requestItems().get(table).consistentRead());
			for (Map<String, AttributeValue> item : got.responses().getOrDefault(table, List.of())) {
				charges.add(new Charge(null, pk(item),
						CapacityUnits.readUnits(CapacityUnits.size(item), consistent, false)));
			}
		}
		else if (response instanceof TransactGetItemsResponse get
				&& context.request() instanceof TransactGetItemsRequest request) {
			for (int i = 0; i < request.transactItems().size() && i < get.responses().size(); i++) {
				var item = get.responses().get(i);
				charges.add(new Charge(null, pk(request.transactItems().get(i).get().key()),
						CapacityUnits.readUnits(CapacityUnits.size(item.hasItem() ? item.item() : null), true, true)));
			}
		}
		for (Write update : attempt.updates()) {
			Map<String, AttributeValue> after = read(update.key());
			charges.addAll(minus(CapacityUnits.write(partitionKey(), indexes(), update.before(), after,
					attempt.transactional()), update.estimate()));
		}
		synchronized (this) {
			for (Charge charge : charges) {
				this.buckets.consume(charge.index(), charge.partitionKey(), attempt.writes(), charge.units());
			}
		}
	}

	/**
	 * Ends an execution that failed: its transaction is no longer in flight.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		Attempt attempt = executionAttributes.getAttribute(ATTEMPT);
		if (attempt != null) {
			land(attempt);
		}
	}

	private Attempt admitTransaction(TransactWriteItemsRequest request, Arns arns) {
		List<TransactWriteItem> items = request.transactItems();
		List<@Nullable Write> writes = new ArrayList<>(items.size());
		for (TransactWriteItem item : items) {
			if (item.put() != null && ours(item.put().tableName())) {
				writes.add(new Write(key(item.put().item()), item.put().item(), false));
			}
			else if (item.update() != null && ours(item.update().tableName())) {
				writes.add(new Write(item.update().key(), null, true));
			}
			else if (item.delete() != null && ours(item.delete().tableName())) {
				writes.add(new Write(item.delete().key(), null, false));
			}
			else if (item.conditionCheck() != null && ours(item.conditionCheck().tableName())) {
				writes.add(new Write(item.conditionCheck().key(), null, false).checkOnly());
			}
			else {
				writes.add(null);
			}
		}
		List<@Nullable Write> planned = new ArrayList<>(writes.size());
		for (@Nullable Write write : writes) {
			planned.add((write != null) ? write.planned(read(write.key()), partitionKey(), indexes(), true) : null);
		}
		synchronized (this) {
			List<@Nullable Cancel> reasons = new ArrayList<>(planned.size());
			boolean refused = false;
			for (@Nullable Write write : planned) {
				@Nullable Cancel reason = null;
				if (write != null && this.inFlight.contains(write.itemKey())) {
					reason = DynamoDbAnswers.transactionConflict();
				}
				else if (write != null) {
					Throttle throttle = firstThrottled(write.estimate(), true, arns);
					reason = (throttle != null) ? DynamoDbAnswers.throttlingError(throttle.index() != null) : null;
				}
				refused |= reason != null;
				reasons.add(reason);
			}
			if (refused) {
				reasons.stream().filter((reason) -> reason != null).forEach((reason) -> count(reason.code()));
				throw DynamoDbAnswers.cancelled(reasons);
			}
			List<ItemKey> keys = new ArrayList<>();
			List<Write> updates = new ArrayList<>();
			for (@Nullable Write write : planned) {
				if (write != null) {
					consume(write.estimate(), true);
					keys.add(write.itemKey());
					if (write.update()) {
						updates.add(write);
					}
				}
			}
			this.inFlight.addAll(keys);
			Hold hold = takeHold(keys);
			return new Attempt(true, true, keys, updates, hold, new AtomicBoolean());
		}
	}

	private Attempt admitWrite(List<Write> writes, Arns arns) {
		return admitPlanned(writes.stream()
			.map((write) -> write.planned(read(write.key()), partitionKey(), indexes(), false))
			.toList(), arns);
	}

	private Attempt admitPlanned(List<Write> planned, Arns arns) {
		synchronized (this) {
			List<Throttle> throttles = new ArrayList<>();
			for (Write write : planned) {
				if (this.inFlight.contains(write.itemKey())) {
					count("TransactionConflictException");
					throw DynamoDbAnswers.conflict();
				}
				Throttle throttle = firstThrottled(write.estimate(), true, arns);
				if (throttle != null) {
					throttles.add(throttle);
				}
			}
			if (!throttles.isEmpty()) {
				throttles.forEach((throttle) -> count(throttle.reason()));
				throw DynamoDbAnswers.throttled(this.provisioned, throttles);
			}
			planned.forEach((write) -> consume(write.estimate(), true));
			return new Attempt(true, false, List.of(), planned.stream().filter(Write::update).toList(), null,
					new AtomicBoolean());
		}
	}

	private Attempt admitRead(List<Read> reads, Arns arns) {
		synchronized (this) {
			List<Throttle> throttles = new ArrayList<>();
			for (Read read : reads) {
				if (!this.buckets.available(read.index(), read.partitionKey(), false, 0)) {
					throttles.add(new Throttle(read.index(), false, arns.of(read.index())));
				}
			}
			if (!throttles.isEmpty()) {
				throttles.forEach((throttle) -> count(throttle.reason()));
				throw DynamoDbAnswers.throttled(this.provisioned, throttles);
			}
			return new Attempt(false, false, List.of(), List.of(), null, new AtomicBoolean());
		}
	}

	private @Nullable Throttle firstThrottled(List<Charge> charges, boolean write, Arns arns) {
		// an index that cannot keep up throttles the table's write: its reason first
		for (Charge charge : charges) {
			if (charge.index() != null
					&& !this.buckets.available(charge.index(), charge.partitionKey(), write, charge.units())) {
				return new Throttle(charge.index(), write, arns.of(charge.index()));
			}
		}
		for (Charge charge : charges) {
			if (charge.index() == null
					&& !this.buckets.available(null, charge.partitionKey(), write, charge.units())) {
				return new Throttle(null, write, arns.of(null));
			}
		}
		return null;
	}

	private void consume(List<Charge> charges, boolean write) {
		for (Charge charge : charges) {
			this.buckets.consume(charge.index(), charge.partitionKey(), write, charge.units());
		}
	}

	private @Nullable Hold takeHold(List<ItemKey> keys) {
		for (Hold hold : this.holds) {
			if (!hold.taken.get() && keys.stream().anyMatch((key) -> key.pk().equals(hold.partitionKey))) {
				hold.taken.set(true);
				return hold;
			}
		}
		return null;
	}

	private synchronized void land(Attempt attempt) {
		if (!attempt.landed().getAndSet(true)) {
			attempt.keys().forEach(this.inFlight::remove);
		}
	}

	private void count(String reason) {
		this.refusals.merge(reason, 1, Integer::sum);
	}

	private static List<Charge> minus(List<Charge> actual, List<Charge> estimate) {
		Map<String, Charge> billed = new HashMap<>();
		for (Charge charge : estimate) {
			billed.put(charge.index() + "\u0000" + charge.partitionKey(), charge);
		}
		List<Charge> more = new ArrayList<>();
		for (Charge charge : actual) {
			Charge before = billed.get(charge.index() + "\u0000" + charge.partitionKey());
			double units = charge.units() - ((before != null) ? before.units() : 0);
			if (units > 0) {
				more.add(new Charge(charge.index(), charge.partitionKey(), units));
			}
		}
		return more;
	}

	private @Nullable Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
		DynamoDbClient client = this.reader;
		if (client == null) {
			throw new IllegalStateException("DynamoDbPartitionLimits reads items with a client of its own: install it "
					+ "with installOn(builder), or create it with of(schema, reader)");
		}
		GetItemResponse response = client
			.getItem((get) -> get.tableName(this.schema.getTableName()).key(key).consistentRead(true));
		return response.hasItem() ? response.item() : null;
	}

	private Arns arns(ExecutionAttributes executionAttributes) {
		Region region = executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
		return new Arns((region != null) ? region.id() : "ddblocal", this.schema.getTableName());
	}

	private boolean ours(@Nullable String tableName) {
		return this.schema.getTableName().equals(tableName);
	}

	private String partitionKey() {
		return StoredItems.PK;
	}

	private List<TableIndex> indexes() {
		return this.schema.getIndexes();
	}

	private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
		Map<String, AttributeValue> key = new HashMap<>();
		key.put(StoredItems.PK, item.get(StoredItems.PK));
		if (item.containsKey(StoredItems.SK)) {
			key.put(StoredItems.SK, item.get(StoredItems.SK));
		}
		return key;
	}

	private static String pk(Map<String, AttributeValue> key) {
		return CapacityUnits.text(key.get(StoredItems.PK));
	}

	/**
	 * The partition key value a query reads: the value its key condition compares the partition key attribute of
	 * the table or of the index with.
	 */
	private String queriedPartition(QueryRequest query) {
		String attribute = StoredItems.PK;
		if (query.indexName() != null) {
			attribute = indexes().stream()
				.filter((index) -> index.name().equals(query.indexName()))
				.map(TableIndex::partitionKey)
				.findFirst()
				.orElse(query.indexName() + "pk");
		}
		return CapacityUnits.text(StoredItems.partitionValue(query.keyConditionExpression(),
				query.expressionAttributeNames(), query.expressionAttributeValues(), attribute));
	}

	@Override
	public synchronized String toString() {
		return "DynamoDbPartitionLimits[table=" + this.schema.getTableName() + ", scaledDownBy=" + this.scaleFactor
				+ ", refusals=" + this.refusals + "]";
	}

	/**
	 * A transaction held in flight by {@link #holdTransactionsOn}: the test waits until one is held, lets other
	 * requests meet it, then releases it.
	 */
	public static final class Hold {

		private final String partitionKey;

		private final AtomicBoolean taken = new AtomicBoolean();

		private final CountDownLatch held = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private Hold(String partitionKey) {
			this.partitionKey = partitionKey;
		}

		/**
		 * Waits until a transaction is held.
		 * @param timeout how long to wait at most
		 * @throws IllegalStateException when no transaction writing the partition was admitted in time
		 */
		public void awaitHeld(Duration timeout) {
			try {
				if (!this.held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("No transaction writing partition '" + this.partitionKey
							+ "' was admitted within " + timeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for a transaction to hold", ex);
			}
		}

		/**
		 * Lets the held transaction (and any to come) go on to DynamoDB Local.
		 */
		public void release() {
			this.released.countDown();
		}

		void hold() {
			this.held.countDown();
			try {
				if (!this.released.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("A transaction on partition '" + this.partitionKey
							+ "' was held for more than " + HOLD_LIMIT + ": release the hold");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while a transaction was held", ex);
			}
		}

	}

	/** The ARNs of the table and its indexes, as DynamoDB names them in throttling reasons. */
	private record Arns(String region, String table) {

		String of(@Nullable String index) {
			String arn = "arn:aws:dynamodb:" + this.region + ":000000000000:table/" + this.table;
			return (index != null) ? arn + "/index/" + index : arn;
		}

	}

	private record ItemKey(String pk, String sk) {

	}

	/**
	 * An item a request writes.
	 * @param key its key
	 * @param after the item a put leaves, {@literal null} for an update (known after the answer) or a delete
	 * @param update whether it is an update
	 * @param before the item before, once read
	 * @param estimate what it is billed before the answer
	 */
	private record Write(Map<String, AttributeValue> key, @Nullable Map<String, AttributeValue> after, boolean update,
			@Nullable Map<String, AttributeValue> before, List<Charge> estimate, boolean check) {

		Write(Map<String, AttributeValue> key, @Nullable Map<String, AttributeValue> after, boolean update) {
			this(key, after, update, null, List.of(), false);
		}

		Write checkOnly() {
			return new Write(this.key, null, false, null, List.of(), true);
		}

		/** The write with the item before it and its bill: an update is billed as if it left the item as it was. */
		Write planned(@Nullable Map<String, AttributeValue> before, String partitionKey, List<TableIndex> indexes,
				boolean transactional) {
			List<Charge> estimate;
			if (this.check) {
				// a condition check is billed as a transactional write of the item, and writes no index
				Map<String, AttributeValue> item = (before != null) ? before : this.key;
				estimate = List.of(new Charge(null, CapacityUnits.text(this.key.get(partitionKey)),
						2 * CapacityUnits.writeUnits(CapacityUnits.size(item))));
			}
			else {
				Map<String, AttributeValue> after = this.update ? before : this.after;
				Map<String, AttributeValue> billedBefore = before;
				if (before == null && after == null) {
					// a delete (or an update creating nothing yet) of an absent item still costs a unit
					billedBefore = this.key;
				}
				estimate = CapacityUnits.write(partitionKey, indexes, billedBefore, after, transactional);
			}
			return new Write(this.key, this.after, this.update, before, estimate, this.check);
		}

		ItemKey itemKey() {
			return new ItemKey(CapacityUnits.text(this.key.get(StoredItems.PK)),
					CapacityUnits.text(this.key.get(StoredItems.SK)));
		}

	}

	/** A partition a request reads. */
	private record Read(@Nullable String index, String partitionKey) {

	}

	/**
	 * An admitted attempt.
	 * @param writes whether it writes
	 * @param transactional whether it is a transaction
	 * @param keys the items it holds in flight
	 * @param updates its updates, billed again once their items are known
	 * @param hold the hold it waits on, if any
	 * @param landed whether it is no longer in flight
	 */
	private record Attempt(boolean writes, boolean transactional, List<ItemKey> keys, List<Write> updates,
			@Nullable Hold hold, AtomicBoolean landed) {

		/** An attempt the model does not look at. */
		static final Attempt NONE = new Attempt(false, false, List.of(), List.of(), null, new AtomicBoolean(true));

		void awaitHold() {
			if (this.hold != null) {
				this.hold.hold();
			}
		}

	}

}
