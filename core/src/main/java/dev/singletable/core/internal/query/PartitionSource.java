package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.QueryAll;
import dev.singletable.core.internal.query.CursorCodec.Bound;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The reading of one partition for {@link PartitionMerge}: its pages, from a {@link Bound} in one direction, and
 * the results read but not yet taken by the merge, each with its item (for its key) and its sort key as stored
 * (for the merge). It sends nothing: {@link #request} is its next {@code Query} and {@link #accept} takes the
 * answer, however it was sent ({@link QueryPlans#readAll} plans the reads of several partitions, which both
 * drivers send). Read by one thread at a time.
 *
 * @param <T> the result type
 */
public final class PartitionSource<T> {

	private static final byte[] NO_SORT_KEY = new byte[0];

	private final QueryReads reads;

	private final int rank;

	private final ResolvedQuery query;

	private final Bound from;

	private final boolean fromCursor;

	private final boolean scanForward;

	private final boolean onPage;

	private final Function<Map<String, AttributeValue>, @Nullable T> reader;

	/** Where the next page starts; {@literal null} before the first from the edge, and after the last. */
	private @Nullable Map<String, AttributeValue> startKey;

	private boolean started;

	private final ArrayDeque<Hit<T>> buffer = new ArrayDeque<>();

	private final QueryReads.PageCost cost = new QueryReads.PageCost();

	/** The indexes of the merge's results taken from this partition, ascending. */
	private final List<Integer> taken = new ArrayList<>();

	private @Nullable Hit<T> last;

	private double efficiency = QueryReads.INITIAL_EFFICIENCY;

	PartitionSource(QueryReads reads, int rank, ResolvedQuery query, Bound from,
			boolean fromCursor, boolean scanForward, boolean onPage, Function<Map<String, AttributeValue>, @Nullable T> reader) {
		this.reads = reads;
		this.rank = rank;
		this.query = query;
		this.from = from;
		this.fromCursor = fromCursor;
		this.scanForward = scanForward;
		this.onPage = onPage;
		this.reader = reader;
		this.startKey = from.key();
	}

	/** The rank of the partition's value, which orders equal sort keys. */
	int rank() {
		return this.rank;
	}

	/** Where reading started: the position the merge started from. */
	Bound from() {
		return this.from;
	}

	QueryReads.PageCost cost() {
		return this.cost;
	}

	/** The next result, read and not yet taken, or {@literal null}. */
	@Nullable Hit<T> head() {
		return this.buffer.peek();
	}

	/**
	 * Takes the next result.
	 * @param index its index among the merge's results, kept on a page for the cursors
	 * @return the result
	 */
	Hit<T> take(int index) {
		Hit<T> hit = this.buffer.remove();
		this.last = hit;
		if (this.onPage) {
			this.taken.add(index);
		}
		return hit;
	}

	/** The indexes among the merge's results of those taken from this partition, ascending (on a page). */
	List<Integer> taken() {
		return this.taken;
	}

	/** Whether a request is left to send: before the first, and while the last had a {@code LastEvaluatedKey}. */
	boolean unread() {
		return !this.started || this.startKey != null;
	}

	/** Where reading on continues after the results taken: after the last one, or where reading started. */
	Bound afterTaken() {
		return (this.last != null) ? Bound.at(key(this.last)) : this.from;
	}

	/**
	 * Where reading on continues after everything read: after the {@code LastEvaluatedKey} when each item read is
	 * taken or filtered out, else after the last result taken.
	 */
	Bound afterRead() {
		return this.buffer.isEmpty() ? Bound.at(this.startKey) : afterTaken();
	}

	/** Whether nothing was taken from the partition and it was read from its edge: nothing lies behind. */
	boolean nothingBehind() {
		return this.last == null && Bound.OPEN.equals(this.from);
	}

	/** Whether the partition's next result is unknown: none read ahead, and more to read. */
	boolean unknown() {
		return this.buffer.isEmpty() && unread();
	}

	/** Whether the partition has no more results. */
	boolean ended() {
		return this.buffer.isEmpty() && !unread();
	}

	/**
	 * The partition's next request, asking for {@code remaining} results (unlimited for {@link Long#MAX_VALUE}).
	 */
	QueryRequest request(long remaining, boolean filtering) {
		if (!unread()) {
			throw new NoSuchElementException();
		}
		QueryRequest.Builder request = this.reads.request(this.query, this.scanForward)
			.exclusiveStartKey(this.startKey);
		if (remaining != Long.MAX_VALUE) {
			request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
					QueryReads.requestLimit(remaining, filtering, this.efficiency)));
		}
		if (this.onPage) {
			request.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
		}
		return request.build();
	}

	/**
	 * Whether the next request starts at a cursor: its failure may mean the cursor does not fit
	 * ({@link QueryReads#cursorFailure}).
	 */
	boolean startsAtCursor() {
		return this.fromCursor && this.cost.requests() == 0;
	}

	/**
	 * Takes the answer to {@link #request}: keeps the results read and moves to the next page.
	 * @return whether it read a result
	 */
	boolean accept(QueryResponse response) {
		this.started = true;
		this.startKey = QueryAll.nextStartKey(response);
		this.cost.add(response);
		int accepted = 0;
		String sortAttribute = this.query.sortAttribute();
		for (Map<String, AttributeValue> item : response.items()) {
			T result = this.reader.apply(item);
			if (result != null) {
				AttributeValue sortKey = (sortAttribute != null) ? item.get(sortAttribute) : null;
				this.buffer.add(new Hit<>(this, result, item, (sortKey != null && sortKey.s() != null)
						? sortKey.s().getBytes(StandardCharsets.UTF_8) : NO_SORT_KEY));
				accepted++;
			}
		}
		this.efficiency = QueryReads.nextEfficiency(this.efficiency, accepted, response.items().size());
		return accepted > 0;
	}

	/**
	 * Where reading back continues before the partition's next result: that result, or (none read ahead)
	 * the {@code LastEvaluatedKey}, after which nothing was read that is not taken or filtered out.
	 */
	Bound next() {
		Hit<T> head = this.buffer.peek();
		return (head != null) ? Bound.at(key(head)) : Bound.at(this.startKey);
	}

	Map<String, AttributeValue> key(Hit<T> hit) {
		return CursorCodec.keyOf(this.query.cursors(), hit.item());
	}

	/**
	 * A result read from a partition, with its item (for its key) and sort key (for the merge).
	 */
	public record Hit<T>(PartitionSource<T> source, T result, Map<String, AttributeValue> item, byte[] sortKey) {
	}

}
