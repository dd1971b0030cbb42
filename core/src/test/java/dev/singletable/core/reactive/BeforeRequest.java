package dev.singletable.core.reactive;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Runs an action once, right before the next request of an operation is sent to the real server: another writer's
 * write forced between what a template read and what it writes next, on the blocking and the async client alike.
 */
final class BeforeRequest implements ExecutionInterceptor {

	private final AtomicReference<@Nullable Pending> pending = new AtomicReference<>();

	/** Runs the action before the next request of the operation (such as {@code TransactWriteItems}). */
	void once(String operation, Runnable action) {
		this.pending.set(new Pending(operation, action));
	}

	void reset() {
		this.pending.set(null);
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		Pending next = this.pending.get();
		if (next != null && next.operation().equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
				&& this.pending.compareAndSet(next, null)) {
			next.action().run();
		}
	}

	private record Pending(String operation, Runnable action) {
	}

}
