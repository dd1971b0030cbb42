package dev.singletable.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditLogQueryBuilder;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.AbstractAuditLogQuery;
import dev.singletable.core.internal.query.AuditLogPlan;
import dev.singletable.core.internal.query.AuditLogReads;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit log rows of a table, whichever library wrote them, newest first unless asked otherwise, a page
 * at a time with opaque cursors (encrypted and authenticated, as the template's query cursors):
 *
 * <pre class="code">
 * AuditLogQueries audit = new AuditLogQueries(client, "my-table");
 * QueryPage&lt;AuditEntry&gt; page = audit.forResource("Order", orderId).since(yesterday).limit(20).page(null);
 * audit.byChanger("alice").stream().forEach(...);
 * </pre>
 *
 * Each kind of query reads one index of {@code simplesingletable}'s layout: by resource {@code gsi1}, by type
 * {@code gsi2} (both sorted by the row's ULID key, so a time range is a key range), by changer {@code gsi3}
 * (rows with a {@code changed_by}; the Python library writes that index since 17.0, so rows of 16.5 are found with
 * {@code forType(type).changedBy(who)} instead), every row {@code gsitype} (sorted by creation time).
 * {@link Query#changedBy(String)} and {@link Query#operation(String)} filter on the server.
 */
public final class AuditLogQueries {

	private final BlockingDriver driver;

	private final AuditLogReads reads;

	private final CursorSecrets secrets;

	private final CursorCodec cursors;

	/**
	 * Creates queries over a table, reading stored values with the library's storage mapper.
	 * @param client the client
	 * @param tableName the table (the main table, or a separate audit table with the same indexes)
	 */
	public AuditLogQueries(DynamoDbClient client, String tableName) {
		this(client, tableName, StorageJsonMapper.create());
	}

	/**
	 * Creates queries over a table.
	 * @param client the client
	 * @param tableName the table
	 * @param jsonMapper the mapper that reads stored values into JSON trees
	 */
	public AuditLogQueries(DynamoDbClient client, String tableName, JsonMapper jsonMapper) {
		this(driver(SingleTableDatabaseFactory.create(client, tableName)), jsonMapper, null);
	}

	/**
	 * Creates queries that send through the template's driver, so that they are translated and observed as the
	 * template's own requests, and seal cursors with the template's secrets (or, without, with the table's
	 * generated secret).
	 */
	AuditLogQueries(BlockingDriver driver, JsonMapper jsonMapper, @Nullable CursorSecrets secrets) {
		this.driver = driver;
		this.reads = new AuditLogReads(driver.executor().getTableName(), jsonMapper);
		this.secrets = (secrets != null) ? secrets : new CursorSecrets(new Timestamps());
		this.cursors = new CursorCodec(this.secrets);
	}

	private static BlockingDriver driver(SingleTableDatabaseFactory table) {
		return new BlockingDriver(new DynamoDbExecutor(table.getClient(), table.getTableName()));
	}

	/**
	 * Sets the secret that encrypts and authenticates cursors, instead of the table's generated one (see
	 * {@code SingleTableAccessor.setCursorSecret}); use the template's, so that cursors are alike on every instance.
	 * @param secret the secret, not empty
	 */
	public void setCursorSecret(byte[] secret) {
		this.secrets.configure(secret);
	}

	/**
	 * Sets the previous secrets of a rotation, as {@code SingleTableAccessor.setPreviousCursorSecrets} does.
	 * @param secrets the previous secrets, none empty
	 * @param grace how long after it was issued a cursor of a previous secret is accepted
	 */
	public void setPreviousCursorSecrets(List<byte[]> secrets, Duration grace) {
		this.secrets.configurePrevious(secrets, grace);
	}

	/**
	 * Reads one entry by id.
	 * @param id the entry id
	 * @return the entry, empty when there is none
	 */
	public Optional<AuditEntry> findById(String id) {
		return Optional.ofNullable(this.driver.run(this.reads.findById(id)));
	}

	/**
	 * The entries of one resource.
	 * @param resourceType the resource type name (for types shared with Python, its class name)
	 * @param resourceId the resource id
	 * @return the query
	 */
	public Query forResource(String resourceType, String resourceId) {
		return new PlannedQuery(AuditLogPlan.forResource(resourceType, resourceId));
	}

	/**
	 * The entries of every resource of a type.
	 * @param resourceType the resource type name
	 * @return the query
	 */
	public Query forType(String resourceType) {
		return new PlannedQuery(AuditLogPlan.forType(resourceType));
	}

	/**
	 * The entries of one changer (rows with a {@code gsi3} key; see the class description).
	 * @param changedBy who made the changes
	 * @return the query
	 */
	public Query byChanger(String changedBy) {
		return new PlannedQuery(AuditLogPlan.byChanger(changedBy));
	}

	/**
	 * Every entry of the table.
	 * @return the query
	 */
	public Query all() {
		return new PlannedQuery(AuditLogPlan.all());
	}

	/**
	 * An audit log query: immutable, each option ({@link AuditLogQueryBuilder}) returns a changed copy.
	 */
	public interface Query extends AuditLogQueryBuilder<Query> {

		/**
		 * Reads one page.
		 * @param cursor the {@link QueryPage#nextCursor()} of the previous page, or {@literal null} for the first
		 * @return the page
		 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this query
		 */
		QueryPage<AuditEntry> page(@Nullable String cursor);

		/**
		 * Reads every matching entry, page by page as the stream is consumed.
		 * @return the entries
		 */
		Stream<AuditEntry> stream();

	}

	/**
	 * The blocking query of a plan: runs its page's plan on the driver.
	 */
	private final class PlannedQuery extends AbstractAuditLogQuery<Query> implements Query {

		private PlannedQuery(AuditLogPlan plan) {
			super(plan);
		}

		@Override
		protected Query with(AuditLogPlan plan) {
			return new PlannedQuery(plan);
		}

		@Override
		public QueryPage<AuditEntry> page(@Nullable String cursor) {
			AuditLogQueries queries = AuditLogQueries.this;
			return queries.driver.run(queries.reads.page(plan(), cursor, queries.cursors));
		}

		@Override
		public Stream<AuditEntry> stream() {
			Query query = this;
			Spliterator<List<AuditEntry>> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
					Spliterator.ORDERED) {

				private @Nullable String cursor;

				private boolean done;

				@Override
				public boolean tryAdvance(Consumer<? super List<AuditEntry>> action) {
					if (this.done) {
						return false;
					}
					QueryPage<AuditEntry> page = query.page(this.cursor);
					this.cursor = page.nextCursor();
					this.done = (this.cursor == null);
					action.accept(page.items());
					return true;
				}

			};
			return StreamSupport.stream(pages, false).flatMap(List::stream);
		}

	}

	/** Reads the rows as spread over the shards the table's audit rows are written to. */
	void setShards(KeyShards shards) {
		this.reads.setShards(shards);
	}

}
