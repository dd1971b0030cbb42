package dev.singletable.core.internal.query;

import java.util.List;

import dev.singletable.internal.plan.Step;

/**
 * The reading of a stream as both query executors do it, without I/O: where it starts ({@link #start}: past its
 * offset by keys where {@link QueryPlans#batchesAfter} can, else with the results the caller drops,
 * {@link #skip()}), its cap (the {@link QuerySpec#limit() limit} beyond what the caller drops), the caller's demand
 * ({@link #request}), how many results the next batch asks for given the demand not yet met and the cap
 * ({@link #wanted}), and which results of a batch the caller gets ({@link #take}: none beyond the cap). The blocking
 * executor asks for everything at once and pulls its batches with a page read ahead; the reactive one pulls them by
 * demand, each subscriber request added as it comes. Read by one thread at a time.
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

	/** What the caller asked for so far, {@link Long#MAX_VALUE} for everything. */
	private long requested;

	private StreamReading(ResultBatches<T> batches, long cap, long skip) {
		this.batches = batches;
		this.cap = cap;
		this.skip = skip;
	}

	/**
	 * A step of a stream (its start, a batch) as both executors run it: its plan, and whether it sends requests,
	 * which the executors observe as a page of the stream ({@code query.stream}).
	 *
	 * @param <R> what the step is done with
	 * @param plan the step's plan
	 * @param reads whether it sends requests
	 */
	public record Read<R>(Step<R> plan, boolean reads) {
	}

	/**
	 * Starts the reading of a stream after an offset ({@link QueryPlans#batchesAfter}): it sends requests only when
	 * it reads past the offset by keys.
	 * @param plans the query plans
	 * @param spec the query
	 * @param offset how many results to pass over first
	 * @return the step, done with the reading
	 */
	public static <T> Read<StreamReading<T>> start(QueryPlans plans, QuerySpec spec, long offset) {
		return new Read<>(plans.<T>batchesAfter(spec, offset).then((start) -> {
			long cap = (spec.limit() != null) ? spec.limit() + start.skip() : Long.MAX_VALUE;
			return Step.done(new StreamReading<>(start.batches(), cap, start.skip()));
		}), QueryPlans.skipsKeys(spec, offset));
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
	 * Returns the results handed to the caller so far.
	 */
	public long taken() {
		return this.taken;
	}

	/**
	 * Adds to what the caller asked for.
	 * @param count how many more results it wants, {@link Long#MAX_VALUE} for all of them
	 */
	public void request(long count) {
		this.requested = (this.requested + count < 0) ? Long.MAX_VALUE : this.requested + count;
	}

	/**
	 * How many results the next batch asks for: what the caller asked for beyond those taken, never more than the
	 * cap leaves.
	 * @return the number, {@link Long#MAX_VALUE} when neither bounds it (a whole page is read)
	 */
	public long wanted() {
		long demand = (this.requested == Long.MAX_VALUE) ? Long.MAX_VALUE : this.requested - this.taken;
		long left = (this.cap != Long.MAX_VALUE) ? this.cap - this.taken : Long.MAX_VALUE;
		return Math.min(demand, left);
	}

	/**
	 * The next batch, asking for what {@link #wanted} says, and whether it sends requests (see
	 * {@link ResultBatches#reads()}).
	 * @return the step, done with the batch's results
	 */
	public Read<List<T>> next() {
		return new Read<>(this.batches.next(wanted()), this.batches.reads());
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
