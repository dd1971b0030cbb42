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
 * Its writes to resource items can be held until another instance claimed a backfill segment
 * ({@link #holdWritesUntilClaimedBy}; the internal writes go on), so that a test makes instances share a run.
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

	/** Makes the instance's writes to resource items wait until the other instance claimed a segment (a minute at most). */
	void holdWritesUntilClaimedBy(ResourceWrites other) {
		this.held = other.claimed;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		CountDownLatch latch = this.held;
		if (latch.getCount() > 0 && writesResource(context.request())) {
			try {
				latch.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private boolean writesResource(SdkRequest request) {
		if (request instanceof UpdateItemRequest update) {
			return isResource(update.key());
		}
		if (request instanceof PutItemRequest put) {
			return isResource(put.item());
		}
		if (request instanceof TransactWriteItemsRequest transaction) {
			return transaction.transactItems().stream().anyMatch((item) -> (item.update() != null
					&& isResource(item.update().key())) || (item.put() != null && isResource(item.put().item())));
		}
		return false;
	}

	private boolean isResource(Map<String, AttributeValue> key) {
		String pk = key.get("pk").s();
		for (String prefix : this.prefixes) {
			if (pk.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		if (request instanceof UpdateItemRequest update && update.key().get("pk").s().startsWith("_INTERNAL#Backfill#")
				&& update.key().get("sk").s().startsWith("segment#")) {
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
