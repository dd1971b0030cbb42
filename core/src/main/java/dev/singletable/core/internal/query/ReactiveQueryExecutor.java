package dev.singletable.core.internal.query;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.query.QueryPage;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
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

	public ReactiveQueryExecutor(ReactiveDriver driver, SingleTableConverter converter,
			ReactiveCursorSecrets cursorSecrets, Timestamps timestamps, QueryDriftCheck drift) {
		this.plans = new QueryPlans(new QueryReads(driver.executor().getTableName(), converter, timestamps),
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
				return Flux.fromIterable(spec.key().partitions())
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
	 * several ({@link MergedDemandReader}): the demand the subscriber signalled, the results emitted against it and
	 * the cap (the {@link QuerySpec#limit() limit}), and a serialized {@link #drain} that asks the reader for a
	 * {@link #step} only when results are wanted and no request is in flight, so that requests from the subscriber
	 * and answers arriving on other threads never send two at once. Cancelling disposes the requests in flight and
	 * sends no more.
	 */
	private abstract static class DemandDrivenReader<T> {

		private final long cap;

		private final FluxSink<T> sink;

		/** What the subscriber asked for so far, {@link Long#MAX_VALUE} for everything. */
		private final AtomicLong requested = new AtomicLong();

		private final AtomicInteger work = new AtomicInteger();

		private final Disposable.Swap inFlightRequest = Disposables.swap();

		/** Whether a request is in flight; the reader's state changes only while none is, or in its answer. */
		private volatile boolean inFlight;

		private volatile boolean done;

		private long emitted;

		DemandDrivenReader(long cap, FluxSink<T> sink) {
			this.cap = cap;
			this.sink = sink;
		}

		final void start() {
			this.sink.onDispose(this.inFlightRequest);
			this.sink.onRequest((n) -> {
				this.requested.accumulateAndGet(n, (total, more) -> (total + more < 0) ? Long.MAX_VALUE : total + more);
				drain();
			});
		}

		final void drain() {
			if (this.work.getAndIncrement() != 0) {
				return;
			}
			do {
				if (!this.inFlight && !this.done && !this.sink.isCancelled()) {
					if (this.emitted >= this.cap) {
						complete();
					}
					else {
						long demand = this.requested.get();
						long wanted = Math.min((demand == Long.MAX_VALUE) ? Long.MAX_VALUE : demand - this.emitted,
								this.cap - this.emitted);
						if (wanted > 0) {
							try {
								step(wanted);
							}
							catch (RuntimeException ex) {
								failed(ex);
							}
						}
					}
				}
			}
			while (this.work.decrementAndGet() != 0);
		}

		/**
		 * Emits what can be emitted without reading, or sends the reads that must come first
		 * ({@link #send}).
		 * @param wanted how many results are still wanted (never more than the cap leaves)
		 */
		abstract void step(long wanted);

		/**
		 * Sends reads, which answer one value; {@code answered} takes it, after which the reader drains again.
		 */
		final <R> void send(Mono<R> reads, Consumer<R> answered) {
			this.inFlight = true;
			this.inFlightRequest.update(reads.contextWrite(this.sink.contextView()).subscribe((answer) -> {
				try {
					answered.accept(answer);
				}
				catch (RuntimeException ex) {
					failed(ex);
					return;
				}
				this.inFlight = false;
				drain();
			}, this::failed));
		}

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

		final void failed(Throwable ex) {
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
		void step(long wanted) {
			send(observations().observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
					ReactiveQueryExecutor.this.driver.run(this.pages.next(wanted))), this::received);
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
		void step(long wanted) {
			for (long left = wanted; left > 0; left--) {
				List<PartitionSource<T>> unknown = this.merge.unknown(Integer.MAX_VALUE);
				if (unknown != null && !unknown.isEmpty()) {
					QuerySpec spec = this.merge.spec();
					send(observations().observeQuery("query.stream", spec.types().values(), spec.index(),
							ReactiveQueryExecutor.this.driver.run(
									ReactiveQueryExecutor.this.plans.readAll(unknown, left, spec.filtering()))
								.thenReturn(Boolean.TRUE)),
							(read) -> {
							});
					return;
				}
				PartitionSource<T> next = this.merge.next();
				if (next == null) {
					complete();
					return;
				}
				emit(this.merge.take(next));
			}
			if (capped()) {
				complete();
			}
		}

	}

}
