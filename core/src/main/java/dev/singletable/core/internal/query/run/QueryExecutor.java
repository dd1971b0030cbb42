package dev.singletable.core.internal.query.run;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
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
		StreamReading<T> reading = run(spec, StreamReading.start(this.plans, spec, offset));
		reading.request(Long.MAX_VALUE);
		// a merged stream reads its partitions side by side already: no page ahead
		StreamReader<T> reader = new StreamReader<>(spec, reading, !spec.merged());
		Stream<T> results = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(reader::close);
		return (reading.skip() > 0) ? results.skip(reading.skip()) : results;
	}

	/**
	 * Runs a step of a stream (its start, a batch) on the thread that calls this: observed as {@code query.stream}
	 * when it sends requests ({@link StreamReading.Read#reads()}), else as it is.
	 */
	private <R> @Nullable R run(QuerySpec spec, StreamReading.Read<R> step) {
		if (!step.reads()) {
			return this.driver.run(step.plan());
		}
		return observations().observeQuery("query.stream", spec, () -> this.driver.run(step.plan()));
	}

	/**
	 * The batches of a stream ({@link StreamReading}), those of one partition read one ahead: as soon as a page has
	 * arrived and been read, the next page's request is started on a helper thread ({@link ParallelRequests#ahead}),
	 * so it travels while the caller consumes this page. At most one page is read ahead: the next fetch starts only
	 * once the caller has reached the page it prefetched. With a cap, the fetch ahead starts only when the page's
	 * results leave the cap unreached, with the request the sequential reader would send then, so no request goes
	 * past the cap and the requests are the same as without prefetching. The first batch, and every batch of a
	 * reader that does not read ahead, is read when the caller reaches it, on its thread.
	 * A failed fetch ahead is thrown to the caller when it reaches that page; closing the stream cancels a fetch in
	 * flight. A stream abandoned unclosed before its end may have read one page it never returns.
	 */
	private final class StreamReader<T> implements Iterator<T> {

		private final QuerySpec spec;

		private final StreamReading<T> reading;

		private final boolean readAhead;

		private Iterator<T> current = Collections.emptyIterator();

		/** The next batch, started ahead or read when reached; {@literal null} when none is left or once closed. */
		private ParallelRequests.@Nullable Ahead<List<T>> next;

		StreamReader(QuerySpec spec, StreamReading<T> reading, boolean readAhead) {
			this.spec = spec;
			this.reading = reading;
			this.readAhead = readAhead;
			this.next = next(false);
		}

		@Override
		public boolean hasNext() {
			while (!this.current.hasNext()) {
				ParallelRequests.Ahead<List<T>> batch = this.next;
				if (batch == null) {
					return false;
				}
				this.next = null;
				this.current = this.reading.take(batch.get()).iterator();
				this.next = next(this.readAhead);
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
		 * The next batch of the reading, if any: started on a helper thread when {@code ahead}, else read when
		 * asked, on the thread that asks, observed there when it sends requests.
		 */
		private ParallelRequests.@Nullable Ahead<List<T>> next(boolean ahead) {
			if (!this.reading.hasNext()) {
				return null;
			}
			StreamReading.Read<List<T>> batch = this.reading.next();
			Supplier<List<T>> fetch = () -> run(this.spec, batch);
			return QueryExecutor.this.parallel.ahead(fetch, ahead);
		}

		/**
		 * Ends the stream, giving up a fetch ahead in flight.
		 */
		void close() {
			this.current = Collections.emptyIterator();
			if (this.next != null) {
				this.next.cancel();
				this.next = null;
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
