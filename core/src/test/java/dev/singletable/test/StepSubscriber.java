package dev.singletable.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests results step by step and waits for them: it requests nothing on subscription, and
 * {@link #requestAndAwait(int, int)} requests some and waits until the results received reach a total.
 *
 * @param <T> the type of the results
 */
public final class StepSubscriber<T> extends BaseSubscriber<T> {

	/** The results received, in order. */
	public final List<T> results = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch arrived = new CountDownLatch(0);

	private volatile int awaited;

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
	}

	@Override
	protected void hookOnNext(T value) {
		this.results.add(value);
		if (this.results.size() >= this.awaited) {
			this.arrived.countDown();
		}
	}

	/**
	 * Requests results and waits (up to 10 seconds, asserting that they arrive) until {@code total} were received.
	 * @param count the number of results to request
	 * @param total the number of results received to wait for
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void requestAndAwait(int count, int total) throws InterruptedException {
		this.awaited = total;
		this.arrived = new CountDownLatch(1);
		request(count);
		assertThat(this.arrived.await(10, TimeUnit.SECONDS)).as("%d results arrived", total).isTrue();
	}

}
