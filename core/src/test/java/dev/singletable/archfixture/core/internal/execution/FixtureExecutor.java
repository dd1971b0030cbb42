package dev.singletable.archfixture.core.internal.execution;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Allowed: a driver, in the execution package, calls the client. */
public class FixtureExecutor {

	private final DynamoDbClient client;

	public FixtureExecutor(DynamoDbClient client) {
		this.client = client;
	}

	public int tables() {
		return this.client.listTables().tableNames().size();
	}

}
