package dev.singletable.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

import dev.singletable.autoconfigure.SingleTableProperties.TableCreation;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Prepares the table when the application starts, as {@code singletable.table.create} says: creates it with every
 * index the entities declare unless it exists, checks an existing one, or does nothing. A table that does not fit
 * fails startup with a {@link dev.singletable.core.schema.TableSchemaException} naming each missing table, index
 * or key attribute. The auto-configured template depends on this bean, so the table is ready before it is used.
 */
public class SingleTableSchemaInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(SingleTableSchemaInitializer.class);

	private final DynamoDbClient client;

	private final SingleTableSchema schema;

	private final TableCreation mode;

	private final boolean quiet;

	/**
	 * Creates an initializer.
	 * @param client the client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 * @param mode what to do with the table; must not be {@literal null}
	 */
	public SingleTableSchemaInitializer(DynamoDbClient client, SingleTableSchema schema, TableCreation mode) {
		this(client, schema, mode, false);
	}

	/**
	 * Creates an initializer.
	 * @param client the client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 * @param mode what to do with the table; must not be {@literal null}
	 * @param quiet whether to log a created table at debug level only, as for an embedded database that announces
	 * itself
	 */
	public SingleTableSchemaInitializer(DynamoDbClient client, SingleTableSchema schema, TableCreation mode,
			boolean quiet) {
		Assert.notNull(client, "DynamoDbClient must not be null");
		Assert.notNull(schema, "SingleTableSchema must not be null");
		Assert.notNull(mode, "TableCreation must not be null");
		this.client = client;
		this.schema = schema;
		this.mode = mode;
		this.quiet = quiet;
	}

	/**
	 * Prepares the table.
	 * @throws dev.singletable.core.schema.TableSchemaException when the table does not fit the schema
	 */
	@Override
	public void afterPropertiesSet() {
		initialize();
	}

	/**
	 * Prepares the table as the mode says.
	 * @return {@literal true} when the table was created
	 * @throws dev.singletable.core.schema.TableSchemaException when the table does not fit the schema
	 */
	public boolean initialize() {
		switch (this.mode) {
			case NONE -> {
				logger.debug("Leaving table '" + this.schema.getTableName() + "' unchecked (singletable.table.create=none)");
				return false;
			}
			case CREATE_IF_MISSING -> {
				if (this.schema.createIfMissing(this.client)) {
					String message = "Created DynamoDB table '" + this.schema.getTableName() + "' with indexes "
							+ this.schema.getIndexes().stream().map((index) -> index.name()).toList();
					if (this.quiet) {
						logger.debug(message);
					}
					else {
						logger.info(message);
					}
					return true;
				}
				List<String> added = this.schema.createMissingIndexes(this.client);
				if (!added.isEmpty()) {
					logger.info("Added indexes " + added + " to DynamoDB table '" + this.schema.getTableName() + "'");
				}
				this.schema.validate(this.client);
				return false;
			}
			case VALIDATE -> {
				this.schema.validate(this.client);
				return false;
			}
			default -> throw new IllegalStateException("Unknown table creation mode " + this.mode);
		}
	}

	/**
	 * Returns the schema the table must have.
	 * @return the schema
	 */
	public SingleTableSchema getSchema() {
		return this.schema;
	}

	/**
	 * Returns what this initializer does with the table.
	 * @return the mode
	 */
	public TableCreation getMode() {
		return this.mode;
	}

}
