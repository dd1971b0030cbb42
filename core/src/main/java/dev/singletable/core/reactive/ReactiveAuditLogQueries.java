package dev.singletable.core.reactive;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.AuditLogQueries;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditLogQueryBuilder;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.AbstractAuditLogQuery;
import dev.singletable.core.internal.query.AuditLogPlan;
import dev.singletable.core.internal.query.AuditLogReads;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.query.QueryPage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reactive counterpart of {@link AuditLogQueries} on the SDK's {@link DynamoDbAsyncClient}: the same queries of
 * the audit log rows (by resource, type, changer, or all; time ranges, order, page size, server-side filters),
 * planned by the same code, so they send the same requests and make the same pages — and the same cursors: with the
 * same secret, a cursor of either API resumes in the other. Nothing is sent before a returned {@link Mono} or
 * {@link Flux} is subscribed.
 *
 * <pre class="code">
 * ReactiveAuditLogQueries audit = reactiveTemplate.auditLog();
 * Mono&lt;QueryPage&lt;AuditEntry&gt;&gt; page = audit.forResource("Order", orderId).since(yesterday).limit(20).page(null);
 * Flux&lt;AuditEntry&gt; mine = audit.byChanger("alice").all();
 * </pre>
 */
public final class ReactiveAuditLogQueries {

	private final ReactiveDriver driver;

	private final AuditLogReads reads;

	private final CursorSecrets secrets;

	private final CursorCodec cursors;

	/**
	 * Creates queries over a table, reading stored values with the library's storage mapper.
	 * @param client the async client; must not be {@literal null}
	 * @param tableName the table (the main table, or a separate audit table with the same indexes)
	 */
	public ReactiveAuditLogQueries(DynamoDbAsyncClient client, String tableName) {
		this(client, tableName, StorageJsonMapper.create());
	}

	/**
	 * Creates queries over a table.
	 * @param client the async client; must not be {@literal null}
	 * @param tableName the table
	 * @param jsonMapper the mapper that reads stored values into JSON trees
	 */
	public ReactiveAuditLogQueries(DynamoDbAsyncClient client, String tableName, JsonMapper jsonMapper) {
		this(driver(ReactiveSingleTableDatabaseFactory.create(client, tableName)), jsonMapper, null);
	}

	/**
	 * Creates queries that send through the reactive template's driver and seal cursors with its secrets (or,
	 * without, with the table's generated secret).
	 */
	ReactiveAuditLogQueries(ReactiveDriver driver, JsonMapper jsonMapper, @Nullable CursorSecrets secrets) {
		this.reads = new AuditLogReads(driver.executor().getTableName(), jsonMapper);
		this.secrets = (secrets != null) ? secrets : new CursorSecrets(new Timestamps());
		this.cursors = new CursorCodec(this.secrets);
		this.driver = driver;
	}

	private static ReactiveDriver driver(ReactiveSingleTableDatabaseFactory table) {
		return new ReactiveDriver(new ReactiveDynamoDbExecutor(table.getClient(), table.getTableName()));
	}

	/**
	 * Sets the secret that encrypts and authenticates cursors, instead of the table's generated one; use the
	 * blocking queries' (the template's), so that a cursor resumes in either API and on every instance.
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
	 * Reads one entry by id (strongly consistent), when subscribed.
	 * @param id the entry id
	 * @return the entry, empty when there is none
	 */
	public Mono<AuditEntry> findById(String id) {
		return this.driver.run(this.reads.findById(id));
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
	 * The entries of one changer (rows with a {@code gsi3} key; see {@link AuditLogQueries}).
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
	 * A reactive audit log query: immutable, each option ({@link AuditLogQueryBuilder}, the same as
	 * {@link AuditLogQueries.Query}'s) returns a changed copy.
	 */
	public interface Query extends AuditLogQueryBuilder<Query> {

		/**
		 * Reads one page when subscribed: its requests one after another, each sent from the answer of the one
		 * before.
		 * @param cursor the {@link QueryPage#nextCursor()} of the previous page (of either API), or
		 * {@literal null} for the first
		 * @return the page; an {@link dev.singletable.core.query.InvalidCursorException InvalidCursorException}
		 * when the cursor is not one of this query
		 */
		Mono<QueryPage<AuditEntry>> page(@Nullable String cursor);

		/**
		 * Reads every matching entry, a page at a time: the next page is read only once the entries of the one
		 * before are asked for; cancelling stops the reading.
		 * @return the entries
		 */
		Flux<AuditEntry> all();

	}

	/**
	 * The reactive query of a plan: runs its page's plan on the reactive driver when subscribed.
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
		public Mono<QueryPage<AuditEntry>> page(@Nullable String cursor) {
			ReactiveAuditLogQueries queries = ReactiveAuditLogQueries.this;
			// the plan makes the cursor keys known first: the table's secret read on the driver, never blocking
			return queries.driver.run(queries.reads.page(plan(), cursor, queries.cursors));
		}

		@Override
		public Flux<AuditEntry> all() {
			return page(null)
				.expand((page) -> (page.nextCursor() != null) ? page(page.nextCursor()) : Mono.empty())
				// one page at a time: the next is asked for once the rows of the one before are taken
				.concatMapIterable(QueryPage::items, 1);
		}

	}

	/** Reads the rows as spread over the shards the table's audit rows are written to. */
	void setShards(KeyShards shards) {
		this.reads.setShards(shards);
	}

}
