package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec.Bound;
import dev.singletable.core.internal.query.CursorCodec.Position;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reading of one page of an {@link AuditLogPlan} whose key is spread over the audit log's shards: each partition
 * (the unspread one, then every shard's) is queried from where the cursor left it, and their rows are merged in the
 * order of the index's sort key as stored, compared as DynamoDB compares strings (by their UTF-8 bytes), equal keys
 * in the order of the partitions, as {@link PartitionMerge} merges. A partition is queried again only when every row
 * it gave is taken and it has more. Sends nothing: {@link #next()} is the reading as a plan.
 * <p>
 * A cursor holds, for every partition, where reading it continues in the query's direction: after the last row
 * taken from it, from its edge, or nowhere once every row of it is taken. Each partition thus resumes from its own
 * key, so paging returns each row exactly once, also when rows are written between pages.
 */
final class AuditLogMergedReading {

	private final AuditLogPlan plan;

	private final List<CursorCodec.Scope> scopes;

	private final CursorCodec cursors;

	private final AuditItems items;

	private final String tableName;

	private final List<Partition> partitions;

	/** The rows taken, in the page's order, and where every partition stood when each was taken. */
	private final List<Map<String, AttributeValue>> taken = new ArrayList<>();

	private final List<List<Position>> positions = new ArrayList<>();

	private int requests;

	private int scanned;

	private double capacity;

	AuditLogMergedReading(AuditLogPlan plan, List<CursorCodec.Scope> scopes, @Nullable List<Position> start,
			CursorCodec cursors, AuditItems items, String tableName) {
		this.plan = plan;
		this.scopes = scopes;
		this.cursors = cursors;
		this.items = items;
		this.tableName = tableName;
		List<Partition> partitions = new ArrayList<>(scopes.size());
		for (int rank = 0; rank < scopes.size(); rank++) {
			partitions.add(new Partition(scopes.get(rank), (start != null) ? start.get(rank).ascending() : Bound.OPEN));
		}
		this.partitions = List.copyOf(partitions);
	}

	/**
	 * The rest of the page's reading as a plan: the next request, or the page once it is complete.
	 */
	Step<QueryPage<AuditEntry>> next() {
		while (this.taken.size() <= this.plan.limit()) {
			Partition unknown = unknown();
			if (unknown != null) {
				QueryRequest request = this.plan
					.request(this.tableName, unknown.scope.partition(), this.plan.limit() + 1 - this.taken.size())
					.exclusiveStartKey(unknown.startKey)
					.build();
				return Step.send(new Request.Plain(request), (answer) -> {
					accept(unknown, answer.get(QueryResponse.class));
					return next();
				});
			}
			Partition head = head();
			if (head == null) {
				break;
			}
			take(head);
		}
		return Step.done(page());
	}

	/** The first partition whose next row is unknown: every row it gave is taken and it has more. */
	private @Nullable Partition unknown() {
		for (Partition partition : this.partitions) {
			if (partition.rows.isEmpty() && !partition.ended) {
				return partition;
			}
		}
		return null;
	}

	private void accept(Partition partition, QueryResponse response) {
		this.requests++;
		this.scanned += response.scannedCount();
		this.capacity += AuditLogPlan.capacityOf(response);
		partition.rows.addAll(response.items());
		partition.startKey = QueryAll.nextStartKey(response);
		partition.ended = partition.startKey == null;
		if (partition.rows.isEmpty() && partition.startKey != null) {
			// every row read was filtered out: reading on starts after them
			partition.last = Bound.at(partition.startKey);
		}
	}

	/** The partition whose next row comes next in the query's order, {@literal null} when all have ended. */
	private @Nullable Partition head() {
		Partition next = null;
		byte[] nextKey = null;
		for (Partition partition : this.partitions) {
			if (partition.rows.isEmpty()) {
				continue;
			}
			byte[] key = sortKey(partition.rows.peekFirst());
			int order = (next != null) ? Arrays.compareUnsigned(key, nextKey) : 0;
			if (next == null || (this.plan.ascending() ? order < 0 : order > 0)) {
				next = partition;
				nextKey = key;
			}
		}
		return next;
	}

	private byte[] sortKey(Map<String, AttributeValue> row) {
		AttributeValue value = row.get(this.plan.sortAttribute());
		return (value != null && value.s() != null) ? value.s().getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	private void take(Partition partition) {
		Map<String, AttributeValue> row = partition.rows.removeFirst();
		partition.last = Bound.at(CursorCodec.keyOf(partition.scope, row));
		this.taken.add(row);
		List<Position> at = new ArrayList<>(this.partitions.size());
		for (Partition each : this.partitions) {
			// a partition read to its end with every row taken has nothing left for the pages after this row
			Bound reading = (each.ended && each.rows.isEmpty()) ? Bound.DONE : each.last;
			at.add(new Position(reading, Bound.DONE));
		}
		this.positions.add(at);
	}

	/**
	 * The page read: at most the limit's rows, each with its cursor, and the cursor of the next page when there are
	 * more rows.
	 */
	private QueryPage<AuditEntry> page() {
		int size = Math.min(this.taken.size(), this.plan.limit());
		boolean more = this.taken.size() > this.plan.limit();
		List<AuditEntry> entries = new ArrayList<>(size);
		List<String> itemCursors = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			entries.add(this.items.fromItem(this.taken.get(i)));
			itemCursors.add(this.cursors.encode(this.scopes, this.positions.get(i)));
		}
		String next = (more && size > 0) ? itemCursors.get(size - 1) : null;
		return new QueryPage<>(entries, next, this.requests, this.scanned, this.capacity, itemCursors);
	}

	/** One partition being read: its rows read and not taken yet, and where reading it goes on. */
	private static final class Partition {

		private final CursorCodec.Scope scope;

		private final Deque<Map<String, AttributeValue>> rows = new ArrayDeque<>();

		/** Where reading goes on, in the query's direction, after the rows taken. */
		private Bound last;

		private @Nullable Map<String, AttributeValue> startKey;

		private boolean ended;

		Partition(CursorCodec.Scope scope, Bound start) {
			this.scope = scope;
			this.last = start;
			this.startKey = start.key();
			this.ended = start.done();
		}

	}

}
