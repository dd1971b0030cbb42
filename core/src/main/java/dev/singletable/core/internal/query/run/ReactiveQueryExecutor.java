package dev.singletable.core.internal.query.run;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.PartitionMerge;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QueryReads;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.query.ResultBatches;
import dev.singletable.core.query.QueryPage;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Runs a {@link QuerySpec} on the reactive driver, as {@link QueryExecutor} does on the blocking one and with the
 * same plans ({@link QueryPlans}): pages of one partition or several, the first result, counts, and the pages of a
 * stream; their cursors are made with the same {@link CursorCodec} (its keys known first,
 * {@link ReactiveCursorSecrets}). Only the sending differs: each plan is a {@link Mono} of the {@link ReactiveDriver},
 * never blocking a thread. {@link #all} reads by demand ({@link DemandReader}): each subscriber request sizes the
 * next {@code Query}, which the blocking stream cannot know; each page is observed as the blocking stream's are
 * ({@code query.stream}), in the subscriber's Reactor context. A stream pulls the same {@link ResultBatches} as the blocking
 * one, of one partition or of several merged by the same {@link PartitionMerge}.
 */
public final class ReactiveQueryExecutor {

	private final QueryPlans plans;

	private final ReactiveDriver driver;

	private final ReactiveCursorSecrets cursorSecrets;

	private final QueryDriftCheck drift;

	/**
	 * @param facts where the blob attributes of the latest items read are recorded (see {@link QueryReads}),
	 * {@literal null} for nowhere
	 */
	public ReactiveQueryExecutor(ReactiveDriver driver, SingleTableConverter converter,
			ReactiveCursorSecrets cursorSecrets, Timestamps timestamps, QueryDriftCheck drift,
			@Nullable KnownBlobFacts facts) {
		this.plans = new QueryPlans(new QueryReads(driver.executor().getTableName(), converter, timestamps, facts),
				cursorSecrets.codec());
		this.driver = driver;
		this.cursorSecrets = cursorSecrets;
		this.drift = drift;
	}

	/**
	 * Reads one page, as {@link QueryExecutor#page} does, once the cursor keys are known
	 * ({@link ReactiveCursorSecrets#ready()}: the table's secret is read without blocking on first use).
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
			check(spec);
			return this.cursorSecrets.ready()
				.then(this.driver.run(Step.defer(() -> this.plans.<T>page(spec, cursor, wanted, peek, forward))));
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
			check(spec);
			return this.driver.run(this.plans.first(spec));
		})
			.flatMap((page) -> page.items().isEmpty() ? Mono.empty() : Mono.just(page.items().get(0)));
	}

	/**
	 * Reads every result after the {@link QuerySpec#offset() offset}, driven by demand ({@link DemandReader}).
	 * @param spec the query
	 * @return the results
	 */
	public <T> Flux<T> all(QuerySpec spec) {
		Flux<T> results = read(spec, spec.offset());
		// the skipped results were read (and counted against the cap) by the reader
		return (spec.offset() > 0) ? results.skip(spec.offset()) : results;
	}

	private <T> Flux<T> read(QuerySpec spec, long offset) {
		return Flux.defer(() -> {
			check(spec);
			long cap = (spec.limit() != null) ? spec.limit() + offset : Long.MAX_VALUE;
			ResultBatches<T> batches = this.plans.batches(spec);
			return Flux.<T>create((sink) -> new DemandReader<>(spec, batches, cap, sink).start());
		});
	}

	/**
	 * Counts what reads return, as {@link QueryExecutor#count} does: {@code Select COUNT} where
	 * {@link QueryReads#countRequest} plans one, else by reading every result.
	 * @param spec the query
	 * @return the number of results
	 */
	public Mono<Long> count(QuerySpec spec) {
		return Mono.defer(() -> {
			check(spec);
			if (spec.merged()) {
				// as the blocking count: each partition counted on its own, side by side, capped by the limit
				return Flux.fromIterable(spec.partitions())
					.flatMap((partition) -> count(spec.partition(partition)))
					.reduce(0L, Long::sum)
					.map((count) -> (spec.limit() != null) ? Math.min(count, spec.limit()) : count);
			}
			QueryRequest request = this.plans.reads().countRequest(spec);
			if (request == null) {
				return read(spec, 0).count();
			}
			return this.driver.run(QueryPlans.count(request));
		});
	}

	/**
	 * Returns where the queries are observed.
	 */
	public ReactiveObservations observations() {
		return this.driver.executor().observations();
	}

	private void check(QuerySpec spec) {
		this.drift.check(spec);
	}

	/**
	 * Reads a query's {@link ResultBatches} (of one partition or several merged) into a {@link FluxSink} by demand.
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

		private final ResultBatches<T> batches;

		private final long cap;

		private final FluxSink<T> sink;

		/**
		 * What the subscriber asked for so far, {@link Long#MAX_VALUE} for everything; with {@link #emitted} and
		 * {@link #done}, read and written only in the steps, which {@code concatMap} runs one after another.
		 */
		private long requested;

		private long emitted;

		private boolean done;

		DemandReader(QuerySpec spec, ResultBatches<T> batches, long cap, FluxSink<T> sink) {
			this.spec = spec;
			this.batches = batches;
			this.cap = cap;
			this.sink = sink;
		}

		void start() {
			Sinks.Many<Long> requests = Sinks.many().unicast().onBackpressureBuffer();
			Disposable reading = requests.asFlux()
				.concatMap((n) -> {
					this.requested = (this.requested + n < 0) ? Long.MAX_VALUE : this.requested + n;
					return Mono.defer(this::next).repeat(() -> !this.done && !this.sink.isCancelled() && wanted() > 0);
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
			if (this.emitted >= this.cap || !this.batches.hasNext()) {
				complete();
				return Mono.empty();
			}
			long wanted = wanted();
			if (wanted <= 0) {
				return Mono.empty();
			}
			Mono<List<T>> batch = ReactiveQueryExecutor.this.driver.run(this.batches.next(wanted));
			if (this.batches.reads()) {
				batch = observations().observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
						batch);
			}
			return batch.doOnNext(this::received).then();
		}

		/** How many results are still wanted: the demand not yet met, never more than the cap leaves. */
		private long wanted() {
			long demand = (this.requested == Long.MAX_VALUE) ? Long.MAX_VALUE : this.requested - this.emitted;
			return Math.min(demand, this.cap - this.emitted);
		}

		private void received(List<T> results) {
			for (T result : results) {
				if (this.emitted >= this.cap) {
					break;
				}
				this.emitted++;
				this.sink.next(result);
			}
			if (!this.batches.hasNext() || this.emitted >= this.cap) {
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
