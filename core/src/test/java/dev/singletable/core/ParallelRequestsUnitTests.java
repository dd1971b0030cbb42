package dev.singletable.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A chain of fetches ahead ({@link ParallelRequests#ahead(Supplier, java.util.function.BooleanSupplier)}): the
 * helper goes from page to page by itself only while the consumer is already waiting for the page it has just
 * fetched, so it is never more than one page ahead, and hands every result and failure over in order.
 */
class ParallelRequestsUnitTests {

	/** Long enough for the consumer to be waiting when a fetch ends, even on a busy machine. */
	private static final long FETCH_MILLIS = 150;

	private final ParallelRequests parallel = new ParallelRequests("unit");

	private final AtomicInteger fetched = new AtomicInteger();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	@AfterEach
	void shutdown() {
		this.parallel.shutdown();
	}

	@Test
	void theHelperGoesFromPageToPageWhileTheConsumerWaitsForEach() {
		ParallelRequests.Ahead<Integer> ahead = this.parallel.ahead(this::fetch, () -> this.fetched.get() < 4);

		for (int page = 1; page <= 4; page++) {
			assertThat(ahead.get()).isEqualTo(page);
			assertThat(ahead.goesOn()).as("helper fetching page %d", page + 1).isEqualTo(page < 4);
		}

		assertThat(this.fetched).hasValue(4);
		assertThat(this.threads).hasSize(1).noneMatch((thread) -> thread == Thread.currentThread());
	}

	@Test
	void theHelperStopsAtThePageTheConsumerHasNotReached() throws InterruptedException {
		ParallelRequests.Ahead<Integer> ahead = this.parallel.ahead(this::fetch, () -> true);

		await(() -> this.fetched.get() == 1);
		Thread.sleep(3 * FETCH_MILLIS);

		// page 1 is ready but not taken: fetching page 2 would read two pages ahead
		assertThat(this.fetched).hasValue(1);
		assertThat(ahead.get()).isEqualTo(1);
		assertThat(ahead.goesOn()).isFalse();
		Thread.sleep(3 * FETCH_MILLIS);
		assertThat(this.fetched).hasValue(1);
	}

	@Test
	void aFailedFetchOfTheChainIsThrownToTheConsumerAtItsPageAndEndsTheChain() {
		ParallelRequests.Ahead<Integer> ahead = this.parallel.ahead(() -> {
			if (fetch() == 2) {
				throw new IllegalStateException("Page 2 failed");
			}
			return this.fetched.get();
		}, () -> true);

		assertThat(ahead.get()).isEqualTo(1);
		assertThat(ahead.goesOn()).isTrue();
		assertThatIllegalStateException().isThrownBy(ahead::get).withMessage("Page 2 failed");
		assertThat(ahead.goesOn()).isFalse();
		assertThat(this.fetched).hasValue(2);
	}

	@Test
	void withoutPrefetchingTheConsumerFetchesItsPageItself() {
		this.parallel.setPrefetch(false);
		ParallelRequests.Ahead<Integer> ahead = this.parallel.ahead(this::fetch, () -> true);

		assertThat(this.fetched).hasValue(0);
		assertThat(ahead.get()).isEqualTo(1);
		assertThat(ahead.goesOn()).isFalse();
		assertThat(this.threads).containsExactly(Thread.currentThread());
	}

	private int fetch() {
		this.threads.add(Thread.currentThread());
		try {
			Thread.sleep(FETCH_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return this.fetched.incrementAndGet();
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Condition not met within 5 s");
			}
			Thread.onSpinWait();
		}
	}

}
