package dev.singletable.benchmarks.sdk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An {@link SdkHttpClient} that waits a configurable round-trip time before each request it passes on, as a
 * network between the client and DynamoDB would: every HTTP request (every attempt, retries included) costs the
 * delay once, on the calling thread, and nothing else changes. The wait sits below the SDK's whole pipeline
 * (signing, marshalling, interceptors), so every contender pays it exactly where a real network would make it
 * wait: between writing a request and reading its response. Requests from several threads wait concurrently,
 * as they would on separate connections.
 */
public final class DelayedHttpClient implements SdkHttpClient {

	private final SdkHttpClient delegate;

	private final AtomicLong delayed = new AtomicLong();

	private volatile long delayNanos;

	private volatile boolean spin = true;

	/**
	 * Creates a client without delay until {@link #delay(Duration)} sets one.
	 * @param delegate the real client
	 */
	public DelayedHttpClient(SdkHttpClient delegate) {
		this.delegate = delegate;
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
	 * Sets whether the wait spins off the last fraction of the round trip that a sleep may overshoot (the default:
	 * the round trip is then exact to a few microseconds, at the cost of up to 0.2 ms of the calling thread's CPU
	 * per request). Without spinning the wait only sleeps and lasts at least the round trip, as a timer's does;
	 * measurements that count the CPU of the calling threads turn spinning off.
	 * @param spin whether to spin
	 */
	public void spin(boolean spin) {
		this.spin = spin;
	}

	/**
	 * Returns how many requests waited the round trip since this client was made.
	 * @return the count
	 */
	public long delayed() {
		return this.delayed.get();
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		ExecutableHttpRequest real = this.delegate.prepareRequest(request);
		long nanos = this.delayNanos;
		if (nanos == 0) {
			return real;
		}
		this.delayed.incrementAndGet();
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				waitFor(nanos, DelayedHttpClient.this.spin);
				return real.call();
			}

			@Override
			public void abort() {
				real.abort();
			}

		};
	}

	/**
	 * Waits the whole round trip: sleeps, then spins off the last fraction the scheduler may overshoot, or sleeps
	 * it too.
	 */
	private static void waitFor(long nanos, boolean spin) throws InterruptedIOException {
		if (!spin) {
			sleep(nanos);
			return;
		}
		long end = System.nanoTime() + nanos;
		try {
			long remaining = nanos;
			while (remaining > 200_000) {
				Thread.sleep((remaining - 100_000) / 1_000_000, (int) ((remaining - 100_000) % 1_000_000));
				remaining = end - System.nanoTime();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while simulating the round trip");
		}
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

	private static void sleep(long nanos) throws InterruptedIOException {
		long end = System.nanoTime() + nanos;
		try {
			for (long remaining = nanos; remaining > 0; remaining = end - System.nanoTime()) {
				Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while simulating the round trip");
		}
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
