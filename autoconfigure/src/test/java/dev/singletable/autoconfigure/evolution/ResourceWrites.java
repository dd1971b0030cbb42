package dev.singletable.autoconfigure.evolution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts, per item key, the successful writes an application instance's client made to resource items (those whose
 * {@code pk} starts with one of the given prefixes), leaving out the internal items (records, leases, segments).
 * Its claims of backfill segments can be held until another instance claimed one
 * ({@link #holdClaimsUntilClaimedBy}), so that a test makes instances share a run; nothing waits while it holds a
 * lease.
 */
final class ResourceWrites implements ExecutionInterceptor {

	private final String[] prefixes;

	private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

	private volatile CountDownLatch held = new CountDownLatch(0);

	/** Counted down when this instance claimed a backfill segment. */
	private final CountDownLatch claimed = new CountDownLatch(1);

	ResourceWrites(String... prefixes) {
		this.prefixes = prefixes;
	}

	/** Makes the instance's segment claims wait until the other instance claimed a segment (a minute at most). */
	void holdClaimsUntilClaimedBy(ResourceWrites other) {
		this.held = other.claimed;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		CountDownLatch latch = this.held;
		if (latch.getCount() > 0 && isSegmentClaim(context.request())) {
			try {
				latch.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static boolean isSegmentClaim(SdkRequest request) {
		return request instanceof UpdateItemRequest update
				&& update.key().get("pk").s().startsWith("_INTERNAL#Backfill#")
				&& update.key().get("sk").s().startsWith("segment#");
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		if (isSegmentClaim(request)) {
			this.claimed.countDown();
		}
		if (request instanceof UpdateItemRequest update) {
			count(update.key());
		}
		else if (request instanceof PutItemRequest put) {
			count(put.item());
		}
		else if (request instanceof TransactWriteItemsRequest transaction) {
			for (TransactWriteItem item : transaction.transactItems()) {
				if (item.update() != null) {
					count(item.update().key());
				}
				if (item.put() != null) {
					count(item.put().item());
				}
			}
		}
	}

	private void count(Map<String, AttributeValue> key) {
		String pk = key.get("pk").s();
		for (String prefix : this.prefixes) {
			if (pk.startsWith(prefix)) {
				this.writes.computeIfAbsent(pk + "|" + key.get("sk").s(), (k) -> new AtomicInteger()).incrementAndGet();
				return;
			}
		}
	}

	/**
	 * Returns the writes per item key, {@code pk|sk}.
	 */
	Map<String, AtomicInteger> byKey() {
		return this.writes;
	}

}
