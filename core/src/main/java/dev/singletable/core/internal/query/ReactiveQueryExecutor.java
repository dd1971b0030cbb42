package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.query.QueryPage;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Runs a {@link QuerySpec} on the async client, as {@link QueryExecutor} does on the blocking one and with the same
 * pieces: {@link QueryReads} resolves the query, builds its requests and reads each item (or skips it),
 * {@link PageRead} reads a page request by request and makes its cursors with the same {@link CursorCodec} (its
 * keys known first, {@link ReactiveCursorSecrets}), and
 * {@link QueryReads#countRequest} plans a count. Only the sending differs: each request is a {@link Mono} of the
 * {@link ReactiveDynamoDbExecutor}, the next one sent when the previous answer asks for it, never blocking a
 * thread. {@link #all} reads by demand ({@link DemandReader}), each page observed as the blocking stream's are
 * ({@code query.stream}), in the subscriber's Reactor context. A query over several partitions is merged by the
 * blocking query's {@link PartitionMerge}, its reads sent side by side on the async client
 * ({@link MergedDemandReader} for {@link #all}).
 */
public final class ReactiveQueryExecutor {

	private final QueryReads reads;

	private final ReactiveDynamoDbExecutor executor;

	private final ReactiveCursorSecrets cursorSecrets;

	private final CursorCodec cursorCodec;

	private final QueryDriftCheck drift;

	private final PartitionMerge merge;

	public ReactiveQueryExecutor(ReactiveDynamoDbExecutor executor, SingleTableConverter converter,
			ReactiveCursorSecrets cursorSecrets, Timestamps timestamps, QueryDriftCheck drift) {
		this.reads = new QueryReads(executor.getTableName(), converter, timestamps);
		this.executor = executor;
		this.cursorSecrets = cursorSecrets;
		this.cursorCodec = cursorSecrets.codec();
		this.drift = drift;
		this.merge = new PartitionMerge(this.reads, this.cursorCodec);
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
			return this.cursorSecrets.ready().then(Mono.defer(() -> {
				if (spec.merged()) {
					return advance(this.merge.<T>page(spec, cursor, wanted, peek, forward));
				}
				PageRead<T> read = new PageRead<>(this.reads, this.cursorCodec, spec, wanted, peek, forward);
				return next(read, read.start(cursor), cursor != null);
			}));
		});
	}

	private <T> Mono<QueryPage<T>> next(PageRead<T> read, @Nullable Map<String, AttributeValue> startKey,
			boolean fromCursor) {
		QueryRequest request = read.request().exclusiveStartKey(startKey).build();
		return send(request, fromCursor && read.first()).flatMap((response) -> {
			QueryPage<T> page = read.add(response);
			return (page != null) ? Mono.just(page) : next(read, DynamoDbExecutor.nextStartKey(response), fromCursor);
		});
	}

	/**
	 * Merges a page of several partitions as far as what was read allows, reads the partitions the merge needs,
	 * and goes on.
	 */
	private <T> Mono<QueryPage<T>> advance(PartitionMerge.Paging<T> paging) {
		QueryPage<T> page = paging.advance();
		if (page != null) {
			return Mono.just(page);
		}
		return readAll(paging.spec(), paging.toRead(), paging.remaining()).then(Mono.defer(() -> advance(paging)));
	}

	/**
	 * Sends the next request of each partition side by side, and gives each its answer once all are in.
	 */
	private <T> Mono<Void> readAll(QuerySpec spec, List<PartitionSource<T>> sources, long remaining) {
		return Flux.fromIterable(sources)
			.flatMap((source) -> send(source.request(remaining, spec.filtering()), source.startsAtCursor())
				.map((response) -> Map.entry(source, response)))
			.collectList()
			.doOnNext((answers) -> answers.forEach((answer) -> answer.getKey().accept(answer.getValue())))
			.then();
	}

	private Mono<QueryResponse> send(QueryRequest request, boolean fromCursor) {
		Mono<QueryResponse> response = this.executor.execute((client) -> client.query(request));
		return fromCursor ? response.onErrorMap(RuntimeException.class, QueryReads::cursorFailure) : response;
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
			if (spec.merged()) {
				return advance(this.merge.<T>first(spec));
			}
			PageRead<T> read = new PageRead<>(this.reads, CursorCodec.NONE, spec, 1, false, true);
			return next(read, null, false);
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
				PartitionMerge.Merge<T> merge = this.merge.stream(spec, null);
				return Flux.<T>create((sink) -> new MergedDemandReader<>(merge, cap, sink).start());
			}
			ResolvedQuery query = this.reads.resolve(spec, ResolvedQuery.Reading.ITEMS);
			return Flux.<T>create((sink) -> new DemandReader<>(spec, query, cap, sink).start());
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
			QueryRequest request = this.reads.countRequest(spec);
			if (request == null) {
				return read(spec, 0).count();
			}
			return this.executor.pages(request, null, Function.identity())
				.map((response) -> (long) ((response.count() != null) ? response.count() : 0))
				.reduce(0L, Long::sum);
		});
	}

	/**
	 * Returns where the queries are observed.
	 */
	public ReactiveObservations observations() {
		return this.executor.observations();
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

		private final ResolvedQuery query;

		private @Nullable Map<String, AttributeValue> startKey;

		private double efficiency = QueryReads.INITIAL_EFFICIENCY;

		DemandReader(QuerySpec spec, ResolvedQuery query, long cap, FluxSink<T> sink) {
			super(cap, sink);
			this.spec = spec;
			this.query = query;
		}

		@Override
		void step(long wanted) {
			QueryRequest.Builder request = ReactiveQueryExecutor.this.reads.request(this.query, this.spec.ascending())
				.exclusiveStartKey(this.startKey);
			if (wanted != Long.MAX_VALUE) {
				request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
						QueryReads.requestLimit(wanted, this.spec.filtering(), this.efficiency)));
			}
			QueryRequest built = request.build();
			ReactiveDynamoDbExecutor executor = ReactiveQueryExecutor.this.executor;
			send(executor.observations()
				.observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
						executor.execute((client) -> client.query(built))), this::received);
		}

		private void received(QueryResponse response) {
			List<T> results = new ArrayList<>(response.items().size());
			for (Map<String, AttributeValue> item : response.items()) {
				T result = ReactiveQueryExecutor.this.reads.read(this.spec, item);
				if (result != null) {
					results.add(result);
				}
			}
			this.efficiency = QueryReads.nextEfficiency(this.efficiency, results.size(), response.items().size());
			this.startKey = DynamoDbExecutor.nextStartKey(response);
			for (T result : results) {
				if (!emit(result)) {
					break;
				}
			}
			if (this.startKey == null || capped()) {
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
					send(ReactiveQueryExecutor.this.executor.observations()
						.observeQuery("query.stream", spec.types().values(), spec.index(),
								readAll(spec, unknown, left).thenReturn(Boolean.TRUE)), (read) -> {
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
