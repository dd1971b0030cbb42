package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.CursorCodec.Bound;
import dev.singletable.core.CursorCodec.Position;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads a query over several partitions of one index ({@code partitionIn}, a derived {@code In} on a partition
 * property) as one query: one {@code Query} per partition, the first requests of all of them side by side through
 * {@link ParallelRequests}, later ones as the merge needs them (a partition is read again only when the result it
 * shows has been taken and it has more). Results are merged in the order of the index's sort key as stored (the
 * key rendered with the template the item was written with), compared as DynamoDB compares strings (by their
 * UTF-8 bytes), equal keys in the order of the partition values; a descending query returns the exact reverse.
 * An index without a sort key thus returns the partitions one after another. Limits, filters and offsets apply to
 * the merged results.
 * <p>
 * A cursor at a result holds, for every partition, a {@link Position}: where reading up continues (after the
 * partition's last result below the cursor, from the partition's start, or nowhere when nothing is above) and
 * where reading down continues (before its first result above the cursor, from its end, or nowhere). Each
 * partition thus resumes from its own key, so paging through the merged results returns each exactly once, also
 * when items are written between pages; a partition read to its end is not read again by the cursor's pages.
 */
final class MergedPartitions {

	private static final byte[] NO_SORT_KEY = new byte[0];

	private final QueryReads reads;

	private final CursorCodec cursorCodec;

	private final ParallelRequests parallel;

	MergedPartitions(QueryReads reads, CursorCodec cursorCodec, ParallelRequests parallel) {
		this.reads = reads;
		this.cursorCodec = cursorCodec;
		this.parallel = parallel;
	}

	/**
	 * Reads one page, as {@link QueryExecutor#page} does for one partition: {@code wanted} results, looking for
	 * one more with {@code peek}, each partition making at most {@code maxRequests} requests; a backward page
	 * merges the partitions read against the query's order and returns its results in the query's order.
	 */
	<T> QueryPage<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.ITEMS);
		List<CursorCodec.Scope> scopes = queries.stream().map(ResolvedQuery::cursors).toList();
		List<Position> start = (cursor != null) ? this.cursorCodec.decode(scopes, cursor)
				: fromTheStart(queries.size(), spec.ascending() == forward);
		Merge<T> merge = new Merge<>(spec, queries, start, forward, cursor != null, true,
				(item) -> this.reads.read(spec, item));
		long target = peek ? wanted + 1L : wanted;
		List<T> results = new ArrayList<>(Math.min(wanted, 1000));
		while (true) {
			if (results.size() == wanted && (!peek || merge.anyBuffered())) {
				boolean more = merge.anyBuffered() || merge.anyUnread();
				return page(merge, scopes, results, more ? merge.at(wanted - 1) : null);
			}
			if (!merge.fillHeads(target - results.size(), spec.maxRequests())) {
				// a partition whose next result decides the order may make no more requests for this page
				return page(merge, scopes, results, merge.cut());
			}
			Source<T> next = merge.next();
			if (next == null) {
				return page(merge, scopes, results, null);
			}
			if (results.size() == wanted) {
				return page(merge, scopes, results, merge.at(wanted - 1));
			}
			results.add(merge.take(next));
		}
	}

	private <T> QueryPage<T> page(Merge<T> merge, List<CursorCodec.Scope> scopes, List<T> results,
			@Nullable List<Position> next) {
		CursorCodec codec = this.cursorCodec;
		String nextCursor = (next != null) ? codec.encode(scopes, next) : null;
		int size = results.size();
		if (!merge.forward) {
			Collections.reverse(results);
		}
		QueryReads.PageCost cost = new QueryReads.PageCost();
		merge.sources.forEach((source) -> {
			if (source != null) {
				cost.add(source.cost);
			}
		});
		return QueryReads.page(results, nextCursor, cost,
				(index) -> codec.encode(scopes, merge.at(merge.forward ? index : size - 1 - index)));
	}

	/**
	 * Streams the merged results, as {@link QueryExecutor#stream} does for one partition: without a cap each
	 * request lets DynamoDB fill a page, with one requests ask for what is still wanted. An offset is read past
	 * keys only (unless a predicate needs the results), and the results are then read from where each partition
	 * stood.
	 */
	<T> Stream<T> stream(QuerySpec spec, long offset) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.ITEMS);
		List<Position> start = fromTheStart(queries.size(), spec.ascending());
		long skip = offset;
		if (skip > 0 && spec.predicate() == null) {
			start = skipKeys(spec, offset);
			if (start == null) {
				return Stream.empty();
			}
			skip = 0;
		}
		long cap = (spec.limit() != null) ? spec.limit() + skip : Long.MAX_VALUE;
		Merge<T> merge = new Merge<>(spec, queries, start, true, false, false, (item) -> this.reads.read(spec, item));
		Iterator<T> results = new Iterator<>() {

			private long returned;

			private @Nullable Source<T> next;

			@Override
			public boolean hasNext() {
				if (this.next == null && this.returned < cap) {
					long wanted = (cap != Long.MAX_VALUE) ? cap - this.returned : Long.MAX_VALUE;
					merge.fillHeads(wanted, Integer.MAX_VALUE);
					this.next = merge.next();
				}
				return this.next != null;
			}

			@Override
			public T next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				Source<T> source = this.next;
				this.next = null;
				this.returned++;
				return merge.take(source);
			}

		};
		Stream<T> stream = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED | Spliterator.NONNULL), false);
		return (skip > 0) ? stream.skip(skip) : stream;
	}

	/**
	 * Reads past the first {@code count} merged results with requests projected to the keys, and returns where
	 * each partition stands after them, or {@literal null} when there are no more results than that.
	 */
	private @Nullable List<Position> skipKeys(QuerySpec spec, long count) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.KEYS);
		List<Position> start = fromTheStart(queries.size(), spec.ascending());
		Merge<Object> merge = new Merge<>(spec, queries, start, true, false, false,
				(item) -> (this.reads.readableOwner(spec, item) != null) ? Boolean.TRUE : null);
		for (long skipped = 0; skipped < count; skipped++) {
			merge.fillHeads(count - skipped, Integer.MAX_VALUE);
			Source<Object> next = merge.next();
			if (next == null) {
				return null;
			}
			merge.take(next);
		}
		return merge.skipped();
	}

	/** The position before every result when reading up ({@code ascending}) or down. */
	private static List<Position> fromTheStart(int partitions, boolean ascending) {
		return Collections.nCopies(partitions,
				ascending ? new Position(Bound.OPEN, Bound.DONE) : new Position(Bound.DONE, Bound.OPEN));
	}

	/** Resolves the query of each partition, in the order of the values. */
	private List<ResolvedQuery> resolve(QuerySpec spec, ResolvedQuery.Reading reading) {
		return spec.key()
			.partitions()
			.stream()
			.map((partition) -> this.reads.resolve(spec.partition(partition), reading))
			.toList();
	}

	/**
	 * The merge of the partitions' results in one direction: the query's order ({@code forward}) or against it,
	 * up or down the merged order (sort key, then partition rank). On a page it logs which partition each result
	 * came from, for the cursors.
	 */
	private final class Merge<T> {

		private final QuerySpec spec;

		private final boolean forward;

		/** Whether the merge reads up the merged order (ascending sort keys). */
		private final boolean up;

		private final List<Position> start;

		/** The source of each partition, {@literal null} where the start position leaves nothing to read. */
		private final List<@Nullable Source<T>> sources;

		private final boolean onPage;

		private final @Nullable String streamOperation;

		/** For each result taken (on a page), its partition and item. */
		private final List<Hit<T>> taken = new ArrayList<>();

		Merge(QuerySpec spec, List<ResolvedQuery> queries, List<Position> start, boolean forward, boolean fromCursor,
				boolean onPage, Function<Map<String, AttributeValue>, @Nullable T> reader) {
			this.spec = spec;
			this.forward = forward;
			this.up = spec.ascending() == forward;
			this.start = start;
			this.onPage = onPage;
			this.streamOperation = onPage ? null : "query.stream";
			List<@Nullable Source<T>> sources = new ArrayList<>(queries.size());
			for (int rank = 0; rank < queries.size(); rank++) {
				Bound from = reading(start.get(rank));
				sources.add(from.done() ? null
						: new Source<>(rank, queries.get(rank), from, fromCursor, this.up, onPage, reader));
			}
			this.sources = sources;
		}

		/** The bound reading in this merge's direction starts from. */
		private Bound reading(Position position) {
			return this.up ? position.ascending() : position.descending();
		}

		private Position position(Bound reading, Bound back) {
			return this.up ? new Position(reading, back) : new Position(back, reading);
		}

		/**
		 * Reads every partition whose next result is unknown until each shows one or has ended, at most
		 * {@code maxRequests} requests per partition.
		 * @param remaining how many results are still wanted
		 * @return {@literal false} when a partition to read has made {@code maxRequests} requests
		 */
		boolean fillHeads(long remaining, int maxRequests) {
			while (true) {
				List<Source<T>> unknown = new ArrayList<>();
				for (Source<T> source : this.sources) {
					if (source != null && source.unknown()) {
						if (source.cost.requests() >= maxRequests) {
							return false;
						}
						unknown.add(source);
					}
				}
				if (unknown.isEmpty()) {
					return true;
				}
				List<Supplier<Boolean>> reads = unknown.stream()
					.<Supplier<Boolean>>map((source) -> () -> source.read(remaining, this.spec.filtering()))
					.toList();
				ParallelRequests parallel = MergedPartitions.this.parallel;
				if (this.streamOperation != null) {
					MergedPartitions.this.reads.observations()
						.observeQuery(this.streamOperation, this.spec, () -> parallel.runAll(reads));
				}
				else {
					parallel.runAll(reads);
				}
			}
		}

		/**
		 * Returns the partition whose next result comes next in the merged order, or {@literal null} when every
		 * partition has ended. Every partition must show its next result ({@link #fillHeads}).
		 */
		@Nullable Source<T> next() {
			Source<T> next = null;
			for (Source<T> source : this.sources) {
				if (source != null && !source.buffer.isEmpty() && (next == null || precedes(source, next))) {
					next = source;
				}
			}
			return next;
		}

		private boolean precedes(Source<T> source, Source<T> other) {
			int order = Arrays.compareUnsigned(source.buffer.peek().sortKey(), other.buffer.peek().sortKey());
			if (order == 0) {
				order = Integer.compare(source.rank, other.rank);
			}
			return this.up == (order < 0);
		}

		T take(Source<T> source) {
			Hit<T> hit = source.buffer.poll();
			source.last = hit;
			if (this.onPage) {
				source.taken.add(this.taken.size());
				this.taken.add(hit);
			}
			return hit.result();
		}

		boolean anyBuffered() {
			return this.sources.stream().anyMatch((source) -> source != null && !source.buffer.isEmpty());
		}

		boolean anyUnread() {
			return this.sources.stream().anyMatch((source) -> source != null && source.pages.hasNext());
		}

		/**
		 * The position of a cursor at the result taken {@code index}-th: in its own partition at its key both
		 * ways; in every other partition, reading on (in this merge's direction) after the last result taken
		 * before it, and reading back before the first result after it (taken later, or the partition's next one).
		 */
		List<Position> at(int index) {
			Hit<T> at = this.taken.get(index);
			List<Position> positions = new ArrayList<>(this.sources.size());
			for (int rank = 0; rank < this.sources.size(); rank++) {
				Source<T> source = this.sources.get(rank);
				if (source == null) {
					positions.add(this.start.get(rank));
					continue;
				}
				if (source == at.source()) {
					Bound key = Bound.at(source.key(at));
					positions.add(new Position(key, key));
					continue;
				}
				int found = Collections.binarySearch(source.taken, index);
				int after = -found - 1;
				Bound reading = (after > 0) ? Bound.at(source.key(this.taken.get(source.taken.get(after - 1))))
						: source.from;
				if (after < source.taken.size()) {
					positions.add(positionFrom(reading,
							Bound.at(source.key(this.taken.get(source.taken.get(after))))));
				}
				else if (source.ended()) {
					positions.add(position(Bound.DONE, Bound.OPEN.equals(reading) ? Bound.DONE : Bound.OPEN));
				}
				else {
					positions.add(positionFrom(reading, source.next()));
				}
			}
			return positions;
		}

		/**
		 * The position after everything a page read: each partition reads on after its last result taken, or
		 * after its {@code LastEvaluatedKey} when every item read from it is taken or filtered out, so that a
		 * page that stopped at {@code maxRequests} before its first result still moves on.
		 */
		List<Position> cut() {
			List<Position> positions = new ArrayList<>(this.sources.size());
			for (int rank = 0; rank < this.sources.size(); rank++) {
				Source<T> source = this.sources.get(rank);
				if (source == null) {
					positions.add(this.start.get(rank));
				}
				else if (source.ended()) {
					boolean none = source.last == null && Bound.OPEN.equals(source.from);
					positions.add(position(Bound.DONE, none ? Bound.DONE : Bound.OPEN));
				}
				else {
					Bound reading = source.buffer.isEmpty() ? Bound.at(source.pages.startKey())
							: (source.last != null) ? Bound.at(source.key(source.last)) : source.from;
					positions.add(positionFrom(reading, source.next()));
				}
			}
			return positions;
		}

		/** Where each partition reads on after the results taken (what an offset skips; nothing back). */
		List<Position> skipped() {
			List<Position> positions = new ArrayList<>(this.sources.size());
			for (Source<T> source : this.sources) {
				Bound reading = (source == null || source.ended()) ? Bound.DONE
						: (source.last != null) ? Bound.at(source.key(source.last)) : source.from;
				positions.add(position(reading, Bound.DONE));
			}
			return positions;
		}

		/** The position of a partition that has a result ahead: reading from its edge, it has none back. */
		private Position positionFrom(Bound reading, Bound back) {
			return position(reading, Bound.OPEN.equals(reading) ? Bound.DONE : back);
		}

	}

	/**
	 * The reading of one partition for a merge: its pages and the results read but not yet taken.
	 */
	private final class Source<T> {

		private final int rank;

		private final ResolvedQuery query;

		private final Bound from;

		private final boolean fromCursor;

		private final boolean scanForward;

		private final boolean onPage;

		private final Function<Map<String, AttributeValue>, @Nullable T> reader;

		private final DynamoDbExecutor.Pages pages;

		private final ArrayDeque<Hit<T>> buffer = new ArrayDeque<>();

		private final QueryReads.PageCost cost = new QueryReads.PageCost();

		/** The indexes of the merge's results taken from this partition, ascending. */
		private final List<Integer> taken = new ArrayList<>();

		private @Nullable Hit<T> last;

		private double efficiency = QueryReads.INITIAL_EFFICIENCY;

		Source(int rank, ResolvedQuery query, Bound from, boolean fromCursor, boolean scanForward, boolean onPage,
				Function<Map<String, AttributeValue>, @Nullable T> reader) {
			this.rank = rank;
			this.query = query;
			this.from = from;
			this.fromCursor = fromCursor;
			this.scanForward = scanForward;
			this.onPage = onPage;
			this.reader = reader;
			this.pages = MergedPartitions.this.reads.executor().pages(from.key());
		}

		/** Whether the partition's next result is unknown: none read ahead, and more to read. */
		boolean unknown() {
			return this.buffer.isEmpty() && this.pages.hasNext();
		}

		/** Whether the partition has no more results. */
		boolean ended() {
			return this.buffer.isEmpty() && !this.pages.hasNext();
		}

		/**
		 * Sends the partition's next request, asking for {@code remaining} results (unlimited for
		 * {@link Long#MAX_VALUE}), and keeps the results read.
		 * @return whether it read a result
		 */
		boolean read(long remaining, boolean filtering) {
			QueryRequest.Builder request = MergedPartitions.this.reads.request(this.query, this.scanForward);
			if (remaining != Long.MAX_VALUE) {
				request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
						QueryReads.requestLimit(remaining, filtering, this.efficiency)));
			}
			if (this.onPage) {
				request.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
			}
			QueryResponse response = QueryReads.send(this.pages, request,
					this.fromCursor && this.cost.requests() == 0);
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
			return (head != null) ? Bound.at(key(head)) : Bound.at(this.pages.startKey());
		}

		Map<String, AttributeValue> key(Hit<T> hit) {
			return CursorCodec.keyOf(this.query.cursors(), hit.item());
		}

	}

	/**
	 * A result read from a partition, with its item (for its key) and sort key (for the merge).
	 */
	private record Hit<T>(Source<T> source, T result, Map<String, AttributeValue> item, byte[] sortKey) {
	}

}
