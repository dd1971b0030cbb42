package dev.singletable.core;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link SingleTableDatabaseFactory} {@link SingleTableDatabaseFactory#create} makes: the client and the table
 * name, equal only to itself, so that two factories of one table bind two transactions.
 */
final class DefaultSingleTableDatabaseFactory implements SingleTableDatabaseFactory {

	private final DynamoDbClient client;

	private final String tableName;

	DefaultSingleTableDatabaseFactory(DynamoDbClient client, String tableName) {
		this.client = client;
		this.tableName = tableName;
	}

	@Override
	public DynamoDbClient getClient() {
		return this.client;
	}

	@Override
	public String getTableName() {
		return this.tableName;
	}

	@Override
	public String toString() {
		return "SingleTableDatabaseFactory[table '" + this.tableName + "']";
	}

}
