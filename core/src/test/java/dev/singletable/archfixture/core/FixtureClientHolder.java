package dev.singletable.archfixture.core;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Broken: holds and calls a client outside the driver packages. */
public class FixtureClientHolder {

	private final DynamoDbClient client;

	public FixtureClientHolder(DynamoDbClient client) {
		this.client = client;
	}

	public int tables() {
		return this.client.listTables().tableNames().size();
	}

}
