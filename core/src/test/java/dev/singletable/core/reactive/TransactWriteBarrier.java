package dev.singletable.core.reactive;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Holds the first {@code parties} {@code TransactWriteItems} attempts before transmission until all of them
 * arrived (at most 10 seconds), then lets every later one through.
 */
final class TransactWriteBarrier implements ExecutionInterceptor {

	private volatile CountDownLatch arrived = new CountDownLatch(0);

	private final AtomicInteger held = new AtomicInteger();

	void arm(int parties) {
		this.held.set(0);
		this.arrived = new CountDownLatch(parties);
	}

	int held() {
		return this.held.get();
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		CountDownLatch latch = this.arrived;
		if (!"TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
				|| latch.getCount() == 0) {
			return;
		}
		latch.countDown();
		try {
			if (latch.await(10, TimeUnit.SECONDS)) {
				// counted only when both were held at once
				this.held.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
