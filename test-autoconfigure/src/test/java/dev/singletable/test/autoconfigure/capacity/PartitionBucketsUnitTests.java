package dev.singletable.test.autoconfigure.capacity;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitions' token buckets without a server, on a clock the test moves: a write is admitted only while its
 * units are left (a key never serves more than its limit and its one second of burst, however eagerly it is asked),
 * an item bigger than a second of units waits for a full bucket and then puts it in debt, and a read needs only a
 * bucket that is not empty.
 */
class PartitionBucketsUnitTests {

	private final AtomicLong nanos = new AtomicLong();

	/** Scale factor 100: 10 write units and 30 read units a second. */
	private final PartitionBuckets buckets = new PartitionBuckets(100, this.nanos::get);

	@Test
	void aWriteIsAdmittedOnlyWhileItsUnitsAreLeft() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.buckets.available("gsitype", "Order", true, 1)).isTrue();
			this.buckets.consume("gsitype", "Order", true, 1);
		}
		assertThat(this.buckets.available("gsitype", "Order", true, 1)).as("the second's units are spent").isFalse();
		advanceMillis(50);
		assertThat(this.buckets.available("gsitype", "Order", true, 1)).as("half a unit refilled").isFalse();
		advanceMillis(50);
		assertThat(this.buckets.available("gsitype", "Order", true, 1)).isTrue();
		assertThat(this.buckets.available("gsitype", "Other", true, 1)).as("another key has its own bucket").isTrue();
	}

	@Test
	void aKeyAskedWithoutPauseServesItsLimitAndItsOneSecondOfBurstAndNoMore() {
		double served = 0;
		for (int step = 0; step < 100_000; step++) {
			// 100 s in steps of 1 ms, a 2-unit write tried at every step
			while (this.buckets.available(null, "Hot#1", true, 2)) {
				this.buckets.consume(null, "Hot#1", true, 2);
				served += 2;
			}
			advanceMillis(1);
		}
		assertThat(served).isLessThanOrEqualTo(10 * 100 + 10).isGreaterThanOrEqualTo(10 * 100 - 2);
	}

	@Test
	void anItemBiggerThanASecondOfUnitsWaitsForAFullBucketAndPutsItInDebt() {
		this.buckets.consume("gsitype", "Big", true, 1);
		assertThat(this.buckets.available("gsitype", "Big", true, 30)).as("the bucket is not full").isFalse();
		advanceMillis(100);
		assertThat(this.buckets.available("gsitype", "Big", true, 30)).isTrue();
		this.buckets.consume("gsitype", "Big", true, 30);
		advanceMillis(2_000);
		assertThat(this.buckets.available("gsitype", "Big", true, 1)).as("20 units of debt: 2 s to repay").isFalse();
		advanceMillis(100);
		assertThat(this.buckets.available("gsitype", "Big", true, 1)).isTrue();
	}

	@Test
	void aReadNeedsOnlyABucketThatIsNotEmptyAndIsBilledAfterItsAnswer() {
		this.buckets.consume(null, "Order#1", false, 29.5);
		assertThat(this.buckets.available(null, "Order#1", false, 0)).isTrue();
		this.buckets.consume(null, "Order#1", false, 8);
		assertThat(this.buckets.available(null, "Order#1", false, 0)).isFalse();
		assertThat(this.buckets.consumed(null, "Order#1", false)).isEqualTo(37.5);
	}

	private void advanceMillis(long millis) {
		this.nanos.addAndGet(millis * 1_000_000);
	}

}
