package dev.singletable.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.convert.StorageTimestamps;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.IndexKeyPair;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.SingleTableQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * The central class of singletable: stores many entity types in one DynamoDB table in the
 * {@code simplesingletable} item layout, with versioned history, optimistic concurrency and compression.
 * Thread-safe once configured.
 *
 * <pre class="code">
 * SingleTableTemplate template = new SingleTableTemplate(dynamoDbClient, "my-table");
 * Task task = template.create(new Task(null, null, null, null, "Write docs"));
 * Task next = template.update(task.withTitle("Write better docs"));   // version 2, v1 kept
 * </pre>
 */
public class SingleTableTemplate implements SingleTableOperations, DisposableBean {

	private static final String CONDITION_NEW = "attribute_not_exists(#pk)";

	private final DynamoDbExecutor executor;

	private final String tableName;

	private final SingleTableConverter converter;

	private final TransactionWriter transactions;

	private final BatchWriter batches;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final Timestamps timestamps = new Timestamps();

	private boolean consistentReads;

	private QueryExecutor queries;

	private final BatchReader batchReads;

	private final AtomicUpdates atomicUpdates;

	private final VersionRetention retention;

	private final JsonMapper changesMapper;

	private final ParallelRequests parallel;

	/**
	 * Creates a template with a default mapping context and the storage JSON defaults.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName) {
		this(client, tableName, new MappingSingleTableConverter(new SingleTableMappingContext()));
	}

	/**
	 * Creates a template with the given converter.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @param converter the converter; must not be {@literal null}
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName, SingleTableConverter converter) {
		Assert.notNull(client, "DynamoDbClient must not be null");
		Assert.hasText(tableName, "Table name must not be empty");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		this.executor = new DynamoDbExecutor(client, tableName);
		this.tableName = tableName;
		this.converter = converter;
		this.transactions = new TransactionWriter(client, tableName);
		this.parallel = new ParallelRequests(tableName);
		this.batches = new BatchWriter(client, tableName, this.parallel);
		this.queries = new QueryExecutor(this.executor, converter,
				new CursorCodec(CursorCodec.defaultSecret(tableName)), this.timestamps, this.parallel);
		this.batchReads = new BatchReader(this.executor, converter, this.parallel);
		this.atomicUpdates = new AtomicUpdates(this.executor, this.transactions, converter, this.timestamps);
		this.retention = new VersionRetention(this.executor, this.batches);
		this.changesMapper = changesMapper(converter.getJsonMapper());
	}

	/**
	 * The storage mapper as {@link #update(Object, Changes)} reads a changed entity with: without the scalar
	 * coercions that would let a change of the wrong type pass as another value ({@code 3.7} cut to the
	 * {@code int} 3, {@code 42} or {@code true} turned into a String, {@code 1} into {@code true}, a number into
	 * a date), so that such a change is refused and nothing is written.
	 */
	private static JsonMapper changesMapper(JsonMapper mapper) {
		return mapper.rebuild()
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail))
			.withCoercionConfig(LogicalType.DateTime, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.build();
	}

	/**
	 * Sets the secret that signs query cursors. Without one, cursors are signed with a key derived from the
	 * table name: altered and foreign cursors are still refused, and a forged one can never read outside its
	 * query's partition, but set a secret (the same on every instance) to make cursors unforgeable.
	 * @param secret the secret bytes; must not be empty
	 */
	public void setCursorSecret(byte[] secret) {
		Assert.notNull(secret, "Secret must not be null");
		this.queries = new QueryExecutor(this.executor, this.converter, new CursorCodec(secret), this.timestamps,
				this.parallel);
	}

	/**
	 * Sets how many requests one operation sends at once at most (default 8): the {@code BatchGetItem} requests of
	 * {@link #findAllById} (100 ids each) and the {@code BatchWriteItem} requests of {@link #putAll},
	 * {@link #deleteAllById} and of deleting a versioned resource's history (25 items each) are sent side by side,
	 * each retrying its own unprocessed items. The requests are the same as when sent one after another, only
	 * sooner; {@code 0} or {@code 1} sends them one after another. Helper threads come from a small pool of daemon
	 * threads the template owns (at most this many, ended when idle and by {@link #destroy()}); when they are
	 * busy, the calling thread sends the requests itself.
	 * @param maxConcurrentRequests requests in flight per operation, {@code 0} or more
	 */
	public void setMaxConcurrentRequests(int maxConcurrentRequests) {
		this.parallel.setMaxConcurrency(maxConcurrentRequests);
	}

	/**
	 * Sets whether query streams ({@link SingleTableQuery#stream()}, {@code Stream} repository methods) fetch
	 * their next page while the caller consumes the current one (default {@literal true}). At most one page is
	 * read ahead, and never past the query's {@code limit}; closing the stream cancels a fetch in flight, and a
	 * failed one is thrown when the caller reaches its page. A stream abandoned without being closed may have read
	 * one page it never returned.
	 * @param streamPrefetch whether streams read one page ahead
	 */
	public void setStreamPrefetch(boolean streamPrefetch) {
		this.parallel.setPrefetch(streamPrefetch);
	}

	/**
	 * Stops the template's helper threads (Spring calls it when the context closes). Requests in flight finish;
	 * the template stays usable and sends later requests from the calling thread, one after another.
	 */
	@Override
	public void destroy() {
		this.parallel.shutdown();
	}

	/**
	 * Sets the clock that supplies timestamps (UTC system clock by default).
	 * @param clock the clock; must not be {@literal null}
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		this.timestamps.setClock(clock);
	}

	/**
	 * Sets whether reads by id are strongly consistent (default {@literal false}: eventually consistent, half
	 * the read cost). Reads that guard a write are always strongly consistent.
	 * @param consistentReads whether to use strongly consistent reads
	 */
	public void setConsistentReads(boolean consistentReads) {
		this.consistentReads = consistentReads;
	}

	@Override
	public String getTableName() {
		return this.tableName;
	}

	@Override
	public SingleTableConverter getConverter() {
		return this.converter;
	}

	/**
	 * Returns the client this template uses.
	 * @return the DynamoDB client
	 */
	public DynamoDbClient getClient() {
		return this.executor.getClient();
	}

	/**
	 * Starts a query for one entity type; by default it lists the type through the type index, sorted by
	 * {@code updated_at}.
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the query
	 */
	@Override
	public <T> SingleTableQuery<T> query(Class<T> type) {
		return new DefaultSingleTableQuery<>(this.queries, List.of(this.converter.getRequiredEntity(type)), false);
	}

	/**
	 * Starts a query over an index shared by several entity types: each item is read as its own type,
	 * recognized by the prefix of its {@code pk}; items of other types are skipped.
	 * @param types the entity types to return
	 * @return the query
	 */
	/**
	 * Opens a transaction that collects writes until it is committed (seam for the transaction manager; the write
	 * model of issue 14 implements it).
	 */
	PendingTransaction openTransaction() {
		throw new UnsupportedOperationException("Transactions are not implemented yet");
	}

	@Override
	public SingleTableQuery<Object> queryAny(Class<?>... types) {
		Assert.notEmpty(types, "At least one type is needed");
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>();
		for (Class<?> type : types) {
			entities.add(this.converter.getRequiredEntity(type));
		}
		return new DefaultSingleTableQuery<>(this.queries, entities, true);
	}

	private static @Nullable Object propertyValue(PersistentPropertyAccessor<?> accessor,
			@Nullable SingleTablePersistentProperty property) {
		return (property != null) ? accessor.getProperty(property) : null;
	}

	// ---- batches and atomic updates ----------------------------------------------------------------------

	@Override
	public <T> List<T> findAllById(Class<T> type, java.util.Collection<String> ids) {
		return this.batchReads.findAllById(this.converter.getRequiredEntity(type), ids, this.consistentReads,
				this.timestamps.now());
	}

	@Override
	public <T> List<T> putAll(java.util.Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		Map<String, Map<String, AttributeValue>> replaced = replacedWithoutCreation(entities);
		List<T> stored = new ArrayList<>(entities.size());
		List<WriteRequest> puts = new ArrayList<>(entities.size());
		for (T entity : entities) {
			SingleTablePersistentEntity<T> metadata = entityOf(entity);
			PersistentPropertyAccessor<T> accessor = accessor(metadata, entity);
			Object givenId = accessor.getProperty(metadata.getRequiredIdProperty());
			String id = (givenId != null) ? ResourceIds.check(metadata.getType(), givenId) : ResourceIds.generate();
			accessor.setProperty(metadata.getRequiredIdProperty(), id);
			Instant now = this.timestamps.next(null);
			Map<String, AttributeValue> old = (givenId != null) ? replaced.get(partitionKey(metadata, id)) : null;
			Instant storedCreated = (old != null) ? this.converter.readCreatedAt(old) : null;
			if (storedCreated != null) {
				setTimestamp(accessor, metadata.getCreatedDateProperty(), storedCreated);
			}
			Instant createdAt = (storedCreated != null) ? storedCreated : setCreatedIfAbsent(metadata, accessor, now);
			Creation creation = new Creation(createdAt, (storedCreated != null) ? old.get(ItemAttributes.CREATED_AT) : null,
					null);
			setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
			long version = 0;
			SingleTablePersistentProperty versionProperty = metadata.getVersionProperty();
			if (versionProperty != null) {
				Object current = accessor.getProperty(versionProperty);
				version = ((current != null) ? ((Number) current).longValue() : 0) + 1;
				setVersion(accessor, versionProperty, version);
			}
			T bean = accessor.getBean();
			Map<String, AttributeValue> item = latestItem(metadata, id, bean, body(metadata, bean, creation, now),
					version, now, createdAt);
			checkSize(metadata, id, item);
			puts.add(WriteRequest.builder()
				.putRequest(software.amazon.awssdk.services.dynamodb.model.PutRequest.builder().item(item).build())
				.build());
			stored.add(bean);
		}
		call(() -> {
			this.batches.write(puts);
			return null;
		});
		return stored;
	}

	/**
	 * Reads, strongly consistent and batched, the stored items that entities with an id but no creation time
	 * replace, so that a batch put keeps their creation time as an update does: no read when every entity carries
	 * one. Returns the items by partition key.
	 */
	private Map<String, Map<String, AttributeValue>> replacedWithoutCreation(java.util.Collection<?> entities) {
		Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
		for (Object entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			requirePlain(metadata, "putAll");
			PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
			Object id = accessor.getProperty(metadata.getRequiredIdProperty());
			if (id != null && createdAt(metadata, accessor) == null) {
				String checked = ResourceIds.check(metadata.getType(), id);
				String pk = partitionKey(metadata, checked);
				keys.put(pk, key(metadata, checked, pk));
			}
		}
		return keys.isEmpty() ? Map.of() : this.batchReads.findItems(new ArrayList<>(keys.values()));
	}

	@Override
	public <T> void deleteAllById(Class<T> type, java.util.Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		requirePlain(metadata, "deleteAllById");
		List<WriteRequest> deletes = new ArrayList<>(ids.size());
		for (String id : new java.util.LinkedHashSet<>(ids)) {
			String checked = ResourceIds.check(type, id);
			deletes.add(WriteRequest.builder()
				.deleteRequest(DeleteRequest.builder().key(key(metadata, checked, partitionKey(metadata, checked))).build())
				.build());
		}
		call(() -> {
			this.batches.write(deletes);
			return null;
		});
	}

	@Override
	public <T> long increment(Class<T> type, String id, String property, long delta) {
		return this.atomicUpdates.increment(this.converter.getRequiredEntity(type), ResourceIds.check(type, id), property,
				delta);
	}

	@Override
	public <T> void addToSet(Class<T> type, String id, String property, String... values) {
		this.atomicUpdates.changeSet(this.converter.getRequiredEntity(type), ResourceIds.check(type, id), property, true,
				values);
	}

	@Override
	public <T> void removeFromSet(Class<T> type, String id, String property, String... values) {
		this.atomicUpdates.changeSet(this.converter.getRequiredEntity(type), ResourceIds.check(type, id), property, false,
				values);
	}

	@Override
	public <T> void appendToList(Class<T> type, String id, String property, Object... values) {
		this.atomicUpdates.append(this.converter.getRequiredEntity(type), ResourceIds.check(type, id), property, values);
	}

	private static void requirePlain(SingleTablePersistentEntity<?> metadata, String operation) {
		if (metadata.isVersioned()) {
			throw new IllegalArgumentException(operation + " is for plain types; " + metadata.getType().getSimpleName()
					+ " is versioned, so each write must go through create/update to keep its history");
		}
	}

	// ---- create ----------------------------------------------------------------------------------------

	@Override
	public <T> T create(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = accessor(metadata, entity);
		SingleTablePersistentProperty idProperty = metadata.getRequiredIdProperty();
		Object givenId = accessor.getProperty(idProperty);
		String id = (givenId != null) ? ResourceIds.check(metadata.getType(), givenId) : ResourceIds.generate();
		Instant now = this.timestamps.next(null);
		accessor.setProperty(idProperty, id);
		Instant createdAt = setCreatedIfAbsent(metadata, accessor, now);
		setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		SingleTablePersistentProperty versionProperty = metadata.getVersionProperty();
		if (versionProperty != null) {
			setVersion(accessor, versionProperty, 1);
		}
		T stored = accessor.getBean();
		Map<String, AttributeValue> body = this.converter.writeBody(stored, createdAt, now);
		long version = (versionProperty != null) ? 1L : 0L;
		Map<String, AttributeValue> latest = latestItem(metadata, id, stored, body, version, now, createdAt);
		checkSize(metadata, id, latest);
		if (metadata.isVersioned()) {
			Map<String, AttributeValue> first = historyItem(metadata, id, body, 1L, latest);
			try {
				this.transactions.write(List.of(putIfAbsent(first), putIfAbsent(latest)));
			}
			catch (RuntimeException ex) {
				throw translate(ConditionFailures.ofCreate(metadata, id, ex));
			}
		}
		else {
			try {
				this.executor.executeConditional((client) -> client.putItem((request) -> request.tableName(this.tableName)
					.item(latest)
					.conditionExpression(CONDITION_NEW)
					.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
					.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
			}
			catch (ConditionalCheckFailedException ex) {
				if (!ConditionFailures.isOwnRetry(ex, latest)) {
					throw ConditionFailures.ofCreate(metadata, id, ex);
				}
				// our own earlier attempt was applied and only its response was lost
			}
		}
		return stored;
	}

	// ---- update ----------------------------------------------------------------------------------------

	@Override
	public <T> T update(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = accessor(metadata, entity);
		String id = requireId(metadata, accessor);
		return metadata.isVersioned() ? updateVersioned(metadata, accessor, id) : updatePlain(metadata, accessor, id);
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(changes, "Changes must not be null");
		return update(apply(entity, changes));
	}

	@Override
	public <T> T save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		return isNew(metadata, entity) ? create(entity) : update(entity);
	}

	private <T> boolean isNew(SingleTablePersistentEntity<T> metadata, T entity) {
		PersistentPropertyAccessor<T> accessor = metadata.getPropertyAccessor(entity);
		if (accessor.getProperty(metadata.getRequiredIdProperty()) == null) {
			return true;
		}
		SingleTablePersistentProperty version = metadata.getVersionProperty();
		if (version != null) {
			Object value = accessor.getProperty(version);
			return value == null || ((Number) value).longValue() == 0;
		}
		SingleTablePersistentProperty modified = metadata.getLastModifiedDateProperty();
		return modified != null && accessor.getProperty(modified) == null;
	}

	private <T> T updateVersioned(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor,
			String id) {
		SingleTablePersistentProperty versionProperty = metadata.getRequiredVersionProperty();
		Object current = accessor.getProperty(versionProperty);
		if (current == null || ((Number) current).longValue() < 1) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " '" + id + "' has no version: "
					+ "update the entity as read from the store, or use create for a new resource");
		}
		long base = ((Number) current).longValue();
		return writeNextVersion(metadata, accessor, id, base, null);
	}

	private <T> T writeNextVersion(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor,
			String id, long base, @Nullable Map<String, AttributeValue> latestRead) {
		long next = base + 1;
		Instant now = this.timestamps.next(toInstant(propertyValue(accessor, metadata.getLastModifiedDateProperty())));
		setVersion(accessor, metadata.getRequiredVersionProperty(), next);
		setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		Creation creation = creation(metadata, accessor, id, versionKey(0), latestRead);
		T stored = accessor.getBean();
		Map<String, AttributeValue> body = body(metadata, stored, creation, now);
		Map<String, AttributeValue> latest = latestItem(metadata, id, stored, body, next, now, creation.instant());
		checkSize(metadata, id, latest);
		Map<String, AttributeValue> history = historyItem(metadata, id, body, next, latest);
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		names.put("#version", ItemAttributes.VERSION);
		values.put(":expected", AttributeValue.fromN(Long.toString(base)));
		String condition = "attribute_exists(#pk) AND #version = :expected";
		if (creation.guard() != null) {
			condition += " AND " + creation.guard().condition(names, values);
		}
		List<TransactWriteItem> items = new ArrayList<>(4);
		items.add(putIfAbsent(history));
		items.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.tableName)
				.item(latest)
				.conditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build());
		int maxVersions = metadata.getMaxVersions();
		String pk = partitionKey(metadata, id);
		items.addAll(this.retention.transactionItems(maxVersions, pk, next));
		boolean longerHistory = false;
		try {
			this.transactions.write(items);
		}
		catch (TransactionCanceledException ex) {
			if (VersionRetention.hasProbe(maxVersions, next) && VersionRetention.probeFailed(ex, items.size())) {
				longerHistory = true;
			}
			else {
				Map<String, AttributeValue> old = ConditionFailures.failed(ex, 1)
						? ex.cancellationReasons().get(1).item() : null;
				if (latestRead == null && creation.guard() != null && creation.guard().failedOn(old)) {
					// the entity carries another creation time than the stored one: the stored one wins
					return writeNextVersion(metadata, accessor, id, base, old);
				}
				throw translate(ConditionFailures.ofVersionedWrite(metadata, id, base, ex));
			}
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
		if (longerHistory) {
			try {
				// the history and v0 only: the trim deletes the leaving version, last (see VersionRetention)
				this.transactions.write(items.subList(0, 2));
			}
			catch (RuntimeException ex) {
				throw translate(ConditionFailures.ofVersionedWrite(metadata, id, base, ex));
			}
			this.retention.trim(maxVersions, pk, next);
		}
		return stored;
	}

	// ---- creation time ---------------------------------------------------------------------------------

	/**
	 * What an update writes as creation time and how its condition guards it (see {@link CreatedAtGuard}).
	 */
	private record Creation(@Nullable Instant instant, @Nullable AttributeValue stored, @Nullable CreatedAtGuard guard) {
	}

	/**
	 * Settles the creation time of an update: the one the entity carries, else the one stored, read with one
	 * strongly consistent {@code GetItem} unless the caller already holds the stored item. The entity's
	 * {@code @CreatedDate} property is set to the stored value when that is used.
	 */
	private Creation creation(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor,
			String id, String sk, @Nullable Map<String, AttributeValue> storedItem) {
		Instant carried = createdAt(metadata, accessor);
		if (storedItem == null && carried != null) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		Map<String, AttributeValue> item = (storedItem != null) ? storedItem
				: getItem(metadata, id, sk, true).orElseThrow(() -> new NoSuchResourceException(metadata.getType(), id, null));
		Instant stored = this.converter.readCreatedAt(item);
		if (stored == null) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		setTimestamp(accessor, metadata.getCreatedDateProperty(), stored);
		AttributeValue attribute = item.get(ItemAttributes.CREATED_AT);
		return new Creation(stored, attribute, CreatedAtGuard.of(metadata.isCompressed(), stored, attribute));
	}

	/**
	 * Writes the body of an update: the stored creation time is kept as stored, also by types that do not map it.
	 */
	private Map<String, AttributeValue> body(SingleTablePersistentEntity<?> metadata, Object entity, Creation creation,
			Instant now) {
		Map<String, AttributeValue> body = this.converter.writeBody(entity, creation.instant(), now);
		AttributeValue stored = creation.stored();
		if (stored != null && stored.s() != null && body.containsKey(ItemAttributes.CREATED_AT)) {
			Map<String, AttributeValue> exact = new LinkedHashMap<>(body);
			exact.put(ItemAttributes.CREATED_AT, stored);
			return exact;
		}
		return body;
	}

	private <T> T updatePlain(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor,
			String id) {
		Instant now = this.timestamps.next(toInstant(propertyValue(accessor, metadata.getLastModifiedDateProperty())));
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		String condition = "attribute_exists(#pk)";
		Object expected = null;
		Instant previousModification = null;
		SingleTablePersistentProperty versionProperty = metadata.getVersionProperty();
		SingleTablePersistentProperty modifiedProperty = metadata.getLastModifiedDateProperty();
		long nextVersion = 0;
		if (versionProperty != null) {
			Object current = accessor.getProperty(versionProperty);
			long base = (current != null) ? ((Number) current).longValue() : 0;
			expected = base;
			names.put("#version", ItemAttributes.VERSION);
			values.put(":expected", AttributeValue.fromN(Long.toString(base)));
			condition += (base == 0) ? " AND attribute_not_exists(#version)" : " AND #version = :expected";
			if (base == 0) {
				values.clear();
			}
			nextVersion = base + 1;
			setVersion(accessor, versionProperty, nextVersion);
		}
		else if (modifiedProperty != null && accessor.getProperty(modifiedProperty) != null) {
			Instant previous = toInstant(accessor.getProperty(modifiedProperty));
			previousModification = previous;
			expected = StorageTimestamps.format(previous);
			names.put("#updated", ItemAttributes.UPDATED_AT);
			names.put("#typesk", ItemAttributes.GSI_TYPE_SK);
			values.put(":expected", AttributeValue.fromS((String) expected));
			// Python writes isoformat(), which leaves out a zero fraction: accept that spelling too.
			values.put(":short", AttributeValue.fromS(((String) expected).replace(".000000+", "+")));
			condition += " AND (#updated IN (:expected, :short) OR (attribute_not_exists(#updated) AND #typesk IN (:expected, :short)))";
		}
		setTimestamp(accessor, modifiedProperty, now);
		String pk = partitionKey(metadata, id);
		Map<String, AttributeValue> storedItem = null;
		String optimistic = condition;
		for (int attempt = 1;; attempt++) {
			Creation creation = creation(metadata, accessor, id, pk, storedItem);
			T stored = accessor.getBean();
			Map<String, AttributeValue> body = body(metadata, stored, creation, now);
			Map<String, AttributeValue> item = latestItem(metadata, id, stored, body, nextVersion, now, creation.instant());
			checkSize(metadata, id, item);
			Map<String, String> attemptNames = new HashMap<>(names);
			Map<String, AttributeValue> attemptValues = new HashMap<>(values);
			String attemptCondition = optimistic;
			if (creation.guard() != null) {
				attemptCondition += " AND " + creation.guard().condition(attemptNames, attemptValues);
			}
			String finalCondition = attemptCondition;
			try {
				this.executor.executeConditional((client) -> client.putItem((request) -> request.tableName(this.tableName)
					.item(item)
					.conditionExpression(finalCondition)
					.expressionAttributeNames(attemptNames)
					.expressionAttributeValues(attemptValues.isEmpty() ? null : attemptValues)
					.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
				return stored;
			}
			catch (ConditionalCheckFailedException ex) {
				Map<String, AttributeValue> old = ConditionFailures.oldItem(ex);
				if (Items.same(old, item)) {
					return stored;
				}
				boolean found = old != null && !old.isEmpty();
				if (found && attempt == 1 && creation.guard() != null && creation.guard().failedOn(old)) {
					// the entity carries another creation time than the stored one: the stored one wins
					storedItem = old;
					continue;
				}
				Instant unstamped = (versionProperty == null) ? unstampedModification(metadata, old) : null;
				if (found && attempt == 1 && previousModification != null && previousModification.equals(unstamped)) {
					// updated_at is inside data: accept exactly the stored item whose content was checked
					storedItem = old;
					optimistic = unchangedDataCondition(names, values, old);
					continue;
				}
				throw ConditionFailures.ofUpdate(metadata, id, expected, old, (stale) -> (versionProperty != null)
						? ConditionFailures.storedVersion(stale) : (unstamped != null) ? StorageTimestamps.format(unstamped)
								: stringOrNull(stale.getOrDefault(ItemAttributes.UPDATED_AT, stale.get(ItemAttributes.GSI_TYPE_SK))));
			}
		}
	}

	/**
	 * Returns the modification time inside the {@code data} of a compressed item without a top-level
	 * {@code updated_at}, as the Python library writes a plain compressed type whose type index sort key is not
	 * {@code updated_at}; {@literal null} for any other item.
	 */
	private @Nullable Instant unstampedModification(SingleTablePersistentEntity<?> metadata,
			@Nullable Map<String, AttributeValue> old) {
		SingleTablePersistentProperty modified = metadata.getLastModifiedDateProperty();
		AttributeValue data = (old != null) ? old.get(ItemAttributes.DATA) : null;
		if (!metadata.isCompressed() || metadata.isVersioned() || modified == null || data == null || data.b() == null
				|| old.containsKey(ItemAttributes.UPDATED_AT)) {
			return null;
		}
		Object stored = this.converter.read(metadata.getType(), old);
		return toInstant(metadata.getPropertyAccessor(stored).getProperty(modified));
	}

	/**
	 * The condition that the item is still exactly the one whose content was checked: its whole {@code data}
	 * value, which holds its modification time, is unchanged (and it has no top-level {@code updated_at}).
	 */
	private static String unchangedDataCondition(Map<String, String> names, Map<String, AttributeValue> values,
			Map<String, AttributeValue> old) {
		names.put("#updated", ItemAttributes.UPDATED_AT);
		names.put("#data", ItemAttributes.DATA);
		names.remove("#typesk");
		values.clear();
		values.put(":data", old.get(ItemAttributes.DATA));
		return "attribute_exists(#pk) AND attribute_not_exists(#updated) AND #data = :data";
	}

	private <T> T apply(T entity, Changes changes) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		if (changes.isEmpty()) {
			return entity;
		}
		ObjectNode tree = this.converter.getJsonMapper().valueToTree(entity);
		Map<String, String> changedByStoredName = new HashMap<>();
		changes.values().forEach((name, value) -> {
			String stored = storedNameForChange(metadata, name);
			changedByStoredName.put(stored, name);
			if (value == null) {
				tree.putNull(stored);
			}
			else {
				try {
					tree.set(stored, this.converter.getJsonMapper().valueToTree(value));
				}
				catch (JacksonException ex) {
					throw invalidChange(metadata, name, value, ex);
				}
			}
		});
		for (String name : changes.cleared()) {
			tree.putNull(storedNameForChange(metadata, name));
		}
		try {
			return this.changesMapper.treeToValue((JsonNode) tree, metadata.getType());
		}
		catch (JacksonException ex) {
			String name = ex.getPath().isEmpty() ? null : changedByStoredName.get(ex.getPath().get(0).getPropertyName());
			if (name == null) {
				throw new IllegalArgumentException("Cannot apply " + changes + " to " + metadata.getType().getSimpleName()
						+ ": " + ex.getOriginalMessage(), ex);
			}
			throw invalidChange(metadata, name, changes.values().get(name), ex);
		}
	}

	private static IllegalArgumentException invalidChange(SingleTablePersistentEntity<?> metadata, String name,
			@Nullable Object value, JacksonException ex) {
		SingleTablePersistentProperty property = metadata.getRequiredPersistentProperty(name);
		return new IllegalArgumentException("Cannot set '" + name + "' of " + metadata.getType().getSimpleName()
				+ " to a " + ((value != null) ? value.getClass().getName() : null) + ": pass a value of its type "
				+ property.getTypeInformation() + " (" + ex.getOriginalMessage() + "); nothing was written", ex);
	}

	private String storedNameForChange(SingleTablePersistentEntity<?> metadata, String name) {
		SingleTablePersistentProperty property = metadata.getPersistentProperty(name);
		if (property == null) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " has no property '" + name
					+ "'; use the Java property name");
		}
		if (property.isIdProperty() || property.isVersionProperty() || property.isCreatedDateProperty()
				|| property.isLastModifiedDateProperty()) {
			throw new IllegalArgumentException("'" + name + "' of " + metadata.getType().getSimpleName()
					+ " is a system property; the template sets it");
		}
		return this.converter.getStoredName(property);
	}

	// ---- read ------------------------------------------------------------------------------------------

	@Override
	public <T> Optional<T> findById(Class<T> type, String id) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		String checked = ResourceIds.check(type, id);
		String sk = metadata.isVersioned() ? versionKey(0) : partitionKey(metadata, checked);
		Instant now = this.timestamps.now();
		return getItem(metadata, checked, sk, this.consistentReads)
			.filter((item) -> !Expiry.isExpired(metadata, item, now))
			.map((item) -> this.converter.read(type, item));
	}

	@Override
	public <T> T getById(Class<T> type, String id) {
		return findById(type, id).orElseThrow(() -> new NoSuchResourceException(type, id, null));
	}

	@Override
	public <T> Optional<T> findVersion(Class<T> type, String id, long version) {
		SingleTablePersistentEntity<T> metadata = requireVersioned(type);
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		return getItem(metadata, ResourceIds.check(type, id), versionKey(version), this.consistentReads)
			.map((item) -> this.converter.read(type, item));
	}

	@Override
	public <T> List<T> findAllVersions(Class<T> type, String id) {
		SingleTablePersistentEntity<T> metadata = requireVersioned(type);
		String checked = ResourceIds.check(type, id);
		List<Map<String, AttributeValue>> items = queryVersions(metadata, checked, false);
		items.sort(Comparator.comparingLong((Map<String, AttributeValue> item) -> version(item)).reversed());
		List<T> versions = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			if (!versionKey(0).equals(item.get(ItemAttributes.SK).s())) {
				versions.add(this.converter.read(type, item));
			}
		}
		return versions;
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		SingleTablePersistentEntity<T> metadata = requireVersioned(type);
		String checked = ResourceIds.check(type, id);
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Map<String, AttributeValue> restored = getItem(metadata, checked, versionKey(version), true)
			.orElseThrow(() -> new NoSuchResourceException(type, checked, version));
		Map<String, AttributeValue> latest = getItem(metadata, checked, versionKey(0), true)
			.orElseThrow(() -> new NoSuchResourceException(type, checked, null));
		T old = this.converter.read(type, withLatestOnly(type, restored, latest));
		long base = version(latest);
		// the creation time is the latest one's (never the restored version's): passing the latest item keeps it
		return writeNextVersion(metadata, accessor(metadata, old), checked, base, latest);
	}

	/**
	 * Returns a history item with the attributes the layout keeps on the latest copy only (a {@code metadata}, the
	 * index attributes an {@code @UnmappedAttributes} property keeps), as the latest copy holds them: history items
	 * never carry them, and a restore keeps them as last written instead of dropping them.
	 */
	private Map<String, AttributeValue> withLatestOnly(Class<?> type, Map<String, AttributeValue> history,
			Map<String, AttributeValue> latest) {
		Map<String, AttributeValue> latestOnly = new LinkedHashMap<>(latest);
		latestOnly.keySet().removeAll(this.converter.historyBody(type, latest).keySet());
		if (latestOnly.isEmpty()) {
			return history;
		}
		Map<String, AttributeValue> item = new LinkedHashMap<>(history);
		latestOnly.forEach(item::putIfAbsent);
		return item;
	}

	// ---- delete ----------------------------------------------------------------------------------------

	@Override
	public <T> boolean deleteById(Class<T> type, String id) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		String checked = ResourceIds.check(type, id);
		if (!metadata.isVersioned()) {
			return deleteItem(metadata, checked, partitionKey(metadata, checked));
		}
		List<Map<String, AttributeValue>> items = queryVersions(metadata, checked, true);
		if (items.isEmpty()) {
			return false;
		}
		deleteItem(metadata, checked, versionKey(0));
		List<WriteRequest> deletes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			if (!versionKey(0).equals(item.get(ItemAttributes.SK).s())) {
				deletes.add(WriteRequest.builder()
					.deleteRequest(DeleteRequest.builder()
						.key(Map.of(ItemAttributes.PK, item.get(ItemAttributes.PK), ItemAttributes.SK, item.get(ItemAttributes.SK)))
						.build())
					.build());
			}
		}
		call(() -> {
			this.batches.write(deletes);
			return null;
		});
		return true;
	}

	@Override
	public <T> void delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = metadata.getPropertyAccessor(entity);
		String id = requireId(metadata, accessor);
		SingleTablePersistentProperty versionProperty = metadata.getVersionProperty();
		SingleTablePersistentProperty modifiedProperty = metadata.getLastModifiedDateProperty();
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		String condition;
		Object expected;
		if (versionProperty != null && accessor.getProperty(versionProperty) != null) {
			expected = ((Number) accessor.getProperty(versionProperty)).longValue();
			condition = "#version = :expected";
			names.put("#version", ItemAttributes.VERSION);
			values.put(":expected", AttributeValue.fromN(expected.toString()));
		}
		else if (!metadata.isVersioned() && modifiedProperty != null && accessor.getProperty(modifiedProperty) != null) {
			Instant previous = toInstant(accessor.getProperty(modifiedProperty));
			expected = StorageTimestamps.format(previous);
			condition = "#updated IN (:expected, :short) OR (attribute_not_exists(#updated) AND #typesk IN (:expected, :short))";
			names.put("#updated", ItemAttributes.UPDATED_AT);
			names.put("#typesk", ItemAttributes.GSI_TYPE_SK);
			values.put(":expected", AttributeValue.fromS((String) expected));
			// Python writes isoformat(), which leaves out a zero fraction: accept that spelling too.
			values.put(":short", AttributeValue.fromS(((String) expected).replace(".000000+", "+")));
		}
		else {
			deleteById(metadata.getType(), id);
			return;
		}
		String sk = metadata.isVersioned() ? versionKey(0) : partitionKey(metadata, id);
		try {
			conditionalDelete(metadata, id, sk, condition, names, values);
		}
		catch (ConditionalCheckFailedException ex) {
			Map<String, AttributeValue> old = ConditionFailures.oldItem(ex);
			Instant unstamped = (expected instanceof String) ? unstampedModification(metadata, old) : null;
			if (unstamped != null && unstamped.equals(toInstant(accessor.getProperty(modifiedProperty)))) {
				// updated_at is inside data: delete exactly the stored item whose content was checked
				Map<String, String> unchangedNames = new HashMap<>();
				Map<String, AttributeValue> unchangedValues = new HashMap<>();
				String unchanged = unchangedDataCondition(unchangedNames, unchangedValues, old);
				try {
					conditionalDelete(metadata, id, sk, unchanged, unchangedNames, unchangedValues);
					return;
				}
				catch (ConditionalCheckFailedException retried) {
					old = ConditionFailures.oldItem(retried);
				}
			}
			Object actual = (old != null) ? (versionProperty != null ? ConditionFailures.storedVersion(old)
					: (unstamped != null) ? StorageTimestamps.format(unstamped) : stringOrNull(old.get(ItemAttributes.UPDATED_AT)))
					: null;
			throw ConditionFailures.ofDelete(metadata, id, expected, actual);
		}
		if (metadata.isVersioned()) {
			deleteById(metadata.getType(), id);
		}
	}

	private void conditionalDelete(SingleTablePersistentEntity<?> metadata, String id, String sk, String condition,
			Map<String, String> names, Map<String, AttributeValue> values) {
		this.executor.executeConditional((client) -> client.deleteItem((request) -> request.tableName(this.tableName)
			.key(key(metadata, id, sk))
			.conditionExpression("attribute_not_exists(#pk) OR (" + condition + ")")
			.expressionAttributeNames(withPk(names))
			.expressionAttributeValues(values)
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
	}

	@Override
	public <T> boolean deleteVersion(Class<T> type, String id, long version) {
		SingleTablePersistentEntity<T> metadata = requireVersioned(type);
		String checked = ResourceIds.check(type, id);
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Optional<Map<String, AttributeValue>> latest = getItem(metadata, checked, versionKey(0), true);
		boolean isLatest = latest.isPresent() && version(latest.get()) == version;
		if (!isLatest) {
			return deleteItem(metadata, checked, versionKey(version));
		}
		try {
			this.transactions.write(List.of(
					TransactWriteItem.builder()
						.delete(Delete.builder().tableName(this.tableName).key(key(metadata, checked, versionKey(version))).build())
						.build(),
					TransactWriteItem.builder()
						.delete(Delete.builder()
							.tableName(this.tableName)
							.key(key(metadata, checked, versionKey(0)))
							.conditionExpression("#version = :expected")
							.expressionAttributeNames(Map.of("#version", ItemAttributes.VERSION))
							.expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version))))
							.build())
						.build()));
		}
		catch (RuntimeException ex) {
			throw translate(ConditionFailures.ofLatestVersionDelete(metadata, checked, version, ex));
		}
		return true;
	}

	// ---- items -----------------------------------------------------------------------------------------

	private Map<String, AttributeValue> latestItem(SingleTablePersistentEntity<?> metadata, String id, Object entity,
			Map<String, AttributeValue> body, long version, Instant updatedAt, @Nullable Instant createdAt) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(body.size() + 8);
		String pk = partitionKey(metadata, id);
		item.put(ItemAttributes.PK, AttributeValue.fromS(pk));
		item.put(ItemAttributes.SK, AttributeValue.fromS(metadata.isVersioned() ? versionKey(0) : pk));
		item.putAll(body);
		String modified = StorageTimestamps.format(updatedAt);
		if (version > 0) {
			item.put(ItemAttributes.VERSION, AttributeValue.fromN(Long.toString(version)));
		}
		else if (metadata.isCompressed()) {
			item.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(modified));
		}
		item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(metadata.getPrefix()));
		item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(modified));
		if (!metadata.isVersioned()) {
			// unique per write: lets a retried conditional put recognize its own earlier attempt, never another's
			item.put(ItemAttributes.VERSION_TOKEN, AttributeValue.fromS(ResourceIds.generate()));
		}
		putIndexKeys(metadata, entity, item);
		putTtl(metadata, entity, createdAt, item);
		return item;
	}

	private void putIndexKeys(SingleTablePersistentEntity<?> metadata, Object entity, Map<String, AttributeValue> item) {
		List<IndexDefinition> definitions = metadata.getIndexDefinitions();
		if (definitions.isEmpty()) {
			return;
		}
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		for (IndexDefinition definition : definitions) {
			String partition;
			String sort;
			if (definition.method() != null) {
				Object computed = ReflectionUtils.invokeMethod(definition.method(), entity);
				if (computed instanceof IndexKeyPair pair) {
					partition = pair.partition();
					sort = pair.sort();
				}
				else {
					partition = (String) computed;
					sort = null;
				}
			}
			else {
				partition = render(definition.partition(), metadata, accessor);
				sort = render(definition.sort(), metadata, accessor);
			}
			if (definition.isTypeIndex()) {
				if (partition != null) {
					item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(partition));
				}
				if (sort != null) {
					item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(sort));
				}
				continue;
			}
			boolean complete = partition != null && !partition.isEmpty()
					&& (!definition.sortWritten() || (sort != null && !sort.isEmpty()));
			if (complete) {
				item.put(definition.partitionAttribute(), AttributeValue.fromS(partition));
				if (definition.sortWritten()) {
					item.put(definition.sortAttribute(), AttributeValue.fromS(sort));
				}
			}
		}
	}

	private static @Nullable String render(@Nullable KeyTemplate template, SingleTablePersistentEntity<?> metadata,
			PersistentPropertyAccessor<?> accessor) {
		if (template == null) {
			return null;
		}
		return template.render((name) -> accessor.getProperty(metadata.getRequiredPersistentProperty(name)));
	}

	private Map<String, AttributeValue> historyItem(SingleTablePersistentEntity<?> metadata, String id,
			Map<String, AttributeValue> body, long version, Map<String, AttributeValue> latest) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(body.size() + 4);
		item.put(ItemAttributes.PK, AttributeValue.fromS(partitionKey(metadata, id)));
		item.put(ItemAttributes.SK, AttributeValue.fromS(versionKey(version)));
		item.putAll(this.converter.historyBody(metadata.getType(), body));
		item.put(ItemAttributes.VERSION, AttributeValue.fromN(Long.toString(version)));
		AttributeValue ttl = latest.get(metadata.getTtlAttribute());
		if (metadata.getTtlProperty() != null && ttl != null) {
			item.put(metadata.getTtlAttribute(), ttl);
		}
		return item;
	}

	private void putTtl(SingleTablePersistentEntity<?> metadata, Object entity, @Nullable Instant createdAt,
			Map<String, AttributeValue> item) {
		SingleTablePersistentProperty property = metadata.getTtlProperty();
		if (property == null) {
			return;
		}
		Object value = metadata.getPropertyAccessor(entity).getProperty(property);
		Long epochSeconds = null;
		if (value instanceof Instant instant) {
			epochSeconds = instant.getEpochSecond();
		}
		else if (value instanceof OffsetDateTime dateTime) {
			epochSeconds = dateTime.toEpochSecond();
		}
		else if (value != null && createdAt != null) {
			long seconds = (value instanceof Duration duration) ? duration.getSeconds() : ((Number) value).longValue();
			epochSeconds = createdAt.getEpochSecond() + seconds;
		}
		if (epochSeconds != null) {
			item.put(metadata.getTtlAttribute(), AttributeValue.fromN(Long.toString(epochSeconds)));
		}
	}

	private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.tableName)
				.item(item)
				.conditionExpression(CONDITION_NEW)
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
	}

	private void checkSize(SingleTablePersistentEntity<?> metadata, String id, Map<String, AttributeValue> item) {
		long size = ItemSize.of(item);
		if (size > ItemTooLargeException.MAX_ITEM_BYTES) {
			throw new ItemTooLargeException(metadata.getType(), id, size);
		}
	}

	// ---- helpers ---------------------------------------------------------------------------------------

	private Optional<Map<String, AttributeValue>> getItem(SingleTablePersistentEntity<?> metadata, String id, String sk,
			boolean consistent) {
		return this.executor.getItem(key(metadata, id, sk), consistent);
	}

	private boolean deleteItem(SingleTablePersistentEntity<?> metadata, String id, String sk) {
		Map<String, AttributeValue> old = this.executor.execute((client) -> client
			.deleteItem((request) -> request.tableName(this.tableName)
				.key(key(metadata, id, sk))
				.returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD))
			.attributes());
		return old != null && !old.isEmpty();
	}

	private List<Map<String, AttributeValue>> queryVersions(SingleTablePersistentEntity<?> metadata, String id,
			boolean keysOnly) {
		return new ArrayList<>(this.retention.versions(partitionKey(metadata, id), keysOnly));
	}

	private <R> R call(Supplier<R> action) {
		return this.executor.call(action);
	}

	private RuntimeException translate(RuntimeException ex) {
		return this.executor.translate(ex);
	}

	@SuppressWarnings("unchecked")
	private <T> SingleTablePersistentEntity<T> entityOf(T entity) {
		return (SingleTablePersistentEntity<T>) this.converter.getRequiredEntity(entity.getClass());
	}

	private <T> SingleTablePersistentEntity<T> requireVersioned(Class<T> type) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		if (!metadata.isVersioned()) {
			throw new IllegalArgumentException(type.getSimpleName()
					+ " is not versioned; set @SingleTableEntity(versioned = true) to keep versions");
		}
		return metadata;
	}

	private <T> PersistentPropertyAccessor<T> accessor(SingleTablePersistentEntity<T> metadata, T entity) {
		return new InstantiationAwarePropertyAccessor<>(entity, metadata::getPropertyAccessor, this.instantiators);
	}

	private <T> String requireId(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor) {
		Object id = accessor.getProperty(metadata.getRequiredIdProperty());
		if (id == null) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName()
					+ " has no id: it was never stored; use create (or save) for a new resource");
		}
		return ResourceIds.check(metadata.getType(), id);
	}

	private static void setVersion(PersistentPropertyAccessor<?> accessor, SingleTablePersistentProperty property,
			long version) {
		Class<?> type = property.getType();
		Object value;
		if (type == Integer.class || type == int.class) {
			value = Integer.valueOf(Math.toIntExact(version));
		}
		else {
			value = Long.valueOf(version);
		}
		accessor.setProperty(property, value);
	}

	private static void setTimestamp(PersistentPropertyAccessor<?> accessor,
			@Nullable SingleTablePersistentProperty property, Instant value) {
		if (property != null) {
			accessor.setProperty(property,
					(property.getType() == OffsetDateTime.class) ? value.atOffset(ZoneOffset.UTC) : value);
		}
	}

	private static @Nullable Instant setCreatedIfAbsent(SingleTablePersistentEntity<?> metadata,
			PersistentPropertyAccessor<?> accessor, Instant now) {
		SingleTablePersistentProperty property = metadata.getCreatedDateProperty();
		if (property == null) {
			return now;
		}
		Object given = accessor.getProperty(property);
		if (given != null) {
			return toInstant(given);
		}
		setTimestamp(accessor, property, now);
		return now;
	}

	private static @Nullable Instant createdAt(SingleTablePersistentEntity<?> metadata,
			PersistentPropertyAccessor<?> accessor) {
		SingleTablePersistentProperty property = metadata.getCreatedDateProperty();
		return (property != null) ? toInstant(accessor.getProperty(property)) : null;
	}

	private static @Nullable Instant toInstant(@Nullable Object value) {
		if (value instanceof OffsetDateTime dateTime) {
			return dateTime.toInstant();
		}
		return (Instant) value;
	}

	private static @Nullable String stringOrNull(@Nullable AttributeValue value) {
		return (value != null) ? value.s() : null;
	}

	private static long version(Map<String, AttributeValue> item) {
		AttributeValue version = item.get(ItemAttributes.VERSION);
		if (version != null && version.n() != null) {
			return Long.parseLong(version.n());
		}
		return Long.parseLong(item.get(ItemAttributes.SK).s().substring(1));
	}

	private static Map<String, String> withPk(Map<String, String> names) {
		Map<String, String> all = new HashMap<>(names);
		all.put("#pk", ItemAttributes.PK);
		return all;
	}

	private static String partitionKey(SingleTablePersistentEntity<?> metadata, String id) {
		return ResourceIds.partitionKey(metadata, id);
	}

	private static String versionKey(long version) {
		return ResourceIds.versionKey(version);
	}

	private static Map<String, AttributeValue> key(SingleTablePersistentEntity<?> metadata, String id, String sk) {
		return ResourceIds.key(metadata, id, sk);
	}

}
