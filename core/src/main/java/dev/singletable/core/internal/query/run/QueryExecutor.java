package dev.singletable.core.internal.query.run;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.Observations;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QueryReads;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.query.ResultBatches;
import dev.singletable.core.internal.query.StreamReading;
import dev.singletable.core.query.QueryPage;

/**
 * Runs a {@link QuerySpec} on the blocking driver: pages (reading on until the page is full, over-fetching
 * adaptively when filtering, with a cursor at every result), streams and counts, all planned by {@link QueryPlans}
 * as the reactive executor's are. Each item is read as the requested type that owns its {@code pk}; other types'
 * items, history items and expired items are skipped ({@link QueryReads}). A stream pulls the
 * {@link ResultBatches} of one partition or of several merged, which the plans decide, as its
 * {@link StreamReading} says (where it starts, what it asks for, where its cap ends it), the same as the reactive
 * executor's; a count is the plans' too ({@link QueryPlans#countBySelect}). Before reading, a query of an index
 * passes the template's {@link QueryDriftCheck}.
 */
public final class QueryExecutor {

	private final QueryPlans plans;

	private final BlockingDriver driver;

	private final ParallelRequests parallel;

	private final QueryDriftCheck drift;

	/**
	 * Creates the executor of a template's queries.
	 * @param driver the driver the reads' plans run on (sending the requests of one step side by side)
	 * @param plans the template's query plans ({@code TemplateAssembly.queryPlans})
	 * @param parallel where a stream's next page is read ahead and a merged count's partitions side by side
	 * @param drift what a query consults before reading an index
	 */
	public QueryExecutor(BlockingDriver driver, QueryPlans plans, ParallelRequests parallel, QueryDriftCheck drift) {
		this.driver = driver;
		this.plans = plans;
		this.parallel = parallel;
		this.drift = drift;
	}

	/**
	 * Returns where queries are observed.
	 */
	Observations observations() {
		return this.driver.executor().observations();
	}

	/**
	 * Reads one page ({@link QueryPlans#page}).
	 */
	<T> QueryPage<T> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		this.drift.check(spec);
		return this.driver.run(this.plans.page(spec, cursor, wanted, peek, forward));
	}

	/**
	 * Reads the page of a {@code first()} ({@link QueryPlans#first}): no cursor secret needed.
	 */
	<T> QueryPage<T> first(QuerySpec spec) {
		this.drift.check(spec);
		return this.driver.run(this.plans.first(spec));
	}

	/**
	 * Streams by following {@code LastEvaluatedKey} from one {@code Query} to the next. Without a result cap,
	 * each request lets DynamoDB fill a whole page (up to 1 MB), so a long stream takes as few round trips as
	 * possible while memory stays bounded by two pages (the one consumed and the one read ahead). With a cap,
	 * requests ask for what is still wanted (over-fetching adaptively when filters drop results), so nothing
	 * beyond the cap is paid for. An {@link QuerySpec#offset() offset} is read past {@link QueryPlans#skipKeys keys
	 * only} unless a predicate needs the results themselves; then they are read and dropped. While the caller
	 * consumes a page, the next one is fetched ahead ({@link StreamReader}); closing the stream gives that fetch up.
	 */
	<T> Stream<T> stream(QuerySpec spec) {
		this.drift.check(spec);
		return stream(spec, spec.offset());
	}

	private <T> Stream<T> stream(QuerySpec spec, long offset) {
		Step<StreamReading<T>> start = StreamReading.start(this.plans, spec, offset);
		StreamReading<T> reading = StreamReading.startReads(spec, offset)
				? observations().observeQuery("query.stream", spec.types().values(), spec.index(),
						() -> this.driver.run(start))
				: this.driver.run(start);
		reading.request(Long.MAX_VALUE);
		// a merged stream reads its partitions side by side already: no page ahead
		StreamReader<T> reader = new StreamReader<>(spec, reading, !spec.merged());
		Stream<T> results = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(reader::close);
		return (reading.skip() > 0) ? results.skip(reading.skip()) : results;
	}

	/**
	 * The batches of a stream ({@link StreamReading}), those of one partition read one ahead: as soon as a page has
	 * arrived and been read, the next page's request is started on a helper thread ({@link ParallelRequests#ahead}),
	 * so it travels while the caller consumes this page. At most one page is read ahead: the next fetch starts only
	 * once the caller has reached the page it prefetched. With a cap, the fetch ahead starts only when the page's
	 * results leave the cap unreached, with the request the sequential reader would send then, so no request goes
	 * past the cap and the requests are the same as without prefetching. A failed fetch ahead is thrown to the
	 * caller when it reaches that page; closing the stream cancels a fetch in flight. A stream abandoned unclosed
	 * before its end may have read one page it never returns.
	 */
	private final class StreamReader<T> implements Iterator<T> {

		private final QuerySpec spec;

		private final StreamReading<T> reading;

		private final boolean readAhead;

		private Iterator<T> current = Collections.emptyIterator();

		private ParallelRequests.@Nullable Ahead<List<T>> ahead;

		private boolean closed;

		StreamReader(QuerySpec spec, StreamReading<T> reading, boolean readAhead) {
			this.spec = spec;
			this.reading = reading;
			this.readAhead = readAhead;
		}

		@Override
		public boolean hasNext() {
			while (!this.current.hasNext()) {
				if (this.closed) {
					return false;
				}
				List<T> results;
				if (this.ahead != null) {
					ParallelRequests.Ahead<List<T>> fetched = this.ahead;
					this.ahead = null;
					results = fetched.get();
				}
				else if (this.reading.hasNext()) {
					results = fetch(this.reading.next());
				}
				else {
					return false;
				}
				this.current = this.reading.take(results).iterator();
				if (this.readAhead && this.reading.hasNext()) {
					Step<List<T>> page = this.reading.next();
					this.ahead = QueryExecutor.this.parallel.ahead(() -> fetch(page));
				}
			}
			return true;
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.current.next();
		}

		/**
		 * Reads a batch, observed as one step of the stream on the thread that reads it when it sends requests.
		 */
		private List<T> fetch(Step<List<T>> batch) {
			if (!this.reading.reads()) {
				return QueryExecutor.this.driver.run(batch);
			}
			return observations().observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
					() -> QueryExecutor.this.driver.run(batch));
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
	 * Counts what reads return: with {@code Select COUNT} where {@link QueryPlans#countBySelect} plans it (the
	 * partitions of a merged query side by side), else by reading every result.
	 */
	long count(QuerySpec spec) {
		this.drift.check(spec);
		Step<Long> count = this.plans.countBySelect(spec);
		if (count == null) {
			try (Stream<Object> results = stream(spec, 0)) {
				return results.count();
			}
		}
		Long counted = this.driver.run(count);
		return (counted != null) ? counted : 0;
	}

}
