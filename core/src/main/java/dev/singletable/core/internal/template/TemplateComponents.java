package dev.singletable.core.internal.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.StoredCursorSecret;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.query.run.DefaultSingleTableQuery;
import dev.singletable.core.internal.query.run.QueryExecutor;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.internal.transaction.ThreadCaller;
import dev.singletable.core.internal.write.unit.BlobReads;
import dev.singletable.core.internal.write.build.Callbacks;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.SingleTableQuery;

/**
 * What a {@code SingleTableTemplate} is made of: the table's plans ({@link TablePlans}, shared with the templates
 * built on the same ones), the template's own plans on them ({@link OperationPlans}: those holding its blob storage's
 * codec and its settings), its drivers, and the few rules of where a template operation goes (the bound transaction
 * or the table). The template is a facade over it. Immutable: a change of the blob storage ({@link #withBlobStorage})
 * or of a setting ({@link #withSettings}) makes the components of the template anew on the same shared part, which
 * the template swaps in.
 * @param base what neither the blob storage nor the settings change
 * @param blobStorage the template's blob storage, {@literal null} for none
 * @param plans the plans of the template's operations, run with the answers of {@link #writes()}
 * @param reads the template's reads by id, consistent as set
 * @param driver runs the plans of the template's writes on its executor and blob storage
 * @param caller answers what the plans ask on the calling thread, the transaction bound to it found when asked
 * @param writes the template's writes: each plan run with the caller's answers, joining the transaction bound to
 * the template's database factory, else sent at once
 */
public record TemplateComponents(Base base, @Nullable BlobStorage blobStorage, OperationPlans plans,
		ResourceReads reads, BlockingDriver driver, ThreadCaller caller, DefaultSingleTableTransaction writes) {

	/**
	 * Builds the components of a template without blob storage, on plans of its own.
	 * @param databaseFactory the table's client and name
	 * @param converter the template's converter
	 */
	public static TemplateComponents of(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		return of(databaseFactory, TablePlans.of(databaseFactory.getTableName(), converter));
	}

	/**
	 * Builds the components of a template without blob storage, on the given plans of its table.
	 */
	public static TemplateComponents of(SingleTableDatabaseFactory databaseFactory, TablePlans plans) {
		return of(Base.of(databaseFactory, plans), null, OperationSettings.DEFAULT);
	}

	private static TemplateComponents of(Base base, @Nullable BlobStorage blobStorage, OperationSettings settings) {
		BlockingDriver driver = new BlockingDriver(base.executor(), base.parallel(), blobStorage);
		OperationPlans plans = base.plans().forTemplate((blobStorage != null) ? blobStorage.codec() : null,
				base.facts(), settings, base.executor()::translate);
		ThreadCaller caller = new ThreadCaller(base.callbacks(), base.plans().audit(), base.databaseFactory(),
				plans.sender(), driver);
		return new TemplateComponents(base, blobStorage, plans, base.plans().reads(base.reading(), settings, plans),
				driver, caller, new DefaultSingleTableTransaction(plans, driver, caller));
	}

	/**
	 * Returns the components of a template whose blob storage is the given one: what holds the storage is built
	 * anew, the rest (and what configures it) is this one's.
	 * @param blobStorage the blob storage, {@literal null} for none
	 */
	public TemplateComponents withBlobStorage(@Nullable BlobStorage blobStorage) {
		return of(this.base, blobStorage, this.plans.settings());
	}

	/**
	 * Returns the components of a template with other settings: its plans are built anew with them.
	 */
	public TemplateComponents withSettings(OperationSettings settings) {
		return of(this.base, this.blobStorage, settings);
	}

	/**
	 * Returns the plans of the template's table, shared with the templates built on them.
	 */
	public TablePlans tablePlans() {
		return this.base.plans();
	}

	/**
	 * Runs a read's plan on the template's reader ({@link Base#reader()}).
	 * @return the plan's result
	 */
	public <R> @Nullable R read(Step<R> plan) {
		return this.base.reader().run(plan);
	}

	/**
	 * Runs a write's plan with the caller's answers: joining the transaction bound, else sent at once; refused in
	 * one by the plan itself when it cannot join ({@code CallerRequest.RefuseInTransaction}).
	 * @return the plan's result
	 */
	public <R> @Nullable R write(Step<R> plan) {
		return this.writes.run(plan);
	}

	/**
	 * Loads one blob property of an entity as read (the plan of {@link BlobReads#load}, on the driver of the
	 * template's writes, whose storage reads the object).
	 * @return the value, {@literal null} when the entity's item has no object for it
	 */
	public @Nullable Object loadBlob(Object entity, String property) {
		return this.driver.run(tablePlans().blobReads().load(entity, property, this.plans.blobs()::checkStorage));
	}

	/**
	 * Loads every blob property of an entity as read (the plan of {@link BlobReads#loadAll}).
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	public <T> T loadBlobs(T entity) {
		return this.driver.run(tablePlans().blobReads().loadAll(entity, this.plans.blobs()::checkStorage));
	}

	/**
	 * Starts a query over some types: one type's own, or several sharing an index ({@code any}).
	 */
	public <T> SingleTableQuery<T> query(List<Class<?>> types, boolean any) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>(types.size());
		for (Class<?> type : types) {
			entities.add(tablePlans().converter().getRequiredEntity(type));
		}
		return new DefaultSingleTableQuery<>(this.base.queries(), entities, any);
	}

	/**
	 * Reads resources by id in batches, as the template's reads are consistent or not.
	 */
	public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
		List<T> found = read(this.reads.findAllById(tablePlans().converter().getRequiredEntity(type), ids));
		return (found != null) ? found : List.of();
	}

	/**
	 * Reads the latest copy of a resource.
	 */
	public <T> Optional<T> findLatest(Class<T> type, String id) {
		return Optional.ofNullable(read(this.reads.findLatest(type, id)));
	}

	/**
	 * Reads a singleton type's one resource, its id set to its prefix; other types are refused.
	 */
	public <T> Optional<T> findSingleton(Class<T> type) {
		return Optional.ofNullable(read(this.reads.findSingleton(type)));
	}

	/**
	 * Checks, once configured, every registered type's audit names and blob storage.
	 */
	public void checkEntities() {
		tablePlans().checkEntities(this.plans);
	}

	/**
	 * The type of an operation's entity, for its observation.
	 */
	public static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

	/**
	 * What neither the blob storage nor the settings change, built once per template on its table's plans: what
	 * configures the template's reads and queries (callbacks, cursor secrets — configure them there, see
	 * {@link CursorCodec} —, drift check, concurrency, metrics).
	 * @param reading the converter the reads go through, which runs the after-convert callbacks
	 * @param reader runs the plans of the template's reads, a step's requests side by side
	 * @param cursorSecrets the keys of the template's cursors: the configured secret, else the table's generated one
	 * @param facts what the template knows of the blob attributes of the latest versions it read or wrote, kept when
	 * its plans are built anew: its writes, reads by id, queries and read transactions share it
	 */
	public record Base(SingleTableDatabaseFactory databaseFactory, TablePlans plans, DynamoDbExecutor executor,
			Callbacks callbacks, SingleTableConverter reading, ParallelRequests parallel, BlockingDriver reader,
			CursorSecrets cursorSecrets, QueryDriftCheck drift, KnownBlobFacts facts, QueryExecutor queries,
			TransactionReader transactionReads) {

		static Base of(SingleTableDatabaseFactory databaseFactory, TablePlans plans) {
			Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
			Assert.notNull(plans, "TablePlans must not be null");
			String tableName = databaseFactory.getTableName();
			Assert.isTrue(tableName.equals(plans.tableName()), () -> "The plans of table " + plans.tableName()
					+ " cannot serve a template of table " + tableName);
			DynamoDbExecutor executor = new DynamoDbExecutor(databaseFactory.getClient(), tableName);
			Timestamps timestamps = plans.timestamps();
			Callbacks callbacks = new Callbacks();
			// reads go through the converter that runs the after-convert callbacks
			SingleTableConverter reading = callbacks.reading(plans.converter());
			ParallelRequests parallel = new ParallelRequests(tableName, executor.observations());
			BlockingDriver reader = BlockingDriver.sendingSideBySide(executor, parallel);
			CursorSecrets cursorSecrets = new CursorSecrets(timestamps,
					() -> reader.run(StoredCursorSecret.readOrCreate(tableName, timestamps)));
			QueryDriftCheck drift = new QueryDriftCheck();
			KnownBlobFacts facts = new KnownBlobFacts(KnownBlobFacts.DEFAULT_CAPACITY);
			QueryExecutor queries = new QueryExecutor(reader, reading, new CursorCodec(cursorSecrets), timestamps,
					parallel, drift, facts);
			return new Base(databaseFactory, plans, executor, callbacks, reading, parallel, reader, cursorSecrets,
					drift, facts, queries, plans.transactionReads(reading, facts));
		}

	}

}
