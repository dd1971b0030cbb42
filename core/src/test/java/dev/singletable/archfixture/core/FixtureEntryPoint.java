package dev.singletable.archfixture.core;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An entry point: receives the user's client and hands it on, never calls it. */
public class FixtureEntryPoint {

	private final DynamoDbClient client;

	public FixtureEntryPoint(DynamoDbClient client) {
		this.client = client;
	}

	public DynamoDbClient getClient() {
		return this.client;
	}

}
