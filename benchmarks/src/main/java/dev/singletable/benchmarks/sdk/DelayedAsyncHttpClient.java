package dev.singletable.benchmarks.sdk;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The asynchronous counterpart of {@link DelayedHttpClient}: every HTTP request (every attempt) is passed to the
 * real client a configurable round-trip time after the SDK hands it over, as a network would make it wait — but
 * no thread waits: the request is parked on a timer ({@link ScheduledExecutorService}; the real client's own event
 * loops, whose timers a Netty channel's time-outs use too) and the calling thread returns at once. The SDK's
 * pipeline above it runs as usual, so an asynchronous contender pays the same round trip per request as a blocking
 * one on a {@link DelayedHttpClient}, without holding a thread for it and without a thread of the network's own.
 */
public final class DelayedAsyncHttpClient implements SdkAsyncHttpClient {

	private final SdkAsyncHttpClient delegate;

	private final ScheduledExecutorService timer;

	private final AtomicLong delayed = new AtomicLong();

	private volatile long delayNanos;

	/**
	 * Creates a client without delay until {@link #delay(Duration)} sets one.
	 * @param delegate the real client
	 * @param timer where requests wait: the real client's event loops (a Netty {@code EventLoopGroup} is a
	 * {@link ScheduledExecutorService}), so that the request is passed on from the thread that would send it; the
	 * caller shuts it down
	 */
	public DelayedAsyncHttpClient(SdkAsyncHttpClient delegate, ScheduledExecutorService timer) {
		this.delegate = delegate;
		this.timer = timer;
	}

	/**
	 * Sets the round-trip time added to every request from now on.
	 * @param delay the delay; zero for none
	 */
	public void delay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("A round-trip delay cannot be negative, got " + delay);
		}
		this.delayNanos = delay.toNanos();
	}

	/**
	 * Returns the round-trip time added to every request.
	 * @return the delay
	 */
	public Duration delay() {
		return Duration.ofNanos(this.delayNanos);
	}

	/**
	 * Returns how many requests waited the round trip since this client was made.
	 * @return the count
	 */
	public long delayed() {
		return this.delayed.get();
	}

	@Override
	public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
		long nanos = this.delayNanos;
		if (nanos == 0) {
			return this.delegate.execute(request);
		}
		this.delayed.incrementAndGet();
		CompletableFuture<Void> result = new CompletableFuture<>();
		ScheduledFuture<?> sent = this.timer.schedule(() -> {
			if (result.isDone()) {
				return;
			}
			CompletableFuture<Void> real = this.delegate.execute(request);
			real.whenComplete((ignored, failure) -> {
				if (failure != null) {
					result.completeExceptionally(failure);
				}
				else {
					result.complete(null);
				}
			});
			// the SDK cancels the future it was given (a timeout, a cancelled subscriber): pass it on
			result.whenComplete((ignored, failure) -> {
				if (result.isCancelled()) {
					real.cancel(true);
				}
			});
		}, nanos, TimeUnit.NANOSECONDS);
		result.whenComplete((ignored, failure) -> {
			if (result.isCancelled()) {
				sent.cancel(false);
			}
		});
		return result;
	}

	@Override
	public String clientName() {
		return "Delayed(" + this.delegate.clientName() + ")";
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
