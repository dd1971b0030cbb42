package dev.singletable.core.internal.query.run;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorCodec.Position;
import dev.singletable.core.internal.query.PartitionMerge;
import dev.singletable.core.internal.query.PartitionMerge.Merge;
import dev.singletable.core.internal.query.PartitionSource;
import dev.singletable.core.internal.query.QueryPlans;
import dev.singletable.core.internal.query.QuerySpec;

/**
 * Streams a query over several partitions of one index ({@code partitionIn}, a derived {@code In} on a partition
 * property) as one stream on the blocking driver: the {@link PartitionMerge} decides which partitions to read and in
 * which order their results come; the reads of the partitions whose next result is unknown are planned by
 * {@link QueryPlans#readAll} and sent side by side by the driver, the first of all partitions together, later ones
 * as the merge needs them (a partition is read again only when the result it shows has been taken and it has more).
 * Its pages are {@link QueryPlans#page}'s.
 */
final class MergedPartitions {

	private final PartitionMerge merge;

	private final QueryPlans plans;

	private final BlockingDriver driver;

	MergedPartitions(QueryPlans plans, BlockingDriver driver) {
		this.merge = plans.merge();
		this.plans = plans;
		this.driver = driver;
	}

	/**
	 * Streams the merged results, as {@link QueryExecutor#stream} does for one partition: without a cap each
	 * request lets DynamoDB fill a page, with one requests ask for what is still wanted. An offset is read past
	 * keys only (unless a predicate needs the results), and the results are then read from where each partition
	 * stood.
	 */
	<T> Stream<T> stream(QuerySpec spec, long offset) {
		List<Position> start = null;
		long skip = offset;
		if (skip > 0 && spec.predicate() == null) {
			start = skipKeys(spec, offset);
			if (start == null) {
				return Stream.empty();
			}
			skip = 0;
		}
		long cap = (spec.limit() != null) ? spec.limit() + skip : Long.MAX_VALUE;
		Merge<T> merge = this.merge.stream(spec, start);
		Iterator<T> results = new Iterator<>() {

			private long returned;

			private @Nullable PartitionSource<T> next;

			@Override
			public boolean hasNext() {
				if (this.next == null && this.returned < cap) {
					long wanted = (cap != Long.MAX_VALUE) ? cap - this.returned : Long.MAX_VALUE;
					fillHeads(merge, wanted, "query.stream");
					this.next = merge.next();
				}
				return this.next != null;
			}

			@Override
			public T next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				PartitionSource<T> source = this.next;
				this.next = null;
				this.returned++;
				return merge.take(source);
			}

		};
		Stream<T> stream = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED | Spliterator.NONNULL), false);
		return (skip > 0) ? stream.skip(skip) : stream;
	}

	/**
	 * Reads past the first {@code count} merged results with requests projected to the keys, and returns where
	 * each partition stands after them, or {@literal null} when there are no more results than that.
	 */
	private @Nullable List<Position> skipKeys(QuerySpec spec, long count) {
		Merge<Object> merge = this.merge.keys(spec);
		for (long skipped = 0; skipped < count; skipped++) {
			fillHeads(merge, count - skipped, "query.stream");
			PartitionSource<Object> next = merge.next();
			if (next == null) {
				return null;
			}
			merge.take(next);
		}
		return merge.skipped();
	}

	/** Reads every partition whose next result is unknown until each shows one or has ended. */
	private <T> void fillHeads(Merge<T> merge, long remaining, String operation) {
		while (true) {
			List<PartitionSource<T>> unknown = merge.unknown(Integer.MAX_VALUE);
			if (unknown == null || unknown.isEmpty()) {
				return;
			}
			readAll(merge.spec(), unknown, remaining, operation);
		}
	}

	/** Sends the next request of each partition side by side, and gives each its answer. */
	private <T> void readAll(QuerySpec spec, List<PartitionSource<T>> sources, long remaining, String operation) {
		Step<Void> reads = this.plans.readAll(sources, remaining, spec.filtering());
		this.driver.executor()
			.observations()
			.observeQuery(operation, spec.types().values(), spec.index(), () -> this.driver.run(reads));
	}

}
