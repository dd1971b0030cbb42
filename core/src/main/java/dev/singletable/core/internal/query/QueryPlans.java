package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reads of a {@link QuerySpec} as plans ({@link Step}s of {@code Query} requests), for both query executors: a
 * page of one partition ({@link PageRead}) or of several ({@link PartitionMerge}), the first result, a
 * {@code Select COUNT} read to its end, the reads of several partitions side by side, the pages of a stream
 * ({@link StreamPages}) and what an offset skips. {@link dev.singletable.core.internal.query.run.QueryExecutor}
 * runs them on the blocking driver (streams with a page read ahead),
 * {@link dev.singletable.core.internal.query.run.ReactiveQueryExecutor} on the reactive one (streams by demand), so
 * both send the same requests and make the same pages and cursors.
 *
 * @param reads the reads the plans make: requests, and the items each answer holds read as their types
 * @param cursorCodec what opens and makes the plans' cursors
 */
public record QueryPlans(QueryReads reads, CursorCodec cursorCodec) {

	/** The plans of a query over several partitions, merged into one order. */
	public PartitionMerge merge() {
		return new PartitionMerge(this.reads, this.cursorCodec);
	}

	/**
	 * Reads one page: requests follow each other until {@code wanted} results are in, the results end or
	 * {@code maxRequests} requests were made; with {@code peek} the page looks for one result beyond the wanted
	 * ones; a backward page reads against the query's order. The plan starts by making the cursor keys known
	 * ({@link CursorCodec#known}: the table's secret read, if needed, on the driver that runs it), then opens the
	 * cursor; it fails with {@link dev.singletable.core.query.InvalidCursorException} when the cursor does not
	 * belong to the query.
	 */
	public <T> Step<QueryPage<T>> page(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek,
			boolean forward) {
		return this.cursorCodec.known(this.reads.tableName())
			.then((known) -> pageWithKeys(spec, cursor, wanted, peek, forward));
	}

	private <T> Step<QueryPage<T>> pageWithKeys(QuerySpec spec, @Nullable String cursor, int wanted, boolean peek,
			boolean forward) {
		if (spec.merged()) {
			return paging(merge().page(spec, cursor, wanted, peek, forward));
		}
		PageRead<T> read = new PageRead<>(this.reads, this.cursorCodec, spec, wanted, peek, forward);
		return read(read, read.start(cursor), cursor != null);
	}

	/**
	 * Reads the page of a {@code first()}: one result, without peeking and without cursors, so that it needs no
	 * cursor secret (and never reads the table's).
	 */
	public <T> Step<QueryPage<T>> first(QuerySpec spec) {
		if (spec.merged()) {
			return paging(merge().first(spec));
		}
		return read(new PageRead<>(this.reads, CursorCodec.NONE, spec, 1, false, true), null, false);
	}

	private <T> Step<QueryPage<T>> read(PageRead<T> read, @Nullable Map<String, AttributeValue> startKey,
			boolean fromCursor) {
		boolean atCursor = fromCursor && read.first();
		return Step.send(new Request.Plain(read.request().exclusiveStartKey(startKey).build()), (answer) -> {
			QueryResponse response = response(answer, atCursor);
			QueryPage<T> page = read.add(response);
			return (page != null) ? Step.done(page)
					: read(read, QueryAll.nextStartKey(response), fromCursor);
		});
	}

	/**
	 * Merges a page of several partitions as far as what was read allows, reads the partitions the merge needs,
	 * and goes on.
	 */
	private <T> Step<QueryPage<T>> paging(PartitionMerge.Paging<T> paging) {
		QueryPage<T> page = paging.advance();
		if (page != null) {
			return Step.done(page);
		}
		return readAll(paging.toRead(), paging.remaining(), paging.spec().filtering())
			.then((read) -> paging(paging));
	}

	/**
	 * Sends the next request of each partition side by side, and gives each its answer once all are in.
	 * @param remaining how many results the requests ask for ({@link Long#MAX_VALUE}: whole pages)
	 */
	public <T> Step<Void> readAll(List<PartitionSource<T>> sources, long remaining, boolean filtering) {
		List<Request> requests = new ArrayList<>(sources.size());
		boolean[] atCursor = new boolean[sources.size()];
		for (int i = 0; i < sources.size(); i++) {
			PartitionSource<T> source = sources.get(i);
			atCursor[i] = source.startsAtCursor();
			requests.add(new Request.Plain(source.request(remaining, filtering)));
		}
		return Step.sendAll(requests, (answers) -> {
			for (int i = 0; i < answers.size(); i++) {
				sources.get(i).accept(response(answers.get(i), atCursor[i]));
			}
			return Step.done(null);
		});
	}

	/**
	 * Counts a query with {@code Select COUNT} queries where {@link QueryReads#countRequest} plans them: one
	 * partition's read to its end, or several partitions' side by side, their sum capped by the limit.
	 * @return the plan, or {@literal null} when no filter can say what reads skip, so the results must be read to be
	 * counted (both executors then count the results of a stream)
	 */
	public @Nullable Step<Long> countBySelect(QuerySpec spec) {
		if (!spec.merged()) {
			QueryRequest request = this.reads.countRequest(spec);
			return (request != null) ? count(request) : null;
		}
		List<Step<Long>> counts = new ArrayList<>(spec.partitions().size());
		for (String partition : spec.partitions()) {
			Step<Long> count = countBySelect(spec.partition(partition));
			if (count == null) {
				return null;
			}
			counts.add(count);
		}
		return Step.all(counts).then((each) -> {
			long sum = each.stream().mapToLong((count) -> (count != null) ? count : 0).sum();
			return Step.done((spec.limit() != null) ? Math.min(sum, spec.limit()) : sum);
		});
	}

	/**
	 * Counts with a {@code Select COUNT} query ({@link QueryReads#countRequest}), page after page to its end.
	 */
	public static Step<Long> count(QueryRequest request) {
		return count(request, null, 0);
	}

	private static Step<Long> count(QueryRequest request, @Nullable Map<String, AttributeValue> startKey,
			long counted) {
		return Step.send(new Request.Plain(request.toBuilder().exclusiveStartKey(startKey).build()), (answer) -> {
			QueryResponse response = answer.get(QueryResponse.class);
			long count = counted + ((response.count() != null) ? response.count() : 0);
			Map<String, AttributeValue> next = QueryAll.nextStartKey(response);
			return (next != null) ? count(request, next, count) : Step.done(count);
		});
	}

	/**
	 * Reads past the first {@code count} results of one partition with the query's own requests, projected to the
	 * {@link ResolvedQuery.Reading#KEYS keys}: enough to tell which items reads return, without transferring or
	 * converting them.
	 * @return the plan, done with the key of the last skipped result, which reading continues after, or
	 * {@literal null} when there are no more results than that
	 */
	public Step<Map<String, AttributeValue>> skipKeys(QuerySpec spec, long count) {
		ResolvedQuery query = this.reads.resolve(spec, ResolvedQuery.Reading.KEYS);
		return skipKeys(spec, query, null, count, QueryReads.INITIAL_EFFICIENCY);
	}

	private Step<Map<String, AttributeValue>> skipKeys(QuerySpec spec, ResolvedQuery query,
			@Nullable Map<String, AttributeValue> startKey, long left, double efficiency) {
		QueryRequest request = this.reads.request(query, spec.ascending())
			.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
					QueryReads.requestLimit(left, spec.filtering(), efficiency)))
			.exclusiveStartKey(startKey)
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			QueryResponse response = answer.get(QueryResponse.class);
			long skipping = left;
			int accepted = 0;
			for (Map<String, AttributeValue> item : response.items()) {
				if (this.reads.readableOwner(spec, item) != null) {
					accepted++;
					if (--skipping == 0) {
						return Step.done(CursorCodec.keyOf(query.cursors(), item));
					}
				}
			}
			Map<String, AttributeValue> next = QueryAll.nextStartKey(response);
			return (next != null) ? skipKeys(spec, query, next, skipping,
					QueryReads.nextEfficiency(efficiency, accepted, response.items().size())) : Step.done(null);
		});
	}

	/**
	 * Starts the batches of a stream from its first result: the pages of one partition, or of several merged.
	 */
	public <T> ResultBatches<T> batches(QuerySpec spec) {
		return spec.merged() ? ResultBatches.merged(merge().stream(spec, null), this)
				: ResultBatches.of(stream(spec, null));
	}

	/**
	 * Returns whether a stream's offset is read past {@link ResolvedQuery.Reading#KEYS keys only}
	 * ({@link #batchesAfter}): unless a predicate needs the results themselves.
	 */
	public static boolean skipsKeys(QuerySpec spec, long offset) {
		return offset > 0 && spec.predicate() == null;
	}

	/**
	 * Starts the batches of a stream after an offset: read past by keys when it {@link #skipsKeys can be} (for one
	 * partition with {@link #skipKeys}, for several by the merge of their keys), the batches then starting where
	 * each partition stood; else from the first result, the offset left for the caller to drop.
	 * @return the plan, done with the batches and the number of results the caller still drops
	 */
	public <T> Step<Start<T>> batchesAfter(QuerySpec spec, long offset) {
		if (!skipsKeys(spec, offset)) {
			return Step.done(new Start<>(batches(spec), offset));
		}
		if (spec.merged()) {
			return skipMergedKeys(merge().keys(spec), offset).then((positions) -> Step.done(new Start<>(
					(positions != null) ? ResultBatches.merged(merge().stream(spec, positions), this)
							: ResultBatches.none(), 0)));
		}
		return skipKeys(spec, offset).then((start) -> Step.done(new Start<>(
				(start != null) ? ResultBatches.of(stream(spec, start)) : ResultBatches.none(), 0)));
	}

	/**
	 * Reads past the next {@code left} merged results by their keys, and is done with where each partition stands
	 * after them, or {@literal null} when there are no more results than that.
	 */
	private Step<List<CursorCodec.Position>> skipMergedKeys(PartitionMerge.Merge<Object> merge, long left) {
		return Step.defer(() -> {
			for (long skipping = left; skipping > 0; skipping--) {
				List<PartitionSource<Object>> unknown = merge.unknown(Integer.MAX_VALUE);
				if (unknown != null && !unknown.isEmpty()) {
					long remaining = skipping;
					return readAll(unknown, remaining, merge.spec().filtering())
						.then((read) -> skipMergedKeys(merge, remaining));
				}
				PartitionSource<Object> next = merge.next();
				if (next == null) {
					return Step.done(null);
				}
				merge.take(next);
			}
			return Step.done(merge.skipped());
		});
	}

	/**
	 * Where a stream starts.
	 * @param batches its batches
	 * @param skip how many of their first results the caller drops
	 */
	public record Start<T>(ResultBatches<T> batches, long skip) {
	}

	/**
	 * Starts the pages of a stream of one partition.
	 * @param startKey the key the first page starts at ({@literal null} for the beginning)
	 */
	public <T> StreamPages<T> stream(QuerySpec spec, @Nullable Map<String, AttributeValue> startKey) {
		return new StreamPages<>(spec, this.reads.resolve(spec, ResolvedQuery.Reading.ITEMS), startKey);
	}

	/**
	 * The answer of a query request; the failure of the first request from a cursor may be the cursor's
	 * ({@link QueryReads#cursorFailure}).
	 */
	private static QueryResponse response(Answer answer, boolean atCursor) {
		RuntimeException failure = answer.failure();
		if (failure != null) {
			throw atCursor ? QueryReads.cursorFailure(failure) : failure;
		}
		return answer.get(QueryResponse.class);
	}

	/**
	 * The pages of a stream of one partition, each following the {@code LastEvaluatedKey} of the one before:
	 * {@link #next} is the plan of the next page, asking for what is still wanted (a whole page, up to 1 MB, when
	 * nothing bounds it; else over-fetching adaptively when filters drop results), and {@link #read} reads its
	 * results. Read by one thread at a time.
	 */
	public final class StreamPages<T> {

		private final QuerySpec spec;

		private final ResolvedQuery query;

		private @Nullable Map<String, AttributeValue> startKey;

		private boolean started;

		private double efficiency = QueryReads.INITIAL_EFFICIENCY;

		private StreamPages(QuerySpec spec, ResolvedQuery query, @Nullable Map<String, AttributeValue> startKey) {
			this.spec = spec;
			this.query = query;
			this.startKey = startKey;
		}

		/** Whether there is a page to read: before the first, and while the last had a {@code LastEvaluatedKey}. */
		public boolean hasNext() {
			return !this.started || this.startKey != null;
		}

		/**
		 * The plan of the next page.
		 * @param wanted how many results are still wanted, {@link Long#MAX_VALUE} when nothing bounds them
		 */
		public Step<QueryResponse> next(long wanted) {
			QueryRequest.Builder request = QueryPlans.this.reads.request(this.query, this.spec.ascending())
				.exclusiveStartKey(this.startKey);
			if (wanted != Long.MAX_VALUE) {
				request.limit((int) Math.min(QueryReads.MAX_REQUEST_LIMIT,
						QueryReads.requestLimit(wanted, this.spec.filtering(), this.efficiency)));
			}
			return Step.send(new Request.Plain(request.build()), (answer) -> {
				QueryResponse response = answer.get(QueryResponse.class);
				this.started = true;
				this.startKey = QueryAll.nextStartKey(response);
				return Step.done(response);
			});
		}

		/** The results of a page, each item read as its type or skipped ({@link QueryReads#read}). */
		public List<T> read(QueryResponse response) {
			List<T> results = new ArrayList<>(response.items().size());
			for (Map<String, AttributeValue> item : response.items()) {
				T result = QueryPlans.this.reads.read(this.spec, item);
				if (result != null) {
					results.add(result);
				}
			}
			this.efficiency = QueryReads.nextEfficiency(this.efficiency, results.size(), response.items().size());
			return results;
		}

	}

}
