package dev.singletable.core.internal.reactive;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The blocking client of the reactive template's planning components ({@code WriteSupport} and the operations built
 * on it): every request fails with the {@link UnsupportedOperationException} of {@link DynamoDbClient}'s default
 * methods, naming the request. The reactive template reads what a plan needs itself, without blocking, and hands it
 * over; a plan that would still send a request blocking fails at once instead of holding an event loop thread.
 */
final class NoBlockingClient implements DynamoDbClient {

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	@Override
	public void close() {
	}

}
