package dev.singletable.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Runs a {@link QuerySpec}: pages (reading on until the page is full, over-fetching adaptively when filtering,
 * with a cursor at every result), streams and counts, all through {@link DynamoDbExecutor.Pages}. Each item is
 * read as the requested type that owns its {@code pk}; other types' items, history items and expired items are
 * skipped.
 */
final class QueryExecutor {

	private static final Log logger = LogFactory.getLog(QueryExecutor.class);

	private static final int MAX_REQUEST_LIMIT = 1000;

	private static final int MIN_FILTERED_REQUEST_LIMIT = 50;

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final CursorCodec cursorCodec;

	private final Timestamps timestamps;

	private final ParallelRequests parallel;

	QueryExecutor(DynamoDbExecutor executor, SingleTableConverter converter, CursorCodec cursorCodec,
			Timestamps timestamps, ParallelRequests parallel) {
		this.executor = executor;
		this.parallel = parallel;
		this.converter = converter;
		this.cursorCodec = cursorCodec;
		this.timestamps = timestamps;
	}

	/**
	 * Returns where queries are observed.
	 */
	Observations observations() {
		return this.executor.observations();
	}

	/**
	 * Resolves a specification against the mapping, for reading items or for counting.
	 */
	private ResolvedQuery resolve(QuerySpec spec, ResolvedQuery.Reading reading) {
		return ResolvedQuery.of(spec, this.converter, (pk) -> owner(spec, pk) != null, reading);
	}

	/**
	 * Reads one page: requests follow each other until {@code wanted} results are in, the results end or
	 * {@code maxRequests} requests were made. With {@code peek} the page looks for one result beyond the wanted
	 * ones (an unfiltered query simply asks DynamoDB for one item more), so that a page ending exactly at the
	 * last result carries no cursor to an empty page. A backward page reads against the query's order from the
	 * cursor and returns its results in the query's order.
	 */
	<T> QueryPage<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		ResolvedQuery query = resolve(spec, ResolvedQuery.Reading.ITEMS);
		CursorCodec codec = this.cursorCodec;
		Map<String, AttributeValue> start = (cursor != null) ? codec.decode(query.cursors(), cursor) : null;
		DynamoDbExecutor.Pages pages = this.executor.pages(start);
		long target = peek ? wanted + 1L : wanted;
		List<T> results = new ArrayList<>(Math.min(wanted, 1000));
		List<Map<String, AttributeValue>> keys = new ArrayList<>(Math.min(wanted, 1000));
		PageCost cost = new PageCost();
		double efficiency = 1.0 / 3;
		while (true) {
			long remaining = target - results.size();
			QueryRequest.Builder request = query.request(this.executor.getTableName(), query.filterExpression(), true)
				.scanIndexForward(spec.ascending() == forward)
				.limit((int) Math.min(Integer.MAX_VALUE, requestLimit(remaining, spec.filtering(), efficiency)))
				.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
			QueryResponse response = send(pages, request, cursor != null && cost.requests == 0);
			cost.add(response);
			int accepted = 0;
			List<Map<String, AttributeValue>> items = response.items();
			for (int i = 0; i < items.size(); i++) {
				Map<String, AttributeValue> item = items.get(i);
				T result = read(spec, item);
				if (result == null) {
					continue;
				}
				if (results.size() == wanted) {
					// a result follows the page: the page continues after its own last result
					return page(query, results, keys, keys.get(wanted - 1), forward, cost);
				}
				results.add(result);
				keys.add(CursorCodec.keyOf(query.cursors(), item));
				accepted++;
				if (!peek && results.size() == wanted) {
					boolean more = i < items.size() - 1 || pages.hasNext();
					return page(query, results, keys, more ? keys.get(wanted - 1) : null, forward, cost);
				}
			}
			Map<String, AttributeValue> startKey = pages.startKey();
			if (startKey == null || cost.requests >= spec.maxRequests()) {
				return page(query, results, keys, startKey, forward, cost);
			}
			efficiency = nextEfficiency(efficiency, accepted, items.size());
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
		return stream(spec, spec.offset());
	}

	private <T> Stream<T> stream(QuerySpec spec, long offset) {
		ResolvedQuery query = resolve(spec, ResolvedQuery.Reading.ITEMS);
		long skip = offset;
		Map<String, AttributeValue> start = null;
		if (skip > 0 && spec.predicate() == null) {
			start = this.executor.observations().observeQuery("query.stream", spec, () -> skipKeys(spec, offset));
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

		private double efficiency = 1.0 / 3;

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
					T result = read(this.spec, item);
					if (result != null) {
						results.add(result);
					}
				}
				this.efficiency = nextEfficiency(this.efficiency, results.size(), response.items().size());
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
				.observeQuery("query.stream", this.spec, () -> pages.next(request));
		}

		/**
		 * The next request, asking for what is still wanted when the stream is capped.
		 */
		private QueryRequest.Builder request(long wanted) {
			QueryRequest.Builder request = this.query
				.request(QueryExecutor.this.executor.getTableName(), this.query.filterExpression(), true)
				.scanIndexForward(this.spec.ascending());
			if (this.cap != Long.MAX_VALUE) {
				long limit = requestLimit(wanted, this.spec.filtering(), this.efficiency);
				request.limit((int) Math.min(MAX_REQUEST_LIMIT, limit));
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
		ResolvedQuery query = resolve(spec, ResolvedQuery.Reading.KEYS);
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		double efficiency = 1.0 / 3;
		long skipped = 0;
		while (pages.hasNext()) {
			QueryResponse response = pages.next(query
				.request(this.executor.getTableName(), query.filterExpression(), true)
				.scanIndexForward(spec.ascending())
				.limit((int) Math.min(MAX_REQUEST_LIMIT, requestLimit(count - skipped, spec.filtering(), efficiency))));
			int accepted = 0;
			for (Map<String, AttributeValue> item : response.items()) {
				if (readableOwner(spec, item) != null) {
					accepted++;
					if (++skipped == count) {
						return CursorCodec.keyOf(query.cursors(), item);
					}
				}
			}
			efficiency = nextEfficiency(efficiency, accepted, response.items().size());
		}
		return null;
	}

	/**
	 * Counts what reads return: with {@code Select COUNT} and the filter {@link QueryCounts} adds, or by reading
	 * where no filter can say what reads skip.
	 */
	long count(QuerySpec spec) {
		boolean hidesExpired = spec.types().values().stream().anyMatch(SingleTablePersistentEntity::isHideExpired);
		if (spec.predicate() != null || spec.limit() != null || (spec.mixed() && hidesExpired)) {
			return countByReading(spec);
		}
		ResolvedQuery query = resolve(spec, ResolvedQuery.Reading.COUNT);
		QueryCounts.Plan plan = QueryCounts.plan(query, this.timestamps.now());
		if (plan.byReading()) {
			return countByReading(spec);
		}
		long count = 0;
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		while (pages.hasNext()) {
			QueryResponse response = pages
				.next(query.request(this.executor.getTableName(), plan.filter(), false).select(Select.COUNT));
			count += (response.count() != null) ? response.count() : 0;
		}
		return count;
	}

	private long countByReading(QuerySpec spec) {
		try (Stream<Object> results = stream(spec, 0)) {
			return results.count();
		}
	}

	private <T> QueryPage<T> page(ResolvedQuery query, List<T> results, List<Map<String, AttributeValue>> keys,
			@Nullable Map<String, AttributeValue> next, boolean forward, PageCost cost) {
		CursorCodec codec = this.cursorCodec;
		String nextCursor = (next != null) ? codec.encode(query.cursors(), next) : null;
		if (!forward) {
			Collections.reverse(results);
			Collections.reverse(keys);
		}
		List<String> cursors = new AbstractList<>() {

			// signed only when asked for: most pages only need their next cursor
			@Override
			public String get(int index) {
				return codec.encode(query.cursors(), keys.get(index));
			}

			@Override
			public int size() {
				return keys.size();
			}

		};
		return new QueryPage<>(results, nextCursor, cost.requests, cost.scanned, cost.capacity, cursors);
	}

	/**
	 * What the requests of one page cost.
	 */
	private static final class PageCost {

		private int requests;

		private int scanned;

		private double capacity;

		void add(QueryResponse response) {
			this.requests++;
			this.scanned += (response.scannedCount() != null) ? response.scannedCount() : response.items().size();
			if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
				this.capacity += response.consumedCapacity().capacityUnits();
			}
		}

	}

	/**
	 * How many items to ask one {@code Query} for when {@code remaining} results are still wanted: that many
	 * without filters; with filters, enough to yield them at the share of items that recently passed (at least
	 * {@value #MIN_FILTERED_REQUEST_LIMIT}, at most {@value #MAX_REQUEST_LIMIT}).
	 */
	private static long requestLimit(long remaining, boolean filtering, double efficiency) {
		return filtering ? (long) Math.min(MAX_REQUEST_LIMIT,
				Math.max(MIN_FILTERED_REQUEST_LIMIT, Math.ceil(remaining / Math.max(efficiency, 0.02)))) : remaining;
	}

	/** The share of read items that passed the filters, smoothed over the requests made so far. */
	private static double nextEfficiency(double efficiency, int accepted, int read) {
		return 0.7 * efficiency + 0.3 * ((double) accepted / Math.max(1, read));
	}

	/**
	 * Reads the next page; the first one from a cursor reports a start key DynamoDB refuses as an invalid cursor.
	 */
	private static QueryResponse send(DynamoDbExecutor.Pages pages, QueryRequest.Builder request, boolean fromCursor) {
		try {
			return pages.next(request);
		}
		catch (RuntimeException ex) {
			String message = (ex.getCause() instanceof DynamoDbException dynamo && dynamo.awsErrorDetails() != null)
					? dynamo.awsErrorDetails().errorMessage() : null;
			if (fromCursor && message != null && message.toLowerCase().contains("start")) {
				throw new InvalidCursorException("it does not fit this query's key condition");
			}
			throw ex;
		}
	}

	/**
	 * Reads an item as the requested type owning it, if it is the latest copy, not expired and passes the
	 * predicate; else {@literal null}.
	 */
	@SuppressWarnings("unchecked")
	private <T> @Nullable T read(QuerySpec spec, Map<String, AttributeValue> item) {
		SingleTablePersistentEntity<?> entity = readableOwner(spec, item);
		if (entity == null) {
			return null;
		}
		Object result = this.converter.read(entity.getType(), item);
		return (spec.predicate() == null || spec.predicate().test(result)) ? (T) result : null;
	}

	/**
	 * The requested type a read returns an item as, or {@literal null} when reads skip it (another type's item,
	 * a version history item, an expired item of a type that hides them). Needs only the keys and TTL attribute.
	 */
	private @Nullable SingleTablePersistentEntity<?> readableOwner(QuerySpec spec, Map<String, AttributeValue> item) {
		AttributeValue pk = item.get(ItemAttributes.PK);
		if (pk == null || pk.s() == null) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = owner(spec, pk.s());
		if (entity == null) {
			if (spec.mixed() && logger.isDebugEnabled()) {
				logger.debug("Skipping item " + pk.s() + ": it belongs to none of the requested types");
			}
			return null;
		}
		if (entity.isVersioned()) {
			AttributeValue sk = item.get(ItemAttributes.SK);
			if (sk == null || !"v0".equals(sk.s())) {
				return null;
			}
		}
		return Expiry.isExpired(entity, item, this.timestamps.now()) ? null : entity;
	}

	/** The requested type that owns a partition key, as the mapping context resolves it, else {@literal null}. */
	private @Nullable SingleTablePersistentEntity<?> owner(QuerySpec spec, String pk) {
		SingleTablePersistentEntity<?> owner = this.converter.getMappingContext().getOwningEntity(pk);
		SingleTablePersistentEntity<?> requested = (owner != null) ? spec.types().get(owner.getPrefix()) : null;
		return (requested != null && requested.getType() == owner.getType()) ? requested : null;
	}

}
