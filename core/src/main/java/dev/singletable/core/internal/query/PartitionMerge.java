package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.CursorCodec.Bound;
import dev.singletable.core.internal.query.CursorCodec.Position;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The merge of a query over several partitions of one index ({@code partitionIn}, a derived {@code In} on a
 * partition property), without sending anything: which partitions must be read next, in which order their results
 * come, and the cursors of a page. {@link QueryPlans} turns its reads into plans that both query executors run
 * on their drivers, so both APIs merge, page and resume alike (a cursor of one resumes in the other).
 * <p>
 * Results are merged in the order of the index's sort key as stored (the key rendered with the template the item
 * was written with), compared as DynamoDB compares strings (by their UTF-8 bytes), equal keys in the order of the
 * partition values; a descending query returns the exact reverse. An index without a sort key thus returns the
 * partitions one after another. Limits, filters and offsets apply to the merged results.
 * <p>
 * A cursor at a result holds, for every partition, a {@link Position}: where reading up continues (after the
 * partition's last result below the cursor, from the partition's start, or nowhere when nothing is above) and
 * where reading down continues (before its first result above the cursor, from its end, or nowhere). Each
 * partition thus resumes from its own key, so paging through the merged results returns each exactly once, also
 * when items are written between pages; a partition read to its end is not read again by the cursor's pages.
 */
public final class PartitionMerge {

	private final QueryReads reads;

	private final CursorCodec cursorCodec;

	PartitionMerge(QueryReads reads, CursorCodec cursorCodec) {
		this.reads = reads;
		this.cursorCodec = cursorCodec;
	}

	/**
	 * Starts one page: {@code wanted} results, looking for one more with {@code peek}, each partition making at
	 * most {@code maxRequests} requests; a backward page merges the partitions read against the query's order and
	 * returns its results in the query's order.
	 */
	<T> Paging<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		return page(spec, cursor, wanted, peek, forward, this.cursorCodec);
	}

	/**
	 * Starts the page of a {@code first()}: one result, no peeking, no cursors (so no cursor secret is needed).
	 */
	<T> Paging<T> first(QuerySpec spec) {
		return page(spec, null, 1, false, true, CursorCodec.NONE);
	}

	private <T> Paging<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward,
			CursorCodec codec) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.ITEMS);
		List<CursorCodec.Scope> scopes = queries.stream().map(ResolvedQuery::cursors).toList();
		List<Position> start = (cursor != null) ? this.cursorCodec.decode(scopes, cursor)
				: fromTheStart(queries.size(), spec.ascending() == forward);
		Merge<T> merge = new Merge<>(this.reads, spec, queries, start, forward, cursor != null, true,
				(item) -> this.reads.read(spec, item));
		return new Paging<>(merge, scopes, wanted, peek, codec);
	}

	/**
	 * Starts the merge of every result, in the query's order, from the partitions' edges or from where an offset
	 * left them.
	 */
	public <T> Merge<T> stream(QuerySpec spec, @Nullable List<Position> start) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.ITEMS);
		return new Merge<>(this.reads, spec, queries, (start != null) ? start : fromTheStart(queries.size(),
				spec.ascending()), true, false, false, (item) -> this.reads.read(spec, item));
	}

	/** Starts the merge of the keys only, from the partitions' edges, for what an offset skips. */
	public Merge<Object> keys(QuerySpec spec) {
		List<ResolvedQuery> queries = resolve(spec, ResolvedQuery.Reading.KEYS);
		return new Merge<>(this.reads, spec, queries, fromTheStart(queries.size(), spec.ascending()), true, false,
				false, (item) -> (this.reads.readableOwner(spec, item) != null) ? Boolean.TRUE : null);
	}

	/** The position before every result when reading up ({@code ascending}) or down. */
	private static List<Position> fromTheStart(int partitions, boolean ascending) {
		return Collections.nCopies(partitions,
				ascending ? new Position(Bound.OPEN, Bound.DONE) : new Position(Bound.DONE, Bound.OPEN));
	}

	/** Resolves the query of each partition, in the order of the values. */
	private List<ResolvedQuery> resolve(QuerySpec spec, ResolvedQuery.Reading reading) {
		return spec.partitions()
			.stream()
			.map((partition) -> this.reads.resolve(spec.partition(partition), reading))
			.toList();
	}

	/**
	 * One page being merged. {@link #advance} takes results as long as every partition shows its next one; when it
	 * answers {@literal null}, the partitions of {@link #toRead} are read (each once, asking for
	 * {@link #remaining} results) and {@code advance} is called again.
	 */
	final class Paging<T> {

		private final Merge<T> merge;

		private final List<CursorCodec.Scope> scopes;

		private final CursorCodec codec;

		private final int wanted;

		private final boolean peek;

		private final long target;

		private final List<T> results;

		private List<PartitionSource<T>> toRead = List.of();

		Paging(Merge<T> merge, List<CursorCodec.Scope> scopes, int wanted, boolean peek, CursorCodec codec) {
			this.merge = merge;
			this.scopes = scopes;
			this.codec = codec;
			this.wanted = wanted;
			this.peek = peek;
			this.target = peek ? wanted + 1L : wanted;
			this.results = new ArrayList<>(Math.min(wanted, 1000));
		}

		/**
		 * Merges what was read.
		 * @return the page, or {@literal null} when the partitions of {@link #toRead} must be read first
		 */
		@Nullable QueryPage<T> advance() {
			Merge<T> merge = this.merge;
			while (true) {
				if (this.results.size() == this.wanted && (!this.peek || merge.anyBuffered())) {
					boolean more = merge.anyBuffered() || merge.anyUnread();
					return finish(more ? merge.at(this.wanted - 1) : null);
				}
				List<PartitionSource<T>> unknown = merge.unknown(merge.spec().maxRequests());
				if (unknown == null) {
					// a partition whose next result decides the order may make no more requests for this page
					return finish(merge.cut());
				}
				if (!unknown.isEmpty()) {
					this.toRead = unknown;
					return null;
				}
				PartitionSource<T> next = merge.next();
				if (next == null) {
					return finish(null);
				}
				if (this.results.size() == this.wanted) {
					return finish(merge.at(this.wanted - 1));
				}
				this.results.add(merge.take(next));
			}
		}

		/** The partitions to read before {@link #advance} can go on. */
		List<PartitionSource<T>> toRead() {
			return this.toRead;
		}

		/** How many results the reads ask for. */
		long remaining() {
			return this.target - this.results.size();
		}

		QuerySpec spec() {
			return this.merge.spec();
		}

		private QueryPage<T> finish(@Nullable List<Position> next) {
			CursorCodec codec = this.codec;
			List<CursorCodec.Scope> scopes = this.scopes;
			Merge<T> merge = this.merge;
			String nextCursor = (next != null) ? codec.encode(scopes, next) : null;
			List<T> results = this.results;
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

	}

	/**
	 * The merge of the partitions' results in one direction: the query's order ({@code forward}) or against it,
	 * up or down the merged order (sort key, then partition rank). On a page it logs which partition each result
	 * came from, for the cursors.
	 */
	public static final class Merge<T> {

		private final QuerySpec spec;

		final boolean forward;

		/** Whether the merge reads up the merged order (ascending sort keys). */
		private final boolean up;

		private final List<Position> start;

		/** The source of each partition, {@literal null} where the start position leaves nothing to read. */
		final List<@Nullable PartitionSource<T>> sources;

		private final boolean onPage;

		/** For each result taken (on a page), its partition and item. */
		private final List<PartitionSource.Hit<T>> taken = new ArrayList<>();

		Merge(QueryReads reads, QuerySpec spec, List<ResolvedQuery> queries, List<Position> start, boolean forward,
				boolean fromCursor, boolean onPage, Function<Map<String, AttributeValue>, @Nullable T> reader) {
			this.spec = spec;
			this.forward = forward;
			this.up = spec.ascending() == forward;
			this.start = start;
			this.onPage = onPage;
			List<@Nullable PartitionSource<T>> sources = new ArrayList<>(queries.size());
			for (int rank = 0; rank < queries.size(); rank++) {
				Bound from = reading(start.get(rank));
				sources.add(from.done() ? null : new PartitionSource<>(reads, rank, queries.get(rank), from,
						fromCursor, this.up, onPage, reader));
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
		 * The partitions whose next result is unknown (none read ahead, and more to read): each must be read
		 * ({@link PartitionSource#request}, {@link PartitionSource#accept}) before the merge knows what comes next.
		 * @param maxRequests the requests each partition may make
		 * @return the partitions, empty when every one shows its next result or has ended; {@literal null} when one
		 * to read has made {@code maxRequests} requests
		 */
		public @Nullable List<PartitionSource<T>> unknown(int maxRequests) {
			List<PartitionSource<T>> unknown = new ArrayList<>();
			for (PartitionSource<T> source : this.sources) {
				if (source != null && source.unknown()) {
					if (source.cost().requests() >= maxRequests) {
						return null;
					}
					unknown.add(source);
				}
			}
			return unknown;
		}

		/** The query merged. */
		public QuerySpec spec() {
			return this.spec;
		}

		/**
		 * Returns the partition whose next result comes next in the merged order, or {@literal null} when every
		 * partition has ended. Every partition must show its next result ({@link #unknown} finds none).
		 */
		public @Nullable PartitionSource<T> next() {
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

		/** Takes the next result of a partition ({@link #next}), logged for the cursors when on a page. */
		public T take(PartitionSource<T> source) {
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
		public List<Position> skipped() {
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
