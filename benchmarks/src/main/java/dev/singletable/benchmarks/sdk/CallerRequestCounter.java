package dev.singletable.benchmarks.sdk;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the requests of the client it is installed in that one thread sends, the caller the harness marks with
 * {@link #countCallerOf}: a synchronous client runs {@code beforeExecution} and {@code beforeTransmission} on the
 * thread that called it, so these are the requests sent before the answer, and the ones a write leaves for after
 * its answer (on singletable's background threads, or the floor's threads of its own) are not counted. As
 * {@code RequestCounter}, it tells apart <em>attempts</em> ({@link #attempts()}, counted in
 * {@code beforeTransmission}, each SDK retry again) and <em>calls</em> ({@link #calls()}, counted in
 * {@code beforeExecution}). Thread-safe.
 */
public final class CallerRequestCounter implements ExecutionInterceptor {

	private volatile @Nullable Thread caller;

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger calls = new AtomicInteger();

	/**
	 * Counts from now on the requests sent on the given thread alone.
	 * @param thread the caller, {@literal null} to count none
	 */
	public void countCallerOf(@Nullable Thread thread) {
		this.caller = thread;
	}

	/**
	 * Counts one call when it runs on the caller.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		if (onCaller()) {
			this.calls.incrementAndGet();
		}
	}

	/**
	 * Counts one attempt when it runs on the caller.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		if (onCaller()) {
			this.attempts.incrementAndGet();
		}
	}

	private boolean onCaller() {
		Thread caller = this.caller;
		return caller != null && Thread.currentThread() == caller;
	}

	/**
	 * Returns the attempts sent on the caller since the last reset.
	 * @return the number of attempts
	 */
	public int attempts() {
		return this.attempts.get();
	}

	/**
	 * Returns the calls made on the caller since the last reset.
	 * @return the number of calls
	 */
	public int calls() {
		return this.calls.get();
	}

	/**
	 * Forgets the attempts and calls counted so far (the caller stays marked).
	 */
	public void reset() {
		this.attempts.set(0);
		this.calls.set(0);
	}

}
