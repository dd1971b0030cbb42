package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.Observations;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Runs a {@link QuerySpec}: pages (reading on until the page is full, over-fetching adaptively when filtering,
 * with a cursor at every result), streams and counts, all through {@link DynamoDbExecutor.Pages}. Each item is
 * read as the requested type that owns its {@code pk}; other types' items, history items and expired items are
 * skipped ({@link QueryReads}). A query over several partitions is read by {@link MergedPartitions}; its count
 * adds up theirs. Before reading, a query of an index passes the template's {@link QueryDriftCheck}.
 */
public final class QueryExecutor {

	private final QueryReads reads;

	private final DynamoDbExecutor executor;

	private final CursorCodec cursorCodec;

	private final Timestamps timestamps;

	private final ParallelRequests parallel;

	private final MergedPartitions merged;

	private final QueryDriftCheck drift;

	public QueryExecutor(DynamoDbExecutor executor, SingleTableConverter converter, CursorCodec cursorCodec,
			Timestamps timestamps, ParallelRequests parallel) {
		this(executor, converter, cursorCodec, timestamps, parallel, new QueryDriftCheck());
	}

	public QueryExecutor(DynamoDbExecutor executor, SingleTableConverter converter, CursorCodec cursorCodec,
			Timestamps timestamps, ParallelRequests parallel, QueryDriftCheck drift) {
		this.drift = drift;
		this.reads = new QueryReads(executor.getTableName(), converter, timestamps);
		this.executor = executor;
		this.parallel = parallel;
		this.cursorCodec = cursorCodec;
		this.timestamps = timestamps;
		this.merged = new MergedPartitions(this.reads, executor, cursorCodec, parallel);
	}

	/**
	 * Returns where queries are observed.
	 */
	Observations observations() {
		return this.executor.observations();
	}

	/**
	 * Reads one page ({@link PageRead}): requests follow each other until {@code wanted} results are in, the
	 * results end or {@code maxRequests} requests were made; with {@code peek} the page looks for one result
	 * beyond the wanted ones; a backward page reads against the query's order.
	 */
	<T> QueryPage<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		this.drift.check(spec);
		if (spec.merged()) {
			return this.merged.page(spec, cursor, wanted, peek, forward);
		}
		return read(new PageRead<>(this.reads, this.cursorCodec, spec, wanted, peek, forward), cursor);
	}

	/**
	 * Reads the page of a {@code first()}: one result, without peeking and without cursors, so that it needs no
	 * cursor secret (and never reads the table's).
	 */
	<T> QueryPage<T> first(QuerySpec spec) {
		this.drift.check(spec);
		if (spec.merged()) {
			return this.merged.first(spec);
		}
		return read(new PageRead<>(this.reads, CursorCodec.NONE, spec, 1, false, true), null);
	}

	private <T> QueryPage<T> read(PageRead<T> read, @Nullable String cursor) {
		DynamoDbExecutor.Pages pages = this.executor.pages(read.start(cursor));
		while (true) {
			QueryPage<T> page = read.add(QueryReads.send(pages, read.request(), cursor != null && read.first()));
			if (page != null) {
				return page;
			}
		}
	}

	/**
	 * Streams by following {@code LastEvaluatedKey} from one {@code Query} to the next. Without a result cap,
	 * each request lets DynamoDB fill a whole page (up to 1 MB), so a long stream takes as few round trips as
	 * possible while memory stays bounded by two pages (the one consumed and the one read ahead). With a cap,
	 * requests ask for what is still wanted (over-fetching adaptively when filters drop results), so nothing
	 * beyond the cap is paid for. An
	 * {@link QuerySpec#offset() offset} is read past {@link #skipKeys keys only} unless a predicate needs the
	 * results themselves; then they are read and dropped. While the caller consumes a page, the next one is fetched
	 * ahead ({@link StreamReader}); closing the stream gives that fetch up.
	 */
	<T> Stream<T> stream(QuerySpec spec) {
		this.drift.check(spec);
		return stream(spec, spec.offset());
	}

	private <T> Stream<T> stream(QuerySpec spec, long offset) {
		if (spec.merged()) {
			return this.merged.stream(spec, offset);
		}
		ResolvedQuery query = this.reads.resolve(spec, ResolvedQuery.Reading.ITEMS);
		long skip = offset;
		Map<String, AttributeValue> start = null;
		if (skip > 0 && spec.predicate() == null) {
			start = this.executor.observations().observeQuery("query.stream", spec.types().values(), spec.index(),
						() -> skipKeys(spec, offset));
			if (start == null) {
				return Stream.empty();
			}
			skip = 0;
		}
		long cap = (spec.limit() != null) ? spec.limit() + skip : Long.MAX_VALUE;
		StreamReader<T> reader = new StreamReader<>(spec, query, start, cap);
		Stream<T> results = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(reader::close);
		return (skip > 0) ? results.skip(skip) : results;
	}

	/**
	 * The pages of a stream, read one ahead: as soon as a page has arrived and before its items are read, the
	 * next page's request is started on a helper thread ({@link ParallelRequests#ahead}), so it travels while the
	 * caller consumes this page. At most one page is read ahead: the next fetch starts only once the caller has
	 * reached the page it prefetched. With a cap, the fetch ahead starts only after the page's results are counted
	 * and only when they leave the cap unreached, with the request the sequential reader would send then, so no
	 * request goes past the cap and the requests are the same as without prefetching. A failed fetch ahead is
	 * thrown to the caller when it reaches that page; closing the stream cancels a fetch in flight. A stream
	 * abandoned unclosed before its end may have read one page it never returns.
	 */
	private final class StreamReader<T> implements Iterator<T> {

		private final QuerySpec spec;

		private final ResolvedQuery query;

		private final long cap;

		private final DynamoDbExecutor.Pages pages;

		private Iterator<T> current = Collections.emptyIterator();

		private ParallelRequests.@Nullable Ahead<QueryResponse> ahead;

		private long returned;

		private double efficiency = QueryReads.INITIAL_EFFICIENCY;

		private boolean closed;

		StreamReader(QuerySpec spec, ResolvedQuery query, @Nullable Map<String, AttributeValue> startKey, long cap) {
			this.spec = spec;
			this.query = query;
			this.pages = QueryExecutor.this.executor.pages(startKey);
			this.cap = cap;
		}

		@Override
		public boolean hasNext() {
			while (!this.current.hasNext()) {
				if (this.closed || this.returned >= this.cap) {
					return false;
				}
				QueryResponse response;
				if (this.ahead != null) {
					ParallelRequests.Ahead<QueryResponse> fetched = this.ahead;
					this.ahead = null;
					response = fetched.get();
				}
				else if (this.pages.hasNext()) {
					response = fetch(this.pages, request(this.cap - this.returned));
				}
				else {
					return false;
				}
				if (this.cap == Long.MAX_VALUE) {
					fetchAhead(Long.MAX_VALUE);
				}
				List<T> results = new ArrayList<>(response.items().size());
				for (Map<String, AttributeValue> item : response.items()) {
					T result = QueryExecutor.this.reads.read(this.spec, item);
					if (result != null) {
						results.add(result);
					}
				}
				this.efficiency = QueryReads.nextEfficiency(this.efficiency, results.size(), response.items().size());
				if (this.cap != Long.MAX_VALUE) {
					fetchAhead(this.cap - this.returned - results.size());
				}
				this.current = results.iterator();
			}
			return this.returned < this.cap;
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			this.returned++;
			return this.current.next();
		}

		/**
		 * Starts fetching the next page, if there is one and results are still wanted after this page's.
		 */
		private void fetchAhead(long wanted) {
			if (wanted > 0 && this.pages.hasNext()) {
				QueryRequest.Builder request = request(wanted);
				DynamoDbExecutor.Pages pages = this.pages;
				this.ahead = QueryExecutor.this.parallel.ahead(() -> fetch(pages, request));
			}
		}

		/**
		 * Reads a page, observed as one step of the stream on the thread that reads it.
		 */
		private QueryResponse fetch(DynamoDbExecutor.Pages pages, QueryRequest.Builder request) {
			return QueryExecutor.this.executor.observations()
				.observeQuery("query.stream", this.spec.types().values(), this.spec.index(), () -> pages.next(request));
		}

		/**
		 * The next request, asking for what is still wanted when the stream is capped.
		 */
		private QueryRequest.Builder request(long wanted) {
			QueryRequest.Builder request = QueryExecutor.this.reads.request(this.query, this.spec.ascending());
			if (this.cap != Long.MAX_VALUE) {
				long limit = QueryReads.requestLimit(wanted, this.spec.filtering(), this.efficiency);
				request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT, limit));
			}
			return request;
		}

		/**
		 * Ends the stream, giving up a fetch ahead in flight.
		 */
		void close() {
			this.closed = true;
			this.current = Collections.emptyIterator();
			if (this.ahead != null) {
				this.ahead.cancel();
				this.ahead = null;
			}
		}

	}

	/**
	 * Reads past the first {@code count} results with the query's own requests, projected to the
	 * {@link ResolvedQuery.Reading#KEYS keys}: enough to tell which items reads return, without transferring or
	 * converting them.
	 * @return the key of the last skipped result, which reading continues after, or {@literal null} when there
	 * are no more results than that
	 */
	private @Nullable Map<String, AttributeValue> skipKeys(QuerySpec spec, long count) {
		ResolvedQuery query = this.reads.resolve(spec, ResolvedQuery.Reading.KEYS);
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		double efficiency = QueryReads.INITIAL_EFFICIENCY;
		long skipped = 0;
		while (pages.hasNext()) {
			QueryResponse response = pages.next(this.reads.request(query, spec.ascending())
				.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
						QueryReads.requestLimit(count - skipped, spec.filtering(), efficiency))));
			int accepted = 0;
			for (Map<String, AttributeValue> item : response.items()) {
				if (this.reads.readableOwner(spec, item) != null) {
					accepted++;
					if (++skipped == count) {
						return CursorCodec.keyOf(query.cursors(), item);
					}
				}
			}
			efficiency = QueryReads.nextEfficiency(efficiency, accepted, response.items().size());
		}
		return null;
	}

	/**
	 * Counts what reads return: with {@code Select COUNT} and the filter {@link QueryCounts} adds, or by reading
	 * where no filter can say what reads skip.
	 */
	long count(QuerySpec spec) {
		this.drift.check(spec);
		return countChecked(spec);
	}

	private long countChecked(QuerySpec spec) {
		if (spec.merged()) {
			List<Long> counts = this.parallel.runAll(spec.key()
				.partitions()
				.stream()
				.map((partition) -> (Supplier<Long>) () -> countChecked(spec.partition(partition)))
				.toList());
			long count = counts.stream().mapToLong(Long::longValue).sum();
			return (spec.limit() != null) ? Math.min(count, spec.limit()) : count;
		}
		QueryRequest request = this.reads.countRequest(spec);
		if (request == null) {
			return countByReading(spec);
		}
		long count = 0;
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		while (pages.hasNext()) {
			QueryResponse response = pages.next(request.toBuilder());
			count += (response.count() != null) ? response.count() : 0;
		}
		return count;
	}

	private long countByReading(QuerySpec spec) {
		try (Stream<Object> results = stream(spec, 0)) {
			return results.count();
		}
	}

}
