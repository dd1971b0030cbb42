package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.internal.direct.BlockingLoop;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;

/**
 * Runs plans on the blocking clients: the {@link BlockingLoop} over their steps on the calling thread, each request
 * sent once through the {@link DynamoDbExecutor} (translation, observations, metrics; a transaction with the client
 * request token the plan gave it, a backoff counted as a retry), objects through the template's {@link BlobStorage}.
 */
public final class BlockingDriver {

	private final DynamoDbExecutor executor;

	/** Where the plans' object requests go, {@literal null}: the template has no blob storage. */
	private final @Nullable BlobStorage blobs;

	/** Runs the plans of a {@link Request.Plans} side by side; {@literal null}: one after another. */
	private final @Nullable ParallelRequests parallel;

	/** Whether the requests of one step are sent side by side through {@link #parallel} too. */
	private final boolean stepsSideBySide;

	/** Where each request goes. */
	private final RequestRoutes<@Nullable Object> routes;

	/**
	 * A driver that sends everything one after another on the calling thread.
	 */
	public BlockingDriver(DynamoDbExecutor executor) {
		this(executor, null, null, false);
	}

	/**
	 * A driver that runs the plans of a {@link Request.Plans} side by side through the given requests' pool
	 * (one after another without one), the requests of one step in order, and sends the plans' object requests to
	 * the given storage: the template's writes.
	 * @param blobs the template's blob storage, {@literal null} for none (an object request then fails)
	 */
	public BlockingDriver(DynamoDbExecutor executor, @Nullable ParallelRequests parallel,
			@Nullable BlobStorage blobs) {
		this(executor, parallel, blobs, false);
	}

	private BlockingDriver(DynamoDbExecutor executor, @Nullable ParallelRequests parallel,
			@Nullable BlobStorage blobs, boolean stepsSideBySide) {
		this.executor = executor;
		this.parallel = parallel;
		this.blobs = blobs;
		this.stepsSideBySide = stepsSideBySide;
		this.routes = new RequestRoutes<>(() -> effects(blobs));
	}

	/**
	 * A driver that also sends the requests of one step side by side through {@code parallel} (the reads of several
	 * partitions or chunks), as the reactive driver does: the template's reads.
	 */
	public static BlockingDriver sendingSideBySide(DynamoDbExecutor executor, ParallelRequests parallel) {
		return new BlockingDriver(executor, parallel, null, true);
	}

	public DynamoDbExecutor executor() {
		return this.executor;
	}

	/**
	 * Returns a driver of the same client, table and blob storage that reports to no metrics: for plans that belong
	 * to no operation of the template ({@link DynamoDbExecutor#withoutMetrics()}).
	 */
	public BlockingDriver withoutMetrics() {
		return new BlockingDriver(this.executor.withoutMetrics(), null, this.blobs, false);
	}

	/**
	 * Runs a plan to its end.
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan) {
		return run(plan, this.routes.noCaller());
	}

	/**
	 * Runs a plan to its end, its {@link Request.Caller} requests answered by {@code caller} on the calling thread
	 * (those of plans it runs side by side on other threads are refused).
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan, Function<Request.Caller, @Nullable Object> caller) {
		return BlockingLoop.run(plan, (requests) -> answers(requests, caller));
	}

	/**
	 * Answers the requests of one step: side by side when this driver sends them so (their caller's requests then
	 * refused, as on other threads), else one after another; a failure answered as it was thrown.
	 */
	private List<Answer> answers(List<Request> requests, Function<Request.Caller, @Nullable Object> caller) {
		if (this.stepsSideBySide && requests.size() > 1) {
			return all(requests.stream()
				.<Supplier<Answer>>map((request) -> () -> answer(request, this.routes.noCaller()))
				.toList(), true);
		}
		// on this thread without a task per request: every step of every operation comes here (a stream and a task
		// per step cost a create about 4 KB of allocation, see docs/BENCHMARKS.md)
		if (requests.size() == 1) {
			return List.of(answer(requests.get(0), caller));
		}
		List<Answer> answers = new ArrayList<>(requests.size());
		for (Request request : requests) {
			answers.add(answer(request, caller));
		}
		return answers;
	}

	/**
	 * Answers one request on the calling thread: what the {@link RequestRoutes} send it to answers, or its failure
	 * as it was thrown. Done here rather than through a supplier, as the direct drivers' loop answers: every request of
	 * every write comes here, and the supplier and its frame cost a create 2 to 3 KB of allocation (the JIT inlines
	 * less of what lies below), measured in docs/BENCHMARKS.md section 4.
	 */
	private Answer answer(Request request, Function<Request.Caller, @Nullable Object> caller) {
		try {
			return Answer.of(this.routes.send(request, caller));
		}
		catch (RuntimeException ex) {
			return Answer.failed(ex);
		}
	}

	/**
	 * Performs what the {@link RequestRoutes} decide, on the calling thread.
	 */
	private RequestRoutes.Effects<@Nullable Object> effects(@Nullable BlobStorage blobs) {
		return new RequestRoutes.Effects<>((dynamoDb) -> this.executor.send(dynamoDb), (transact) -> {
			this.executor.transactWriteItems(transact);
			return null;
		}, (reason, pause) -> {
			this.executor.retried(reason);
			return pause.get();
		}, (duration) -> {
			BlockingLoop.sleep(duration, (ex) -> DriverFailures.interrupted(
					"Interrupted while waiting to send a DynamoDB request again", ex));
			return null;
		}, (plan, serial) -> {
			BackgroundWork.shared().submit(() -> run(plan), serial);
			return null;
		}, this::runAll, (blobs != null) ? (blob) -> BlobStorageRequests.send(blobs, blob) : null, (ex) -> {
			throw ex;
		});
	}

	/**
	 * Runs plans side by side (see {@link ParallelRequests#runAll}): once one fails, none not yet started starts.
	 */
	private List<@Nullable Object> runAll(List<Step<?>> plans, Function<Request.Caller, @Nullable Object> caller) {
		Function<Request.Caller, @Nullable Object> answerer = (this.parallel != null) ? this.routes.noCaller() : caller;
		return all(plans.stream().<Supplier<@Nullable Object>>map((plan) -> () -> run(plan, answerer)).toList(), true);
	}

	/**
	 * Runs tasks side by side through {@link #parallel} when asked and this driver has it, else one after another
	 * on the calling thread (the first failure thrown as it is).
	 * @return their results, in the tasks' order
	 */
	private <T> List<T> all(List<Supplier<T>> tasks, boolean sideBySide) {
		ParallelRequests parallel = this.parallel;
		if (sideBySide && parallel != null) {
			return parallel.runAll(tasks);
		}
		return tasks.stream().map(Supplier::get).toList();
	}

}
