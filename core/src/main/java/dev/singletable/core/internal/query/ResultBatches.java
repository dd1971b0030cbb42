package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;

import dev.singletable.internal.plan.Step;

/**
 * The results of a stream, one batch at a time, each batch a plan ({@link Step}) sending at most one round of
 * requests: for one partition, its next page ({@link QueryPlans.StreamPages}); for several merged
 * ({@link PartitionMerge.Merge}), the next page of every partition whose next result is unknown, side by side, else
 * the results the merge knows come next. Both executors only pull batches — the blocking one with a page read ahead,
 * the reactive one by demand — and observe each batch that {@link #reads()}; what is read and in which order is
 * decided here once. Pulled by one thread at a time.
 *
 * @param <T> the type of the results
 */
public abstract class ResultBatches<T> {

	private ResultBatches() {
	}

	/**
	 * Returns whether another batch may come; when not, the stream has ended.
	 */
	public abstract boolean hasNext();

	/**
	 * Returns whether the next batch sends requests (else it only takes results already read).
	 */
	public abstract boolean reads();

	/**
	 * The plan of the next batch.
	 * @param wanted how many results are still wanted, {@link Long#MAX_VALUE} when nothing bounds them
	 * @return the plan, done with the batch's results (none when its reads only made the next ones known, or filters
	 * dropped every result of a page)
	 */
	public abstract Step<List<T>> next(long wanted);

	/** The batches of one partition: its pages. */
	static <T> ResultBatches<T> of(QueryPlans.StreamPages<T> pages) {
		return new ResultBatches<>() {

			@Override
			public boolean hasNext() {
				return pages.hasNext();
			}

			@Override
			public boolean reads() {
				return true;
			}

			@Override
			public Step<List<T>> next(long wanted) {
				return pages.next(wanted).then((response) -> Step.done(pages.read(response)));
			}

		};
	}

	/** The batches of several partitions merged; {@code plans} reads them side by side. */
	static <T> ResultBatches<T> merged(PartitionMerge.Merge<T> merge, QueryPlans plans) {
		return new ResultBatches<>() {

			private boolean ended;

			@Override
			public boolean hasNext() {
				return !this.ended;
			}

			@Override
			public boolean reads() {
				List<PartitionSource<T>> unknown = merge.unknown(Integer.MAX_VALUE);
				return unknown != null && !unknown.isEmpty();
			}

			@Override
			public Step<List<T>> next(long wanted) {
				return Step.defer(() -> {
					List<PartitionSource<T>> unknown = merge.unknown(Integer.MAX_VALUE);
					if (unknown != null && !unknown.isEmpty()) {
						return plans.readAll(unknown, wanted, merge.spec().filtering())
							.then((read) -> Step.done(List.of()));
					}
					List<T> batch = new ArrayList<>();
					for (long left = wanted; left > 0 && !reads(); left--) {
						PartitionSource<T> next = merge.next();
						if (next == null) {
							this.ended = true;
							break;
						}
						batch.add(merge.take(next));
					}
					return Step.done(batch);
				});
			}

		};
	}

	/** No batch: the stream has ended (an offset skipped every result). */
	static <T> ResultBatches<T> none() {
		return new ResultBatches<>() {

			@Override
			public boolean hasNext() {
				return false;
			}

			@Override
			public boolean reads() {
				return false;
			}

			@Override
			public Step<List<T>> next(long wanted) {
				return Step.done(List.of());
			}

		};
	}

}
