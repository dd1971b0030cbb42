package dev.singletable.core.internal.query.run;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.PartitionMerge;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QueryReads;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.query.ResultBatches;
import dev.singletable.core.internal.query.StreamReading;
import dev.singletable.core.query.QueryPage;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs a {@link QuerySpec} on the reactive driver, as {@link QueryExecutor} does on the blocking one and with the
 * same plans ({@link QueryPlans}): pages of one partition or several, the first result, counts, and the pages of a
 * stream; their cursors are made with the same {@link CursorCodec} (its keys made known by the page's plan, the
 * table's secret read on the reactive driver). Only the sending differs: each plan is a {@link Mono} of the {@link ReactiveDriver},
 * never blocking a thread. {@link #all} reads by demand ({@link DemandReader}): each subscriber request sizes the
 * next {@code Query}, which the blocking stream cannot know; each page is observed as the blocking stream's are
 * ({@code query.stream}), in the subscriber's Reactor context. A stream pulls the same {@link ResultBatches} as the blocking
 * one, of one partition or of several merged by the same {@link PartitionMerge}, as the same {@link StreamReading}
 * says: it starts past its offset as the blocking stream does, and only the demand differs.
 */
public final class ReactiveQueryExecutor {

	private final QueryPlans plans;

	private final ReactiveDriver driver;

	private final QueryDriftCheck drift;

	/**
	 * Creates the executor of a template's queries.
	 * @param driver the driver the reads' plans run on
	 * @param plans the template's query plans ({@code TemplateAssembly.queryPlans})
	 * @param drift what a query consults before reading an index
	 */
	public ReactiveQueryExecutor(ReactiveDriver driver, QueryPlans plans, QueryDriftCheck drift) {
		this.driver = driver;
		this.plans = plans;
		this.drift = drift;
	}

	/**
	 * Reads one page, as {@link QueryExecutor#page} does: its plan makes the cursor keys known first (the table's
	 * secret read on this driver, without blocking, on first use).
	 * @param spec the query
	 * @param cursor the cursor the page continues from, or {@literal null} for the first page
	 * @param wanted the number of results
	 * @param peek whether to look for one result beyond the wanted ones
	 * @param forward whether the page reads in the query's order (else it is the page before the cursor)
	 * @return the page
	 */
	public <T> Mono<QueryPage<T>> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek,
			boolean forward) {
		return Mono.defer(() -> {
			this.drift.check(spec);
			return this.driver.run(this.plans.<T>page(spec, cursor, wanted, peek, forward));
		});
	}

	/**
	 * Reads the first result.
	 * @param spec the query
	 * @return the first result, or empty
	 */
	public <T> Mono<T> first(QuerySpec spec) {
		// as the blocking first(): no cursors, so no cursor secret to read
		return Mono.<QueryPage<T>>defer(() -> {
			this.drift.check(spec);
			return this.driver.run(this.plans.first(spec));
		})
			.flatMap((page) -> page.items().isEmpty() ? Mono.empty() : Mono.just(page.items().get(0)));
	}

	/**
	 * Reads every result after the {@link QuerySpec#offset() offset}, driven by demand ({@link DemandReader}),
	 * started as the blocking stream is ({@link StreamReading#start}).
	 * @param spec the query
	 * @return the results
	 */
	public <T> Flux<T> all(QuerySpec spec) {
		return read(spec, spec.offset());
	}

	private <T> Flux<T> read(QuerySpec spec, long offset) {
		return Flux.defer(() -> {
			this.drift.check(spec);
			Mono<StreamReading<T>> start = run(spec, StreamReading.start(this.plans, spec, offset));
			return start.flatMapMany((reading) -> {
				Flux<T> results = Flux.create((sink) -> new DemandReader<>(spec, reading, sink).start());
				// the results the offset still drops were read (and counted against the cap) by the reader
				return (reading.skip() > 0) ? results.skip(reading.skip()) : results;
			});
		});
	}

	/**
	 * Runs a step of a stream (its start, a batch) when subscribed, as {@link QueryExecutor} does: observed as
	 * {@code query.stream} in the subscriber's context when it sends requests ({@link StreamReading.Read#reads()}),
	 * else as it is.
	 */
	private <R> Mono<R> run(QuerySpec spec, StreamReading.Read<R> step) {
		Mono<R> run = this.driver.run(step.plan());
		return step.reads() ? observations().observeQuery("query.stream", spec, run) : run;
	}

	/**
	 * Counts what reads return, as {@link QueryExecutor#count} does: with {@code Select COUNT} where
	 * {@link QueryPlans#countBySelect} plans it, else by reading every result.
	 * @param spec the query
	 * @return the number of results
	 */
	public Mono<Long> count(QuerySpec spec) {
		return Mono.defer(() -> {
			this.drift.check(spec);
			Step<Long> count = this.plans.countBySelect(spec);
			return (count != null) ? this.driver.run(count) : read(spec, 0).count();
		});
	}

	/**
	 * Returns where the queries are observed.
	 */
	public ReactiveObservations observations() {
		return this.driver.executor().observations();
	}

	/**
	 * Reads a query's {@link StreamReading} (of one partition or several merged) into a {@link FluxSink} by demand.
	 * Each request of the subscriber is one signal of a unicast sink, and {@code concatMap} takes them one at a
	 * time: for each, the reader pulls the next batch while results are still wanted — what the subscriber asked for
	 * so far beyond what was emitted, within the cap (the {@link QuerySpec#limit() limit}) — so that one request (or
	 * one round of the merged partitions' requests, side by side) is in flight at a time and each is sized by the
	 * demand known when it is sent: the smaller of the outstanding demand and the rest of the limit, over-fetching
	 * when filters drop results as a capped blocking stream does ({@link QueryReads#requestLimit}); only when neither
	 * bounds it does DynamoDB fill a whole page (up to 1 MB). Results a filtered page yields beyond the demand wait in
	 * the sink's buffer and count against the next demand. Cancelling disposes the reading, and with it the request
	 * in flight.
	 */
	private final class DemandReader<T> {

		private final QuerySpec spec;

		private final StreamReading<T> reading;

		private final FluxSink<T> sink;

		/**
		 * With the reading (and the demand it keeps), read and written only in the steps, which {@code concatMap}
		 * runs one after another.
		 */
		private boolean done;

		DemandReader(QuerySpec spec, StreamReading<T> reading, FluxSink<T> sink) {
			this.spec = spec;
			this.reading = reading;
			this.sink = sink;
		}

		void start() {
			Sinks.Many<Long> requests = Sinks.many().unicast().onBackpressureBuffer();
			Disposable reading = requests.asFlux()
				.concatMap((n) -> {
					this.reading.request(n);
					return Mono.defer(this::next)
						.repeat(() -> !this.done && !this.sink.isCancelled() && this.reading.wanted() > 0);
				})
				.contextWrite(this.sink.contextView())
				.subscribe(null, this::failed);
			this.sink.onDispose(reading);
			// the subscriber's requests are serial (Reactive Streams 2.7): one emission at a time
			this.sink.onRequest((n) -> requests.emitNext(n, Sinks.EmitFailureHandler.FAIL_FAST));
		}

		private Mono<Void> next() {
			if (this.done || this.sink.isCancelled()) {
				return Mono.empty();
			}
			if (!this.reading.hasNext()) {
				complete();
				return Mono.empty();
			}
			if (this.reading.wanted() <= 0) {
				return Mono.empty();
			}
			return run(this.spec, this.reading.next()).doOnNext(this::received).then();
		}

		private void received(List<T> results) {
			this.reading.take(results).forEach(this.sink::next);
			if (!this.reading.hasNext()) {
				complete();
			}
		}

		private void complete() {
			this.done = true;
			this.sink.complete();
		}

		private void failed(Throwable ex) {
			this.done = true;
			this.sink.error(ex);
		}

	}

}
