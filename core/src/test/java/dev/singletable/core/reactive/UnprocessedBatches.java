package dev.singletable.core.reactive;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Holds back the second half of the next batch requests from the real server and reports it as unprocessed, as
 * DynamoDB does under load: a {@code BatchWriteItem}'s writes ({@code UnprocessedItems}) or a {@code BatchGetItem}'s
 * keys ({@code UnprocessedKeys}). The server never sees what is held back, so only a retry of it writes or reads it.
 * Works on the blocking and the async client alike: what one request held back travels in its execution
 * attributes, not in a thread.
 */
final class UnprocessedBatches implements ExecutionInterceptor {

	private static final ExecutionAttribute<List<WriteRequest>> HELD_WRITES = new ExecutionAttribute<>(
			"UnprocessedBatches.writes");

	private static final ExecutionAttribute<KeysAndAttributes> HELD_KEYS = new ExecutionAttribute<>(
			"UnprocessedBatches.keys");

	private final AtomicInteger writes = new AtomicInteger();

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicInteger heldBack = new AtomicInteger();

	/** Holds back half of each of the next {@code batches} {@code BatchWriteItem} requests. */
	void holdBackWrites(int batches) {
		this.writes.set(batches);
	}

	/** Holds back half of each of the next {@code batches} {@code BatchGetItem} requests. */
	void holdBackReads(int batches) {
		this.reads.set(batches);
	}

	/** How many writes and keys were held back since {@link #reset()}. */
	int heldBack() {
		return this.heldBack.get();
	}

	void reset() {
		this.writes.set(0);
		this.reads.set(0);
		this.heldBack.set(0);
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
		if (context.request() instanceof BatchWriteItemRequest request && request.requestItems().size() == 1
				&& this.writes.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			Map.Entry<String, List<WriteRequest>> table = request.requestItems().entrySet().iterator().next();
			List<WriteRequest> all = table.getValue();
			int keep = all.size() / 2;
			attributes.putAttribute(HELD_WRITES, List.copyOf(all.subList(keep, all.size())));
			this.heldBack.addAndGet(all.size() - keep);
			return request.toBuilder().requestItems(Map.of(table.getKey(), all.subList(0, keep))).build();
		}
		if (context.request() instanceof BatchGetItemRequest request && request.requestItems().size() == 1
				&& this.reads.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			Map.Entry<String, KeysAndAttributes> table = request.requestItems().entrySet().iterator().next();
			List<Map<String, AttributeValue>> keys = table.getValue().keys();
			int keep = keys.size() / 2;
			attributes.putAttribute(HELD_KEYS,
					table.getValue().toBuilder().keys(List.copyOf(keys.subList(keep, keys.size()))).build());
			this.heldBack.addAndGet(keys.size() - keep);
			return request.toBuilder()
				.requestItems(Map.of(table.getKey(), table.getValue().toBuilder().keys(keys.subList(0, keep)).build()))
				.build();
		}
		return context.request();
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
		List<WriteRequest> writes = attributes.getAttribute(HELD_WRITES);
		if (writes != null && context.response() instanceof BatchWriteItemResponse response) {
			String table = ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
			return response.toBuilder().unprocessedItems(Map.of(table, writes)).build();
		}
		KeysAndAttributes keys = attributes.getAttribute(HELD_KEYS);
		if (keys != null && context.response() instanceof BatchGetItemResponse response) {
			String table = ((BatchGetItemRequest) context.request()).requestItems().keySet().iterator().next();
			return response.toBuilder().unprocessedKeys(Map.of(table, keys)).build();
		}
		return context.response();
	}

}
