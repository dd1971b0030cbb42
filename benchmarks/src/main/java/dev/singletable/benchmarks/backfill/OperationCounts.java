package dev.singletable.benchmarks.backfill;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts a client's HTTP requests (attempts) by operation, keeping nothing else (a backfill of 100k items sends
 * 100k requests, and a counter that kept them would grow the heap the benchmark measures), and when the last
 * {@code UpdateItem} answered: a run's time after it is what the run spends after its last write.
 */
final class OperationCounts implements ExecutionInterceptor {

	private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.AtomicLong lastUpdate = new java.util.concurrent.atomic.AtomicLong();

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		this.attempts.computeIfAbsent((operation != null) ? operation : "unknown", (name) -> new LongAdder()).increment();
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		if ("UpdateItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
			this.lastUpdate.accumulateAndGet(System.nanoTime(), Math::max);
		}
	}

	/** When the last {@code UpdateItem} answered ({@link System#nanoTime()}), 0 when none did since the reset. */
	long lastUpdate() {
		return this.lastUpdate.get();
	}

	/** Attempts of one operation since the last reset. */
	long count(String operation) {
		LongAdder count = this.attempts.get(operation);
		return (count != null) ? count.sum() : 0;
	}

	/** Attempts of every operation since the last reset. */
	long total() {
		return this.attempts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** Attempts by operation since the last reset. */
	Map<String, Long> byOperation() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.attempts.forEach((operation, count) -> counts.put(operation, count.sum()));
		return counts;
	}

	void reset() {
		this.attempts.clear();
		this.lastUpdate.set(0);
	}

}
