package dev.singletable.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.query.CollectionPartitions;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.SingleTableQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The central class of singletable: stores many entity types in one DynamoDB table in the
 * {@code simplesingletable} item layout, with versioned history, optimistic concurrency and compression.
 * Thread-safe once configured.
 *
 * <pre class="code">
 * SingleTableTemplate template = new SingleTableTemplate(dynamoDbClient, "my-table");
 * Task task = template.create(new Task(null, null, null, null, "Write docs"));
 * Task next = template.update(task.withTitle("Write better docs"));   // version 2, v1 kept
 * template.transaction((tx) -> {                                       // one TransactWriteItems, all or nothing
 *     tx.update(next.withTitle("Done"));
 *     tx.increment(Counter.class, "tasks-done", "count", 1);
 * });
 * </pre>
 * <p>
 * The template is a facade over the components of the internal layers (see {@code docs/ARCHITECTURE.md}): every
 * write becomes a write unit, sent at once or collected by the Spring-managed transaction bound to its
 * {@link SingleTableDatabaseFactory}, so templates built on one factory join each other's transactions. What
 * configures it (observation, metrics, cursor secret, auditing, counts, blob storage, ...) is set through
 * {@link SingleTableAccessor}, as Spring Boot's auto-configuration does.
 */
public class SingleTableTemplate extends SingleTableAccessor implements SingleTableOperations {

	/**
	 * Creates a template with a default mapping context and the storage JSON defaults.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName) {
		this(SingleTableDatabaseFactory.create(client, tableName));
	}

	/**
	 * Creates a template with the given converter.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @param converter the converter; must not be {@literal null}
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName, SingleTableConverter converter) {
		this(SingleTableDatabaseFactory.create(client, tableName), converter);
	}

	/**
	 * Creates a template on a database factory, with a default mapping context and the storage JSON defaults.
	 * @param databaseFactory the table's client and name; must not be {@literal null}
	 */
	public SingleTableTemplate(SingleTableDatabaseFactory databaseFactory) {
		this(databaseFactory, new MappingSingleTableConverter(new SingleTableMappingContext()));
	}

	/**
	 * Creates a template on a database factory with the given converter. Inside a Spring-managed transaction bound to
	 * the factory, its writes join those of every other template built on it.
	 * @param databaseFactory the table's client and name; must not be {@literal null}
	 * @param converter the converter; must not be {@literal null}
	 */
	public SingleTableTemplate(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		super(databaseFactory, converter);
	}

	@Override
	public <V> @Nullable V loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		@SuppressWarnings("unchecked")
		V value = (V) this.parts.driver().run(this.parts.assembly().loadBlob(entity, property));
		return value;
	}

	@Override
	public <T> T loadBlobs(T entity) {
		return this.parts.driver().run(this.parts.assembly().loadBlobs(entity));
	}

	@Override
	public <T> SingleTableQuery<T> query(Class<T> type) {
		return this.parts.query(List.of(type), false);
	}

	@Override
	public SingleTableQuery<Object> queryAny(Class<?>... types) {
		Assert.notEmpty(types, "At least one type is needed");
		return this.parts.query(List.of(types), true);
	}

	@Override
	public SingleTableQuery<Object> queryCollection(String index, Class<?>... types) {
		Assert.hasText(index, "Index must not be empty");
		Assert.notNull(types, "Types must not be null");
		CollectionPartitions.requireShared(index, getConverter(), types);
		return this.parts.<Object>query(List.of(types), true).index(index);
	}

	@Override
	public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
		return observe("findAllById", type, () -> {
			List<T> found = this.parts.read(this.parts.assembly().findAllById(type, ids));
			return (found != null) ? found : List.of();
		});
	}

	@Override
	public <T> List<T> putAll(Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return observe("putAll", entities.isEmpty() ? null : typeOf(entities.iterator().next()),
				() -> this.parts.write(this.parts.assembly().putAll(entities)));
	}

	@Override
	public <T> void deleteAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		this.parts.base().executor().observations().observe("deleteAllById", type,
				() -> this.parts.write(this.parts.assembly().plans().deletes().deleteAllById(type, ids)));
	}

	@Override
	public <T> long increment(Class<T> type, String id, String property, long delta) {
		return observe("increment", type,
				() -> this.parts.write(this.parts.assembly().plans().increment(type, id, property, delta)));
	}

	@Override
	public <T> void addToSet(Class<T> type, String id, String property, String... values) {
		this.parts.base().executor().observations()
			.observe("addToSet", type, () -> writes().addToSet(type, id, property, values));
	}

	@Override
	public <T> void removeFromSet(Class<T> type, String id, String property, String... values) {
		this.parts.base().executor().observations()
			.observe("removeFromSet", type, () -> writes().removeFromSet(type, id, property, values));
	}

	@Override
	public <T> void appendToList(Class<T> type, String id, String property, Object... values) {
		this.parts.base().executor().observations()
			.observe("appendToList", type, () -> writes().appendToList(type, id, property, values));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * It runs as a Spring-managed transaction of propagation {@code REQUIRED} through the template's transaction
	 * manager (see {@link #setTransactionManager}): it joins the one bound to the template's database factory, if
	 * any; else it is bound while {@code work} runs, so that the writes of every template built on the factory, and
	 * nested transactions, join it too.
	 */
	@Override
	public void transaction(Consumer<SingleTableTransaction> work) {
		Assert.notNull(work, "Transaction work must not be null");
		inTransaction((transaction) -> {
			work.accept(transaction);
			return null;
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * It runs as {@link #transaction(Consumer)} does, through the template's transaction manager.
	 */
	@Override
	public <R> @Nullable R inTransaction(Function<SingleTableTransaction, R> work) {
		Assert.notNull(work, "Transaction work must not be null");
		return transactions().execute((status) -> {
			Assert.state(this.parts.caller().bound() != null,
					() -> "No singletable transaction is bound for " + getDatabaseFactory());
			return work.apply(writes());
		});
	}

	@Override
	public Map<String, Long> countsByType() {
		return Objects.requireNonNull(this.parts.read(this.parts.assembly().countsByType()));
	}

	@Override
	public SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads) {
		Assert.notNull(reads, "Reads must not be null");
		return observe("readTransaction", null,
				() -> this.parts.driver().run(this.parts.assembly().readTransaction(reads)));
	}

	private DefaultSingleTableTransaction writes() {
		return this.parts.writes();
	}

	@Override
	public <T> T create(T entity) {
		return observe("create", typeOf(entity), () -> writes().create(entity));
	}

	@Override
	public <T> T update(T entity) {
		return observe("update", typeOf(entity), () -> writes().update(entity));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		return observe("update", typeOf(entity), () -> writes().update(entity, changes));
	}

	@Override
	public <T> T save(T entity) {
		return observe("save", typeOf(entity), () -> writes().save(entity));
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		return observe("restoreVersion", type, () -> writes().restoreVersion(type, id, version));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Inside a Spring-managed transaction the delete joins it and this returns {@literal true}: the delete is
	 * scheduled, and whether there was anything to delete is known only at commit.
	 */
	@Override
	public <T> boolean deleteById(Class<T> type, String id) {
		return observe("deleteById", type,
				() -> Boolean.TRUE.equals(this.parts.write(this.parts.assembly().plans().deletes().deleteById(type, id))));
	}

	@Override
	public <T> void delete(T entity) {
		this.parts.base().executor().observations().observe("delete", typeOf(entity), () -> writes().delete(entity, false));
	}

	@Override
	public <T> void deleteExisting(T entity) {
		this.parts.base().executor().observations().observe("delete", typeOf(entity), () -> writes().delete(entity, true));
	}

	@Override
	public <T> Optional<T> findById(Class<T> type, String id) {
		return observe("findById", type,
				() -> Optional.ofNullable(this.parts.read(this.parts.assembly().reads().findLatest(type, id))));
	}

	@Override
	public <T> T getById(Class<T> type, String id) {
		return findById(type, id).orElseThrow(() -> new NoSuchResourceException(type, id, null));
	}

	@Override
	public <T> Optional<T> findVersion(Class<T> type, String id, long version) {
		return observe("findVersion", type,
				() -> Optional.ofNullable(this.parts.read(this.parts.assembly().reads().findVersion(type, id, version))));
	}

	@Override
	public <T> List<T> findAllVersions(Class<T> type, String id) {
		return observe("findAllVersions", type,
				() -> this.parts.read(this.parts.assembly().reads().findAllVersions(type, id)));
	}

	@Override
	public <T> List<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return observe("findVersionSummaries", type,
				() -> this.parts.read(this.parts.assembly().reads().findVersionSummaries(type, id)));
	}

	@Override
	public <T> Optional<T> findSingleton(Class<T> type) {
		return observe("findSingleton", type,
				() -> Optional.ofNullable(this.parts.read(this.parts.assembly().reads().findSingleton(type))));
	}

	@Override
	public <T> boolean deleteVersion(Class<T> type, String id, long version) {
		return observe("deleteVersion", type, () -> Boolean.TRUE
			.equals(this.parts.write(this.parts.assembly().plans().deletes().deleteVersion(type, id, version))));
	}

	/** Runs a public operation as one observation (two null checks while neither observations nor metrics are set). */
	private <R> R observe(String operation, @Nullable Class<?> type, Supplier<R> action) {
		return this.parts.base().executor().observations().observe(operation, type, action);
	}

	private static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return TemplateAssembly.typeOf(entity);
	}

}
