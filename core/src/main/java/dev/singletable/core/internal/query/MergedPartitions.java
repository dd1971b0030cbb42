package dev.singletable.core.internal.query;

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

import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.query.CursorCodec.Bound;
import dev.singletable.core.internal.query.CursorCodec.Position;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
public final class MergedPartitions {

	private final QueryReads reads;

	private final DynamoDbExecutor executor;

	private final CursorCodec cursorCodec;

	private final ParallelRequests parallel;

	MergedPartitions(QueryReads reads, DynamoDbExecutor executor, CursorCodec cursorCodec, ParallelRequests parallel) {
		this.reads = reads;
		this.executor = executor;
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
			PartitionSource<T> next = merge.next();
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
				cost.add(source.cost());
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

			private @Nullable PartitionSource<T> next;

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
				PartitionSource<T> source = this.next;
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
			PartitionSource<Object> next = merge.next();
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
		private final List<@Nullable PartitionSource<T>> sources;

		private final boolean onPage;

		private final @Nullable String streamOperation;

		/** For each result taken (on a page), its partition and item. */
		private final List<PartitionSource.Hit<T>> taken = new ArrayList<>();

		Merge(QuerySpec spec, List<ResolvedQuery> queries, List<Position> start, boolean forward, boolean fromCursor,
				boolean onPage, Function<Map<String, AttributeValue>, @Nullable T> reader) {
			this.spec = spec;
			this.forward = forward;
			this.up = spec.ascending() == forward;
			this.start = start;
			this.onPage = onPage;
			this.streamOperation = onPage ? null : "query.stream";
			List<@Nullable PartitionSource<T>> sources = new ArrayList<>(queries.size());
			for (int rank = 0; rank < queries.size(); rank++) {
				Bound from = reading(start.get(rank));
				sources.add(from.done() ? null : new PartitionSource<>(MergedPartitions.this.reads,
						MergedPartitions.this.executor.pages(from.key()), rank, queries.get(rank), from, fromCursor,
						this.up, onPage, reader));
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
				List<PartitionSource<T>> unknown = new ArrayList<>();
				for (PartitionSource<T> source : this.sources) {
					if (source != null && source.unknown()) {
						if (source.cost().requests() >= maxRequests) {
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
					MergedPartitions.this.executor.observations()
						.observeQuery(this.streamOperation, this.spec.types().values(), this.spec.index(),
									() -> parallel.runAll(reads));
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
		@Nullable PartitionSource<T> next() {
			PartitionSource<T> next = null;
			for (PartitionSource<T> source : this.sources) {
				if (source != null && source.head() != null && (next == null || precedes(source, next))) {
					next = source;
				}
			}
			return next;
		}

		private boolean precedes(PartitionSource<T> source, PartitionSource<T> other) {
			int order = Arrays.compareUnsigned(source.head().sortKey(), other.head().sortKey());
			if (order == 0) {
				order = Integer.compare(source.rank(), other.rank());
			}
			return this.up == (order < 0);
		}

		T take(PartitionSource<T> source) {
			PartitionSource.Hit<T> hit = source.take(this.taken.size());
			if (this.onPage) {
				this.taken.add(hit);
			}
			return hit.result();
		}

		boolean anyBuffered() {
			return this.sources.stream().anyMatch((source) -> source != null && source.head() != null);
		}

		boolean anyUnread() {
			return this.sources.stream().anyMatch((source) -> source != null && source.unread());
		}

		/**
		 * The position of a cursor at the result taken {@code index}-th: in its own partition at its key both
		 * ways; in every other partition, reading on (in this merge's direction) after the last result taken
		 * before it, and reading back before the first result after it (taken later, or the partition's next one).
		 */
		List<Position> at(int index) {
			PartitionSource.Hit<T> at = this.taken.get(index);
			List<Position> positions = new ArrayList<>(this.sources.size());
			for (int rank = 0; rank < this.sources.size(); rank++) {
				PartitionSource<T> source = this.sources.get(rank);
				if (source == null) {
					positions.add(this.start.get(rank));
					continue;
				}
				if (source == at.source()) {
					Bound key = Bound.at(source.key(at));
					positions.add(new Position(key, key));
					continue;
				}
				List<Integer> taken = source.taken();
				int after = -Collections.binarySearch(taken, index) - 1;
				Bound reading = (after > 0) ? Bound.at(source.key(this.taken.get(taken.get(after - 1))))
						: source.from();
				if (after < taken.size()) {
					positions.add(positionFrom(reading, Bound.at(source.key(this.taken.get(taken.get(after))))));
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
				PartitionSource<T> source = this.sources.get(rank);
				if (source == null) {
					positions.add(this.start.get(rank));
				}
				else if (source.ended()) {
					positions.add(position(Bound.DONE, source.nothingBehind() ? Bound.DONE : Bound.OPEN));
				}
				else {
					positions.add(positionFrom(source.afterRead(), source.next()));
				}
			}
			return positions;
		}

		/** Where each partition reads on after the results taken (what an offset skips; nothing back). */
		List<Position> skipped() {
			List<Position> positions = new ArrayList<>(this.sources.size());
			for (PartitionSource<T> source : this.sources) {
				Bound reading = (source == null || source.ended()) ? Bound.DONE : source.afterTaken();
				positions.add(position(reading, Bound.DONE));
			}
			return positions;
		}

		/** The position of a partition that has a result ahead: reading from its edge, it has none back. */
		private Position positionFrom(Bound reading, Bound back) {
			return position(reading, Bound.OPEN.equals(reading) ? Bound.DONE : back);
		}

	}

}
