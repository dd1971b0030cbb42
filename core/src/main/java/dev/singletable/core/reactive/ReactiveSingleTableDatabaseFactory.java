package dev.singletable.core.reactive;

import org.springframework.util.Assert;

import dev.singletable.core.SingleTableDatabaseFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The resources of one DynamoDB table for the reactive API: the async client that reaches it and its name, as
 * {@link SingleTableDatabaseFactory} is for the blocking one. Every {@link ReactiveSingleTableTemplate} is built on
 * one, and it is the key a {@link ReactiveSingleTableTransactionManager} binds a transaction under in the Reactor
 * context, so the writes of every reactive template built on the same factory join one transaction, and those of a
 * template on another factory do not (as Spring Data MongoDB's {@code ReactiveMongoDatabaseFactory}). Factories are
 * compared by identity. Spring Boot's auto-configuration declares one as a bean, built from the
 * {@code DynamoDbAsyncClient} bean and {@code singletable.table-name}.
 *
 * <pre class="code">
 * ReactiveSingleTableDatabaseFactory factory = ReactiveSingleTableDatabaseFactory.create(asyncClient, "my-table");
 * ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(factory, converter);
 * ReactiveSingleTableTransactionManager transactionManager = new ReactiveSingleTableTransactionManager(factory);
 * </pre>
 *
 * @see ReactiveSingleTableTemplate#getDatabaseFactory()
 * @see ReactiveSingleTableTransactionManager#getResourceFactory()
 */
public interface ReactiveSingleTableDatabaseFactory {

	/**
	 * Returns the async client that sends the table's requests.
	 * @return the async DynamoDB client
	 */
	DynamoDbAsyncClient getClient();

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	String getTableName();

	/**
	 * Creates a factory for a table reached through the given async client.
	 * @param client the async DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @return the factory
	 */
	static ReactiveSingleTableDatabaseFactory create(DynamoDbAsyncClient client, String tableName) {
		Assert.notNull(client, "DynamoDbAsyncClient must not be null");
		Assert.hasText(tableName, "Table name must not be empty");
		// equal only to itself, so that two factories of one table bind two transactions
		return new ReactiveSingleTableDatabaseFactory() {

			@Override
			public DynamoDbAsyncClient getClient() {
				return client;
			}

			@Override
			public String getTableName() {
				return tableName;
			}

			@Override
			public String toString() {
				return "ReactiveSingleTableDatabaseFactory[table '" + tableName + "']";
			}

		};
	}

}
