package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@link PageRead} reads a page request by request and makes its cursors with the same {@link CursorCodec}, and
 * {@link QueryReads#countRequest} plans a count. Only the sending differs: each request is a {@link Mono} of the
 * {@link ReactiveDynamoDbExecutor}, the next one sent when the previous answer asks for it, never blocking a
 * thread. {@link #all} reads by demand ({@link DemandReader}), each page observed as the blocking stream's are
 * ({@code query.stream}), in the subscriber's Reactor context. A query over several partitions is refused: the
 * merge of {@link MergedPartitions} is not read reactively yet.
 */
public final class ReactiveQueryExecutor {

	private final QueryReads reads;

	private final ReactiveDynamoDbExecutor executor;

	private final CursorCodec cursorCodec;

	private final QueryDriftCheck drift;

	public ReactiveQueryExecutor(ReactiveDynamoDbExecutor executor, SingleTableConverter converter,
			CursorCodec cursorCodec, Timestamps timestamps, QueryDriftCheck drift) {
		this.reads = new QueryReads(executor.getTableName(), converter, timestamps);
		this.executor = executor;
		this.cursorCodec = cursorCodec;
		this.drift = drift;
	}

	/**
	 * Reads one page, as {@link QueryExecutor#page} does.
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
			PageRead<T> read = new PageRead<>(this.reads, this.cursorCodec, spec, wanted, peek, forward);
			return next(read, read.start(cursor), cursor != null);
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
		return this.<T>page(spec, null, 1, false, true)
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
			ResolvedQuery query = this.reads.resolve(spec, ResolvedQuery.Reading.ITEMS);
			long cap = (spec.limit() != null) ? spec.limit() + offset : Long.MAX_VALUE;
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
		if (spec.merged()) {
			throw new UnsupportedOperationException("partitionIn(..) with " + spec.key().partitions().size()
					+ " partitions is not read reactively yet; run one reactive query per partition and merge them "
					+ "(Flux.mergeComparing on the index's sort key), or use the blocking SingleTableQuery, which "
					+ "merges them");
		}
	}

	/**
	 * Reads a query into a {@link FluxSink} by demand: a {@code Query} is sent only while results are wanted — the
	 * subscriber asked for more than were emitted, and the {@link QuerySpec#limit() limit} is not reached — and
	 * only one at a time. Each request asks for what is still wanted: the smaller of the outstanding demand and
	 * the rest of the limit, over-fetching when filters drop results as a capped blocking stream does
	 * ({@link QueryReads#requestLimit}); only when neither bounds it does DynamoDB fill a whole page (up to 1 MB).
	 * Results a filtered page yields beyond the demand wait in the sink's buffer and count against the next demand.
	 * Cancelling disposes the request in flight and sends no more.
	 */
	private final class DemandReader<T> {

		private final QuerySpec spec;

		private final ResolvedQuery query;

		private final long cap;

		private final FluxSink<T> sink;

		/** What the subscriber asked for so far, {@link Long#MAX_VALUE} for everything. */
		private final AtomicLong requested = new AtomicLong();

		private final AtomicInteger work = new AtomicInteger();

		private final Disposable.Swap inFlightRequest = Disposables.swap();

		/** Whether a request is in flight; the fields below change only while it is, in its answer. */
		private volatile boolean inFlight;

		private volatile boolean done;

		private long emitted;

		private @Nullable Map<String, AttributeValue> startKey;

		private double efficiency = QueryReads.INITIAL_EFFICIENCY;

		DemandReader(QuerySpec spec, ResolvedQuery query, long cap, FluxSink<T> sink) {
			this.spec = spec;
			this.query = query;
			this.cap = cap;
			this.sink = sink;
		}

		void start() {
			this.sink.onDispose(this.inFlightRequest);
			this.sink.onRequest((n) -> {
				this.requested.accumulateAndGet(n, (total, more) -> (total + more < 0) ? Long.MAX_VALUE : total + more);
				drain();
			});
		}

		/**
		 * Sends the next request when results are wanted and none is in flight; serialized, so that requests
		 * from the subscriber and answers arriving on other threads never send two at once.
		 */
		private void drain() {
			if (this.work.getAndIncrement() != 0) {
				return;
			}
			do {
				if (!this.inFlight && !this.done && !this.sink.isCancelled()) {
					long demand = this.requested.get();
					long wanted = Math.min((demand == Long.MAX_VALUE) ? Long.MAX_VALUE : demand - this.emitted,
							this.cap - this.emitted);
					if (wanted > 0) {
						this.inFlight = true;
						send(wanted);
					}
				}
			}
			while (this.work.decrementAndGet() != 0);
		}

		private void send(long wanted) {
			QueryRequest.Builder request = ReactiveQueryExecutor.this.reads.request(this.query, this.spec.ascending())
				.exclusiveStartKey(this.startKey);
			if (wanted != Long.MAX_VALUE) {
				request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
						QueryReads.requestLimit(wanted, this.spec.filtering(), this.efficiency)));
			}
			QueryRequest built = request.build();
			ReactiveDynamoDbExecutor executor = ReactiveQueryExecutor.this.executor;
			this.inFlightRequest.update(executor.observations()
				.observeQuery("query.stream", this.spec.types().values(), this.spec.index(),
						executor.execute((client) -> client.query(built)))
				.contextWrite(this.sink.contextView())
				.subscribe(this::received, this::failed));
		}

		private void received(QueryResponse response) {
			List<T> results = new ArrayList<>(response.items().size());
			try {
				for (Map<String, AttributeValue> item : response.items()) {
					T result = ReactiveQueryExecutor.this.reads.read(this.spec, item);
					if (result != null) {
						results.add(result);
					}
				}
			}
			catch (RuntimeException ex) {
				failed(ex);
				return;
			}
			this.efficiency = QueryReads.nextEfficiency(this.efficiency, results.size(), response.items().size());
			this.startKey = DynamoDbExecutor.nextStartKey(response);
			for (T result : results) {
				if (this.emitted == this.cap) {
					break;
				}
				this.emitted++;
				this.sink.next(result);
			}
			if (this.startKey == null || this.emitted >= this.cap) {
				this.done = true;
				this.sink.complete();
				return;
			}
			this.inFlight = false;
			drain();
		}

		private void failed(Throwable ex) {
			this.done = true;
			this.sink.error(ex);
		}

	}

}
