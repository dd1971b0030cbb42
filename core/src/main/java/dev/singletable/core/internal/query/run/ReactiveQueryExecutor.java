package dev.singletable.core.internal.query.run;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.PartitionMerge;
import dev.singletable.core.internal.query.PartitionSource;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QueryReads;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.query.QueryPage;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Runs a {@link QuerySpec} on the reactive driver, as {@link QueryExecutor} does on the blocking one and with the
 * same plans ({@link QueryPlans}): pages of one partition or several, the first result, counts, and the pages of a
 * stream; their cursors are made with the same {@link CursorCodec} (its keys known first,
 * {@link ReactiveCursorSecrets}). Only the sending differs: each plan is a {@link Mono} of the {@link ReactiveDriver},
 * never blocking a thread. {@link #all} reads by demand ({@link DemandReader}): each subscriber request sizes the
 * next {@code Query}, which the blocking stream cannot know; each page is observed as the blocking stream's are
 * ({@code query.stream}), in the subscriber's Reactor context. A query over several partitions is merged by the
 * same {@link PartitionMerge}, its reads sent side by side ({@link MergedDemandReader} for {@link #all}).
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
			if (spec.merged()) {
				PartitionMerge.Merge<T> merge = this.plans.merge().stream(spec, null);
				return Flux.<T>create((sink) -> new MergedDemandReader<>(merge, cap, sink).start());
			}
			QueryPlans.StreamPages<T> pages = this.plans.stream(spec, null);
			return Flux.<T>create((sink) -> new DemandReader<>(spec, pages, cap, sink).start());
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
	 * What reading a query into a {@link FluxSink} by demand takes, for one partition ({@link DemandReader}) or
	 * several ({@link MergedDemandReader}). Each request of the subscriber is one signal of a unicast sink, and
	 * {@code concatMap} takes them one at a time: for each, the reader {@linkplain #step steps} (emits what it can
	 * without reading, else sends the reads that must come first) while results are still wanted — what the
	 * subscriber asked for so far beyond what was emitted, within the cap (the {@link QuerySpec#limit() limit}) —
	 * so that one request is in flight at a time and each is sized by the demand known when it is sent.
	 * Cancelling disposes the reading, and with it the request in flight.
	 */
	private abstract static class DemandDrivenReader<T> {

		private final long cap;

		private final FluxSink<T> sink;

		/**
		 * What the subscriber asked for so far, {@link Long#MAX_VALUE} for everything; with {@link #emitted} and
		 * {@link #done}, read and written only in the steps, which {@code concatMap} runs one after another.
		 */
		private long requested;

		private long emitted;

		private boolean done;

		DemandDrivenReader(long cap, FluxSink<T> sink) {
			this.cap = cap;
			this.sink = sink;
		}

		final void start() {
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
			if (this.emitted >= this.cap) {
				complete();
				return Mono.empty();
			}
			long wanted = wanted();
			return (wanted > 0) ? step(wanted) : Mono.empty();
		}

		/** How many results are still wanted: the demand not yet met, never more than the cap leaves. */
		private long wanted() {
			long demand = (this.requested == Long.MAX_VALUE) ? Long.MAX_VALUE : this.requested - this.emitted;
			return Math.min(demand, this.cap - this.emitted);
		}

		/**
		 * Emits what can be emitted without reading, or reads what must come first.
		 * @param wanted how many results are still wanted (never more than the cap leaves)
		 * @return the reads sent, done when their answer is taken in; empty when nothing was read
		 */
		abstract Mono<Void> step(long wanted);

		/**
		 * Emits a result, unless the cap is reached.
		 * @return whether it was emitted
		 */
		final boolean emit(T result) {
			if (this.emitted >= this.cap) {
				return false;
			}
			this.emitted++;
			this.sink.next(result);
			return true;
		}

		final boolean capped() {
			return this.emitted >= this.cap;
		}

		final void complete() {
			this.done = true;
			this.sink.complete();
		}

		private void failed(Throwable ex) {
			this.done = true;
			this.sink.error(ex);
		}

	}

	/**
	 * Reads one partition by demand: a {@code Query} is sent only while results are wanted — the subscriber asked
	 * for more than were emitted, and the limit is not reached — and only one at a time. Each request asks for
	 * what is still wanted: the smaller of the outstanding demand and the rest of the limit, over-fetching when
	 * filters drop results as a capped blocking stream does ({@link QueryReads#requestLimit}); only when neither
	 * bounds it does DynamoDB fill a whole page (up to 1 MB). Results a filtered page yields beyond the demand wait
	 * in the sink's buffer and count against the next demand.
	 */
	private final class DemandReader<T> extends DemandDrivenReader<T> {

		private final QuerySpec spec;

		private final QueryPlans.StreamPages<T> pages;

		DemandReader(QuerySpec spec, QueryPlans.StreamPages<T> pages, long cap, FluxSink<T> sink) {
			super(cap, sink);
			this.spec = spec;
			this.pages = pages;
		}

		@Override
		Mono<Void> step(long wanted) {
			return observations()
				.observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
						ReactiveQueryExecutor.this.driver.run(this.pages.next(wanted)))
				.doOnNext(this::received)
				.then();
		}

		private void received(QueryResponse response) {
			for (T result : this.pages.read(response)) {
				if (!emit(result)) {
					break;
				}
			}
			if (!this.pages.hasNext() || capped()) {
				complete();
			}
		}

	}

	/**
	 * Reads several partitions by demand: the merge takes results while every partition shows its next one and the
	 * subscriber wants more; when a partition's next result is unknown, its next {@code Query} is sent (those of
	 * all such partitions side by side), asking for what is still wanted, and nothing else is sent until the
	 * answers are in.
	 */
	private final class MergedDemandReader<T> extends DemandDrivenReader<T> {

		private final PartitionMerge.Merge<T> merge;

		MergedDemandReader(PartitionMerge.Merge<T> merge, long cap, FluxSink<T> sink) {
			super(cap, sink);
			this.merge = merge;
		}

		@Override
		Mono<Void> step(long wanted) {
			for (long left = wanted; left > 0; left--) {
				List<PartitionSource<T>> unknown = this.merge.unknown(Integer.MAX_VALUE);
				if (unknown != null && !unknown.isEmpty()) {
					QuerySpec spec = this.merge.spec();
					return observations()
						.observeQuery("query.stream", spec.types().values(), spec.index(),
								ReactiveQueryExecutor.this.driver
									.run(ReactiveQueryExecutor.this.plans.readAll(unknown, left, spec.filtering())))
						.then();
				}
				PartitionSource<T> next = this.merge.next();
				if (next == null) {
					complete();
					return Mono.empty();
				}
				emit(this.merge.take(next));
			}
			if (capped()) {
				complete();
			}
			return Mono.empty();
		}

	}

}
