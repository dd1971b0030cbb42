package dev.singletable.archfixture.core.internal.execution;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Core's request machinery, which evolution may use but must not build; allowed to call the client, being a
 * driver in the execution package.
 */
public class FixtureExecutor {

	private final @Nullable DynamoDbClient client;

	public FixtureExecutor() {
		this(null);
	}

	public FixtureExecutor(@Nullable DynamoDbClient client) {
		this.client = client;
	}

	public int tables() {
		DynamoDbClient client = this.client;
		return (client != null) ? client.listTables().tableNames().size() : 0;
	}

}
