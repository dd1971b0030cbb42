package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.internal.plan.Answer;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.Step;

/**
 * Runs plans on the blocking clients: a loop over their steps on the calling thread, each request sent through the
 * {@link DynamoDbExecutor} (translation, observations, metrics), transactions through the {@link TransactionWriter}
 * (client request token, transient retries), objects through the template's {@link BlobStorage}.
 */
public final class BlockingDriver {

	private final DynamoDbExecutor executor;

	private final TransactionWriter transactions;

	private final @Nullable ParallelRequests parallel;

	private volatile Supplier<@Nullable BlobStorage> blobs = () -> null;

	/**
	 * A driver that runs the plans of a {@link Request.Plans} one after another.
	 */
	public BlockingDriver(DynamoDbExecutor executor) {
		this(executor, null);
	}

	/**
	 * A driver that runs the plans of a {@link Request.Plans} side by side through the given requests' pool
	 * (sequentially without one).
	 */
	public BlockingDriver(DynamoDbExecutor executor, @Nullable ParallelRequests parallel) {
		this.executor = executor;
		this.transactions = new TransactionWriter(executor);
		this.parallel = parallel;
	}

	/**
	 * Sets the blob storage the plans' object requests go to; {@literal null} for none.
	 */
	public void setBlobStorage(@Nullable BlobStorage blobs) {
		this.blobs = () -> blobs;
	}

	/**
	 * Sends the plans' object requests to the blob storage the given source holds when they are sent (the
	 * template's, which may be set after this driver is made).
	 */
	public void useBlobStorageOf(Supplier<@Nullable BlobStorage> blobs) {
		this.blobs = blobs;
	}

	public DynamoDbExecutor executor() {
		return this.executor;
	}

	/**
	 * Runs a plan to its end.
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan) {
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answers = new ArrayList<>(send.requests().size());
			for (Request request : send.requests()) {
				answers.add(answer(request));
			}
			step = send.then().apply(answers);
		}
		return ((Step.Done<R>) step).result();
	}

	private Answer answer(Request request) {
		try {
			return Answer.of(send(request));
		}
		catch (RuntimeException ex) {
			return Answer.failed(ex);
		}
	}

	private @Nullable Object send(Request request) {
		if (request instanceof Request.Plain plain) {
			return this.executor.execute((client) -> DynamoDbRequests.send(client, plain.request()));
		}
		if (request instanceof Request.Conditional conditional) {
			return this.executor.executeConditional((client) -> DynamoDbRequests.send(client, conditional.request()));
		}
		if (request instanceof Request.Write write) {
			return this.executor.executeWrite((client) -> DynamoDbRequests.send(client, write.request()),
					DynamoDbRequests.name(write.request()), null);
		}
		if (request instanceof Request.Transact transact) {
			this.transactions.write(transact.items());
			return null;
		}
		if (request instanceof Request.Backoff backoff) {
			this.executor.backoff(backoff.attempt(), backoff.reason());
			return null;
		}
		if (request instanceof Request.Wait wait) {
			sleep(wait.duration().toMillis());
			return null;
		}
		if (request instanceof Request.Plans plans) {
			return runAll(plans.plans());
		}
		return sendToBlobs(request);
	}

	/**
	 * Runs plans side by side (see {@link ParallelRequests#runAll}): once one fails, none not yet started starts.
	 */
	private List<@Nullable Object> runAll(List<Step<?>> plans) {
		List<Supplier<@Nullable Object>> tasks = new ArrayList<>(plans.size());
		for (Step<?> plan : plans) {
			tasks.add(() -> run(plan));
		}
		ParallelRequests parallel = this.parallel;
		if (parallel != null) {
			return parallel.runAll(tasks);
		}
		List<@Nullable Object> results = new ArrayList<>(tasks.size());
		for (Supplier<@Nullable Object> task : tasks) {
			results.add(task.get());
		}
		return results;
	}

	private Object sendToBlobs(Request request) {
		BlobStorage blobs = this.blobs.get();
		if (blobs == null) {
			throw new IllegalStateException("A plan asked for an object request (" + request.getClass().getSimpleName()
					+ ") of a template without blob storage");
		}
		if (request instanceof Request.PutBlob put) {
			return put.ifAbsent() ? blobs.writeIfAbsent(put.blob()) : blobs.write(put.blob());
		}
		if (request instanceof Request.HoldsBlob holds) {
			return blobs.holds(holds.location(), holds.blob());
		}
		if (request instanceof Request.CopyBlob copy) {
			return blobs.copy(copy.from(), copy.to());
		}
		if (request instanceof Request.DeleteBlobs delete) {
			return blobs.deleteAll(delete.locations());
		}
		if (request instanceof Request.DeleteBlobResource resource) {
			return blobs.deleteResource(resource.type(), resource.id());
		}
		Request.ListBlobs list = (Request.ListBlobs) request;
		return blobs.listVersioned(list.type(), list.id());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while waiting to send a DynamoDB request again",
					ex);
		}
	}

}
