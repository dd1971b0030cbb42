package dev.singletable.core;

import dev.singletable.internal.direct.TableResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The resources of one DynamoDB table: the client that reaches it and its name. Every {@link SingleTableTemplate}
 * is built on one, and it is the key a {@link SingleTableTransactionManager} binds a transaction to the thread under,
 * so the writes of every template built on the same factory join one transaction, and those of a template on another
 * factory (another table, or the same table reached through another factory) do not.
 *
 * <pre class="code">
 * SingleTableDatabaseFactory factory = SingleTableDatabaseFactory.create(dynamoDbClient, "my-table");
 * SingleTableTemplate orders = new SingleTableTemplate(factory, orderConverter);
 * SingleTableTemplate audit = new SingleTableTemplate(factory, auditConverter);
 * SingleTableTransactionManager transactionManager = new SingleTableTransactionManager(factory);
 * </pre>
 *
 * In single-table design the table is the application's database, every entity type stored in it, so the factory of
 * its resources is named as Spring Data MongoDB's {@code MongoDatabaseFactory}, whose role it has: the transaction
 * manager depends on it, not on a template, and a template finds the transaction bound to the thread through it.
 * Spring Boot's auto-configuration declares one as a bean, built from the {@code DynamoDbClient} bean and
 * {@code singletable.table-name}. Factories are compared by identity.
 *
 * @see SingleTableTemplate#getDatabaseFactory()
 * @see SingleTableTransactionManager#getResourceFactory()
 */
public interface SingleTableDatabaseFactory {

	/**
	 * Returns the client that sends the table's requests.
	 * @return the DynamoDB client
	 */
	DynamoDbClient getClient();

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	String getTableName();

	/**
	 * Creates a factory for a table reached through the given client.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @return the factory
	 */
	static SingleTableDatabaseFactory create(DynamoDbClient client, String tableName) {
		// equal only to itself, so that two factories of one table bind two transactions
		final class Factory extends TableResources<DynamoDbClient> implements SingleTableDatabaseFactory {

			Factory() {
				super(client, "DynamoDbClient", tableName, "SingleTableDatabaseFactory");
			}

		}
		return new Factory();
	}

}
