package dev.singletable.core.internal.reactive;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The blocking client of the reactive template's planning components: every request fails with the
 * {@link UnsupportedOperationException} of {@link DynamoDbClient}'s default methods, naming the request.
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
