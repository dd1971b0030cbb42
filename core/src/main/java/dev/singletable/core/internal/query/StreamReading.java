package dev.singletable.core.internal.query;

import java.util.List;

import dev.singletable.core.internal.plan.Step;

/**
 * The reading of a stream as both query executors do it, without I/O: where it starts ({@link #start}: past its
 * offset by keys where {@link QueryPlans#batchesAfter} can, else with the results the caller drops,
 * {@link #skip()}), its cap (the {@link QuerySpec#limit() limit} beyond what the caller drops), how many results the
 * next batch asks for given what the caller still wants ({@link #wanted}), and which results of a batch the caller
 * gets ({@link #take}: none beyond the cap). The blocking executor pulls its batches with a page read ahead and asks
 * for everything left; the reactive one pulls them by demand, the subscriber's requests bounding what each asks
 * for. Read by one thread at a time.
 *
 * @param <T> the type of the results
 */
public final class StreamReading<T> {

	private final ResultBatches<T> batches;

	/** The most results the caller gets, those it drops included; {@link Long#MAX_VALUE} for no limit. */
	private final long cap;

	private final long skip;

	/** The results handed to the caller so far. */
	private long taken;

	private StreamReading(ResultBatches<T> batches, long cap, long skip) {
		this.batches = batches;
		this.cap = cap;
		this.skip = skip;
	}

	/**
	 * Starts the reading of a stream after an offset ({@link QueryPlans#batchesAfter}).
	 * @param plans the query plans
	 * @param spec the query
	 * @param offset how many results to pass over first
	 * @return the plan, done with the reading; it sends requests only when {@link #startReads} says so
	 */
	public static <T> Step<StreamReading<T>> start(QueryPlans plans, QuerySpec spec, long offset) {
		return plans.<T>batchesAfter(spec, offset).then((start) -> {
			long cap = (spec.limit() != null) ? spec.limit() + start.skip() : Long.MAX_VALUE;
			return Step.done(new StreamReading<>(start.batches(), cap, start.skip()));
		});
	}

	/**
	 * Returns whether starting a stream after the offset sends requests (it reads past the offset by keys), which
	 * the executors observe as a page of the stream.
	 */
	public static boolean startReads(QuerySpec spec, long offset) {
		return QueryPlans.skipsKeys(spec, offset);
	}

	/**
	 * Returns how many of the first results the caller drops (the offset, when it could not be read past by keys).
	 */
	public long skip() {
		return this.skip;
	}

	/**
	 * Returns whether another batch may bring results the caller gets: the cap is not reached and the batches
	 * have not ended.
	 */
	public boolean hasNext() {
		return this.taken < this.cap && this.batches.hasNext();
	}

	/**
	 * Returns whether the next batch sends requests (see {@link ResultBatches#reads()}).
	 */
	public boolean reads() {
		return this.batches.reads();
	}

	/**
	 * Returns the results handed to the caller so far.
	 */
	public long taken() {
		return this.taken;
	}

	/**
	 * How many results the next batch asks for: what the caller still wants, never more than the cap leaves.
	 * @param demand how many results the caller wants beyond those taken, {@link Long#MAX_VALUE} for all
	 * @return the number, {@link Long#MAX_VALUE} when neither bounds it (a whole page is read)
	 */
	public long wanted(long demand) {
		long left = (this.cap != Long.MAX_VALUE) ? this.cap - this.taken : Long.MAX_VALUE;
		return Math.min(demand, left);
	}

	/**
	 * The plan of the next batch, asking for what {@link #wanted} says.
	 * @param demand how many results the caller wants beyond those taken, {@link Long#MAX_VALUE} for all
	 * @return the plan, done with the batch's results
	 */
	public Step<List<T>> next(long demand) {
		return this.batches.next(wanted(demand));
	}

	/**
	 * Takes the results of a batch the caller gets: all of them, unless they go past the cap.
	 * @param results the batch's results
	 * @return the results the caller gets, in order
	 */
	public List<T> take(List<T> results) {
		List<T> taken = (this.taken + results.size() > this.cap) ? results.subList(0, (int) (this.cap - this.taken))
				: results;
		this.taken += taken.size();
		return taken;
	}

}
