package dev.singletable.core.internal.reactive;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The blocking client of the reactive template's planning components ({@code WriteSupport} and the operations built
 * on it): every request fails with the {@link UnsupportedOperationException} of {@link DynamoDbClient}'s default
 * methods, naming the request. The reactive template reads what a plan needs itself, without blocking, and hands it
 * over; a plan that would still send a request blocking fails at once instead of holding an event loop thread. The
 * one exception: a {@code GetItem} of an item the reactive template read ahead for the build running on this thread
 * ({@link ReadAhead}) is answered with it, without any request.
 */
final class NoBlockingClient implements DynamoDbClient {

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	@Override
	public GetItemResponse getItem(GetItemRequest request) {
		Map<String, AttributeValue> item = ReadAhead.current().items().get(request.key());
		if (item == null) {
			return DynamoDbClient.super.getItem(request);
		}
		return GetItemResponse.builder().item(item.isEmpty() ? null : item).build();
	}

	@Override
	public void close() {
	}

}
