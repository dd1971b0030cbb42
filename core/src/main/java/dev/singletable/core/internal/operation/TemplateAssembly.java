package dev.singletable.core.internal.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.blob.BlobCodec;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QueryReads;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.write.build.Callbacks;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.schema.IndexDriftGuard;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The one assembly of what a template is made of, the same for every execution model: the table's plans
 * ({@link TablePlans}, shared with the templates built on them), the template's own plans on them
 * ({@link OperationPlans}: those that hold its blob storage's codec and its settings), its reads by id, its read
 * transactions, the converter its reads go through (which runs the after-convert {@link Callbacks}), the drift check
 * of its queries, the keys of its cursors and what it knows of blob attributes. Each model's components are this
 * assembly and a small runtime of their own (a driver, a caller, the commit, the adapter of query pages):
 * {@code TemplateComponents} of the blocking template, {@code ReactiveComponents} of the reactive one. Plans of the
 * template's operations that are more than one call of its {@link OperationPlans} are made here, so both templates
 * run the same plan
 * ({@link #findAllById}, {@link #loadBlob}, {@link #readTransaction}, {@link #countsByType}, {@link #putAll}).
 * Immutable: a change of the blob storage's codec or of a setting makes the assembly anew ({@link #with}), what
 * neither changes kept.
 * @param table the plans of the table
 * @param callbacks the template's entity callbacks: the blocking template runs them all, the reactive one its
 * after-convert callbacks (its other ones are reactive)
 * @param reading the converter the reads go through: the table's, running the after-convert callbacks after it
 * @param drift the drift check of the template's queries
 * @param cursorSecrets the keys of the template's cursors: the configured secret, else the table's generated one
 * (configure them here, see {@link CursorCodec})
 * @param facts what the template knows of the blob attributes of the latest versions it read or wrote: its writes,
 * reads by id, queries and read transactions share it
 * @param translate the translation of a failure no unit interprets (the template's executor's)
 * @param codec the codec of the template's blob storage, {@literal null} for none
 * @param plans the plans of the template's operations
 * @param reads the template's reads by id, consistent as set
 * @param transactionReads the plans of the template's read transactions
 */
public record TemplateAssembly(TablePlans table, Callbacks callbacks, SingleTableConverter reading,
		QueryDriftCheck drift, CursorSecrets cursorSecrets, KnownBlobFacts facts,
		BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate, @Nullable BlobCodec codec,
		OperationPlans plans, ResourceReads reads, TransactionReader transactionReads) {

	/**
	 * Assembles a template of a table without blob storage, with the default settings.
	 * @param table the plans of the template's table
	 * @param tableName the table of the template's client, which must be the plans'
	 * @param translate the template's executor's translation
	 */
	public static TemplateAssembly of(TablePlans table, String tableName,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		Assert.notNull(table, "TablePlans must not be null");
		// not Assert with a message supplier: a lambda, spun when the template is made
		if (!tableName.equals(table.tableName())) {
			throw new IllegalArgumentException(
					"The plans of table " + table.tableName() + " cannot serve a template of table " + tableName);
		}
		Callbacks callbacks = new Callbacks();
		// reads go through the converter that runs the after-convert callbacks
		SingleTableConverter reading = callbacks.reading(table.converter());
		KnownBlobFacts facts = new KnownBlobFacts(KnownBlobFacts.DEFAULT_CAPACITY);
		return assemble(table, callbacks, reading, new QueryDriftCheck(), new CursorSecrets(table.timestamps()), facts,
				translate, null, OperationSettings.DEFAULT, table.transactionReads(reading, facts));
	}

	private static TemplateAssembly assemble(TablePlans table, Callbacks callbacks, SingleTableConverter reading,
			QueryDriftCheck drift, CursorSecrets cursorSecrets, KnownBlobFacts facts,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate, @Nullable BlobCodec codec,
			OperationSettings settings, TransactionReader transactionReads) {
		OperationPlans plans = table.forTemplate(codec, facts, settings, translate);
		return new TemplateAssembly(table, callbacks, reading, drift, cursorSecrets, facts, translate, codec, plans,
				table.reads(reading, settings, plans), transactionReads);
	}

	/**
	 * Returns the assembly of a template whose blob storage has the given codec and with the given settings: its
	 * plans and reads are made anew, what neither changes is this one's.
	 * @param codec the storage's codec, {@literal null} for no storage
	 */
	public TemplateAssembly with(@Nullable BlobCodec codec, OperationSettings settings) {
		if (codec == this.codec && settings == settings()) {
			// a setting set to what it is (the auto-configuration sets each): the plans are the ones it has
			return this;
		}
		return assemble(this.table, this.callbacks, this.reading, this.drift, this.cursorSecrets, this.facts,
				this.translate, codec, settings, this.transactionReads);
	}

	/**
	 * Sets what the template's queries and writes consult before anything is sent: the drift check of its queries
	 * and the item layout of its writes, which the table's plans share.
	 * @param guard the guard; {@literal null} for none
	 */
	public void setIndexDriftGuard(@Nullable IndexDriftGuard guard) {
		this.drift.setGuard(guard);
		this.table.support().layout().setGuard(guard);
	}

	/**
	 * Returns the template's settings.
	 */
	public OperationSettings settings() {
		return this.plans.settings();
	}

	/**
	 * Returns the plans of the template's queries, the same for every execution model: their items read through the
	 * converter that runs the after-convert callbacks ({@link #reading()}), the blob attributes of the latest ones
	 * recorded ({@link #facts()}), their cursors sealed with the template's keys ({@link #cursorSecrets()}).
	 */
	public QueryPlans queryPlans() {
		return new QueryPlans(new QueryReads(this.table.tableName(), this.reading, this.table.timestamps(), this.facts),
				new CursorCodec(this.cursorSecrets));
	}

	/**
	 * Returns the entities of the types a query reads, each registered with the table's converter.
	 */
	public List<SingleTablePersistentEntity<?>> entities(List<Class<?>> types) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>(types.size());
		for (Class<?> type : types) {
			entities.add(this.table.converter().getRequiredEntity(type));
		}
		return entities;
	}

	/**
	 * The plan of reading resources by id in batches, as the template's reads are consistent or not.
	 */
	public <T> Step<List<T>> findAllById(Class<T> type, Collection<String> ids) {
		return this.reads.findAllById(this.table.converter().getRequiredEntity(type), ids);
	}

	/**
	 * The plan of loading one blob property of an entity as read (the plan of {@code BlobReads.load}, run on the
	 * driver that holds the template's storage).
	 * @return its value, {@literal null} when the entity's item has no object for it
	 */
	public Step<@Nullable Object> loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		return this.table.blobReads().load(entity, property, this.plans.blobs()::checkStorage);
	}

	/**
	 * The plan of loading every blob property of an entity as read.
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	public <T> Step<T> loadBlobs(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.table.blobReads().loadAll(entity, this.plans.blobs()::checkStorage);
	}

	/**
	 * The plan of a read transaction: the reads {@code reads} asks for, in one {@code TransactGetItems}.
	 */
	public Step<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads) {
		return this.transactionReads.read(reads, this.table.timestamps()::now);
	}

	/**
	 * The plan of reading the per-type counts (strongly consistent): empty when the row does not exist.
	 */
	public Step<Map<String, Long>> countsByType() {
		return this.table.counts().read();
	}

	/**
	 * The plan of storing entities as they are, in batches, without condition.
	 */
	public <T> Step<List<T>> putAll(Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return this.plans.putAll(entities, this.reads);
	}

	/**
	 * Checks, once configured, every registered type's audit names and blob storage (either template's start-up).
	 */
	public void checkEntities() {
		this.table.checkEntities(this.plans);
	}

	/**
	 * The type of an operation's entity, for its observation.
	 */
	public static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

}
