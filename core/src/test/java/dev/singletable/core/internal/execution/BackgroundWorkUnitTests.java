package dev.singletable.core.internal.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process's background pool: {@link BackgroundWork#awaitIdle} waits for the work handed off, and no longer,
 * and the work of one serial key runs in the order it was handed off.
 */
class BackgroundWorkUnitTests {

	private final BackgroundWork work = BackgroundWork.shared();

	@Test
	void awaitIdleWaitsForTheWorkHandedOffAndEndsWhenItEnds() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean ran = new AtomicBoolean();
		this.work.submit(() -> {
			started.countDown();
			await(release);
			ran.set(true);
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(this.work.awaitIdle(Duration.ofMillis(50))).isFalse();

		CountDownLatch idle = new CountDownLatch(1);
		Thread waiter = new Thread(() -> {
			if (this.work.awaitIdle(Duration.ofSeconds(30))) {
				idle.countDown();
			}
		});
		waiter.start();
		assertThat(idle.await(100, TimeUnit.MILLISECONDS)).isFalse();
		release.countDown();
		assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isTrue();
		waiter.join(10_000);
	}

	@Test
	void anInterruptedWaitEndsAtOnceKeepingTheInterrupt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.work.submit(() -> await(release));
		try {
			Thread.currentThread().interrupt();
			assertThat(this.work.awaitIdle(Duration.ofSeconds(30))).isFalse();
			assertThat(Thread.interrupted()).isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(this.work.awaitIdle(Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void theWorkOfOneKeyRunsInTheOrderItWasHandedOff() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> order = Collections.synchronizedList(new ArrayList<>());
		this.work.submit(() -> {
			await(release);
			order.add(0);
		}, "Article#1");
		for (int i = 1; i <= 20; i++) {
			int index = i;
			this.work.submit(() -> order.add(index), "Article#1");
		}
		assertThat(order).isEmpty();

		release.countDown();

		assertThat(this.work.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(order).hasSize(21).isSorted();
	}

	@Test
	void thePoolsThreadsAreDaemonsNamedWithThePrefixAndNumbered() {
		ThreadFactory daemons = BackgroundWork.daemons("singletable-orders-");

		Thread first = daemons.newThread(() -> {
		});
		Thread second = daemons.newThread(() -> {
		});

		assertThat(first.isDaemon()).isTrue();
		assertThat(second.isDaemon()).isTrue();
		assertThat(first.getName()).isEqualTo("singletable-orders-1");
		assertThat(second.getName()).isEqualTo("singletable-orders-2");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
