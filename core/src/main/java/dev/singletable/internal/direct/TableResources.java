package dev.singletable.internal.direct;

import org.springframework.util.Assert;

/**
 * What a database factory of either API is: the client that reaches one table and the table's name, checked when
 * made. It is equal only to itself, because a factory is the key its transactions are bound under: two factories of
 * one table bind two transactions. {@code SingleTableDatabaseFactory.create} and
 * {@code ReactiveSingleTableDatabaseFactory.create} each implement their interface on it with a class of their own.
 *
 * @param <C> the client type
 */
public class TableResources<C> {

	private final C client;

	private final String tableName;

	private final String factoryType;

	/**
	 * Creates the resources of a table.
	 * @param client the client; must not be {@literal null}
	 * @param clientType the simple name of the client's type, for the message when it is {@literal null}
	 * @param tableName the table name; must not be empty
	 * @param factoryType the simple name of the factory's interface, for {@link #toString()}
	 */
	protected TableResources(C client, String clientType, String tableName, String factoryType) {
		Assert.notNull(client, () -> clientType + " must not be null");
		Assert.hasText(tableName, "Table name must not be empty");
		this.client = client;
		this.tableName = tableName;
		this.factoryType = factoryType;
	}

	/**
	 * Returns the client that sends the table's requests.
	 * @return the client
	 */
	public final C getClient() {
		return this.client;
	}

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	public final String getTableName() {
		return this.tableName;
	}

	@Override
	public final String toString() {
		return this.factoryType + "[table '" + this.tableName + "']";
	}

}
