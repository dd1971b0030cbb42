package dev.singletable.core.reactive;

import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.internal.direct.TableResources;
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
		// equal only to itself, so that two factories of one table bind two transactions
		final class Factory extends TableResources<DynamoDbAsyncClient> implements ReactiveSingleTableDatabaseFactory {

			Factory() {
				super(client, "DynamoDbAsyncClient", tableName, "ReactiveSingleTableDatabaseFactory");
			}

		}
		return new Factory();
	}

}
