package dev.singletable.autoconfigure.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.EventPublication.Status;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Runs actions in front of the real DynamoDB Local right before an outbox transition is sent, and right after it is
 * answered (or refused), by the status it moves a publication to: a latch there holds one instance's claim until
 * another instance's listener has marked the publication processing. A deletion is a completion (the delete completion
 * mode). An action can also run after each read of a status partition is answered, before the reader gets it.
 */
final class PublicationTransitionGate implements ExecutionInterceptor {

	private static final String PARTITION_PREFIX = "_INTERNAL#EventPublication#";

	private final Map<Status, Runnable> before = new ConcurrentHashMap<>();

	private final Map<Status, Runnable> after = new ConcurrentHashMap<>();

	private volatile @Nullable Runnable afterRead;

	/** Runs an action before each transition to a status is sent. */
	void before(Status to, Runnable action) {
		this.before.put(to, action);
	}

	/** Runs an action after each transition to a status is answered, whether its condition held or not. */
	void after(Status to, Runnable action) {
		this.after.put(to, action);
	}

	/** Runs an action after each query of a status partition of the outbox is answered, before it is returned. */
	void afterRead(Runnable action) {
		this.afterRead = action;
	}

	void clear() {
		this.before.clear();
		this.after.clear();
		this.afterRead = null;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		run(this.before, context.request());
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		run(this.after, context.request());
		Runnable read = this.afterRead;
		if (read != null && context.request() instanceof QueryRequest query && query.hasExpressionAttributeValues()
				&& query.expressionAttributeValues().containsKey(":partition")
				&& query.expressionAttributeValues().get(":partition").s().startsWith(PARTITION_PREFIX)) {
			read.run();
		}
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		run(this.after, context.request());
	}

	private static void run(Map<Status, Runnable> actions, SdkRequest request) {
		Status to = transitionTo(request);
		Runnable action = (to != null) ? actions.get(to) : null;
		if (action != null) {
			action.run();
		}
	}

	/** The status an outbox transition moves a publication to, read from the type-index partition it sets. */
	private static @Nullable Status transitionTo(SdkRequest request) {
		if (request instanceof DeleteItemRequest delete
				&& delete.key().get("pk").s().startsWith(PARTITION_PREFIX)) {
			return Status.COMPLETED;
		}
		if (!(request instanceof UpdateItemRequest update) || !update.hasExpressionAttributeValues()) {
			return null;
		}
		AttributeValue partition = update.expressionAttributeValues().get(":partition");
		if (partition == null || partition.s() == null || !partition.s().startsWith(PARTITION_PREFIX)) {
			return null;
		}
		String status = partition.s().substring(PARTITION_PREFIX.length());
		return "ARCHIVED".equals(status) ? Status.COMPLETED : Status.valueOf(status);
	}

	/**
	 * Waits for a latch, failing the request (and so the test) rather than hanging when it is not released in time.
	 */
	static void await(CountDownLatch latch, String what) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Waited 20 s in vain for " + what);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted waiting for " + what, ex);
		}
	}

}
