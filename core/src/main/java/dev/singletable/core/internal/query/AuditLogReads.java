package dev.singletable.core.internal.query;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.query.QueryPage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log reads of one table, for both APIs ({@code AuditLogQueries} and {@code ReactiveAuditLogQueries}): the
 * plan that reads an entry by id and the plan that reads a page of an {@link AuditLogPlan}, with the table's rows
 * read by one {@link AuditItems}. Sends nothing: each API runs the plans on its own driver.
 */
public final class AuditLogReads {

	private final String tableName;

	private volatile AuditItems items;

	/**
	 * Creates the reads of a table.
	 * @param tableName the table (the main table, or a separate audit table with the same indexes)
	 * @param jsonMapper the mapper that reads stored values into JSON trees
	 */
	public AuditLogReads(String tableName, JsonMapper jsonMapper) {
		this.tableName = tableName;
		this.items = new AuditItems(jsonMapper);
	}

	/**
	 * Sets the shards the rows' keys are spread over, as the table's audit rows are written
	 * ({@link KeyShards}): reads of all rows and of a type's rows then merge every shard's partition.
	 * @param shards the shards
	 */
	public void setShards(KeyShards shards) {
		this.items = new AuditItems(this.items.jsonMapper(), shards);
	}

	/**
	 * The plan that reads one entry by id (strongly consistent).
	 * @param id the entry id, not empty
	 * @return the plan, done with the entry or {@literal null} when there is none
	 */
	public Step<AuditEntry> findById(String id) {
		Assert.hasText(id, "Id must not be empty");
		return AuditLogPlan.findById(id, this.items, this.tableName);
	}

	/**
	 * The plan that reads one page of a query, after making the cursor keys known ({@link CursorCodec#known}: the
	 * table's secret read, if needed, on the driver that runs it), for the audit log queries of both templates.
	 * @param query what the query reads
	 * @param cursor the {@link QueryPage#nextCursor()} of the previous page, or {@literal null} for the first
	 * @param cursors the codec that seals and opens cursors
	 * @return the plan; it fails with {@link dev.singletable.core.query.InvalidCursorException} when the cursor is
	 * not one of this query
	 */
	public Step<QueryPage<AuditEntry>> page(AuditLogPlan query, @Nullable String cursor, CursorCodec cursors) {
		return cursors.known(this.tableName).then((known) -> query.page(cursor, cursors, this.items, this.tableName));
	}

}
