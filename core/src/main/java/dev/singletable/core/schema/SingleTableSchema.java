package dev.singletable.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.util.Assert;

import dev.singletable.internal.direct.TableDriver;
import dev.singletable.internal.format.ChangeStreams;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The table the single-table layout needs: {@code pk}/{@code sk} plus the {@code gsitype}, {@code gsi1},
 * {@code gsi2} and {@code gsi3} indexes of {@code simplesingletable}, and any extra indexes entities declare.
 * Creates such a table (on demand billing) and validates an existing one, naming what is missing.
 */
public final class SingleTableSchema {

	/** The indexes of the standard table. */
	public static final List<TableIndex> STANDARD_INDEXES = List.of(
			new TableIndex(ItemAttributes.TYPE_INDEX, ItemAttributes.GSI_TYPE, ItemAttributes.GSI_TYPE_SK),
			new TableIndex("gsi1", ItemAttributes.GSI1_PK, ItemAttributes.PK),
			new TableIndex("gsi2", ItemAttributes.GSI2_PK, ItemAttributes.PK),
			new TableIndex("gsi3", ItemAttributes.GSI3_PK, ItemAttributes.GSI3_SK));

	private final String tableName;

	private final List<TableIndex> indexes;

	private final boolean changeStream;

	private final SchemaPlans plans = new SchemaPlans(this);

	private SingleTableSchema(String tableName, List<TableIndex> indexes, boolean changeStream) {
		Assert.hasText(tableName, "Table name must not be empty");
		this.tableName = tableName;
		this.indexes = List.copyOf(indexes);
		this.changeStream = changeStream;
	}

	/**
	 * Returns the standard schema for the given table.
	 * @param tableName the table name
	 * @return the schema with the standard indexes
	 */
	public static SingleTableSchema standard(String tableName) {
		return new SingleTableSchema(tableName, STANDARD_INDEXES, false);
	}

	/**
	 * Returns a copy of this schema that also has the given indexes. An index whose name is already present
	 * must have the same keys.
	 * @param extra the extra indexes
	 * @return a new schema
	 * @throws IllegalArgumentException when an index name is reused with other keys
	 */
	public SingleTableSchema withIndexes(Iterable<TableIndex> extra) {
		Map<String, TableIndex> byName = new LinkedHashMap<>();
		// loops rather than lambdas: the auto-configured schema is made at start, where each lambda is a class spun
		for (TableIndex index : this.indexes) {
			byName.put(index.name(), index);
		}
		for (TableIndex index : extra) {
			TableIndex existing = byName.putIfAbsent(index.name(), index);
			if (existing != null && !existing.equals(index)) {
				throw new IllegalArgumentException("Index '" + index.name()
						+ "' is declared twice with different keys: " + existing + " and " + index);
			}
		}
		return new SingleTableSchema(this.tableName, new ArrayList<>(byName.values()), this.changeStream);
	}

	/**
	 * Returns a copy of this schema that also has every index the given entity types write keys for (standard
	 * indexes must keep their standard keys).
	 * @param entities the entity metadata, for example from {@code SingleTableMappingContext#getPersistentEntities()}
	 * @return a new schema
	 * @throws IllegalArgumentException when two types declare the same index with different keys
	 */
	public SingleTableSchema withEntityIndexes(Iterable<? extends SingleTablePersistentEntity<?>> entities) {
		List<TableIndex> extra = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			for (IndexDefinition definition : entity.getIndexDefinitions()) {
				if (!definition.isTypeIndex()) {
					extra.add(new TableIndex(definition.index(), definition.partitionAttribute(), definition.sortAttribute()));
				}
			}
		}
		return withIndexes(extra);
	}

	/**
	 * Returns a copy of this schema whose table has a stream of new and old images ({@code NEW_AND_OLD_IMAGES}), which
	 * change events ({@code dev.singletable.events.SingleTableChangeStream}) read: created with the table, enabled on
	 * an existing table by {@link #createMissingIndexes}, and reported missing by {@link #validate}.
	 * @return a new schema
	 */
	public SingleTableSchema withChangeStream() {
		return new SingleTableSchema(this.tableName, this.indexes, true);
	}

	/**
	 * Returns whether the table must have a stream of new and old images.
	 * @return whether change events are read from the table
	 */
	public boolean hasChangeStream() {
		return this.changeStream;
	}

	/**
	 * Returns the table name.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the indexes of this schema.
	 * @return the indexes, the standard ones first
	 */
	public List<TableIndex> getIndexes() {
		return this.indexes;
	}

	/**
	 * Builds the request that creates this table with on-demand billing.
	 * @return the create table request
	 */
	public CreateTableRequest toCreateTableRequest() {
		Set<String> attributes = new LinkedHashSet<>(List.of(ItemAttributes.PK, ItemAttributes.SK));
		List<GlobalSecondaryIndex> gsis = new ArrayList<>();
		for (TableIndex index : this.indexes) {
			attributes.add(index.partitionKey());
			List<KeySchemaElement> keys = new ArrayList<>();
			keys.add(key(index.partitionKey(), KeyType.HASH));
			if (index.sortKey() != null) {
				attributes.add(index.sortKey());
				keys.add(key(index.sortKey(), KeyType.RANGE));
			}
			gsis.add(GlobalSecondaryIndex.builder()
				.indexName(index.name())
				.keySchema(keys)
				.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
				.build());
		}
		return CreateTableRequest.builder()
			.tableName(this.tableName)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema(key(ItemAttributes.PK, KeyType.HASH), key(ItemAttributes.SK, KeyType.RANGE))
			.attributeDefinitions(attributes.stream()
				.map((name) -> AttributeDefinition.builder()
					.attributeName(name)
					.attributeType(ScalarAttributeType.S)
					.build())
				.toList())
			.globalSecondaryIndexes(gsis)
			.streamSpecification(this.changeStream ? ChangeStreams.SPECIFICATION : null)
			.build();
	}

	/**
	 * Creates the table and waits until it exists.
	 * @param client the client to use
	 */
	public void create(DynamoDbClient client) {
		new TableDriver(client).run(this.plans.create());
	}

	/**
	 * Creates the table unless a table of that name exists already.
	 * @param client the client to use
	 * @return {@literal true} when the table was created
	 */
	public boolean createIfMissing(DynamoDbClient client) {
		return Boolean.TRUE.equals(new TableDriver(client).run(this.plans.createIfMissing()));
	}

	/**
	 * Adds the indexes of this schema that the existing table lacks, one {@code UpdateTable} each (DynamoDB
	 * accepts one new index at a time), waiting until each is active, and, when the schema has a change stream and the
	 * table has no stream, enables it. Other differences are left for {@link #validate(DynamoDbClient)} to report.
	 * @param client the client to use
	 * @return the names of the indexes created, and {@code stream} when the stream was enabled
	 * @throws TableSchemaException when the table does not exist
	 */
	public List<String> createMissingIndexes(DynamoDbClient client) {
		List<String> created = new TableDriver(client).run(this.plans.createMissingIndexes());
		return (created != null) ? created : List.of();
	}

	/**
	 * Lists what the existing table lacks compared with this schema.
	 * @param client the client to use
	 * @return one sentence per problem; empty when the table fits
	 */
	public List<String> findProblems(DynamoDbClient client) {
		List<String> problems = new TableDriver(client).run(this.plans.findProblems());
		return (problems != null) ? problems : List.of();
	}

	/**
	 * Lists what the described table lacks compared with this schema.
	 * @param table the table description
	 * @return one sentence per problem; empty when the table fits
	 */
	public List<String> findProblems(TableDescription table) {
		List<String> problems = new ArrayList<>();
		if (table.tableStatus() != null && table.tableStatus() != TableStatus.ACTIVE
				&& table.tableStatus() != TableStatus.UPDATING) {
			problems.add("the table status is " + table.tableStatusAsString() + ", not ACTIVE");
		}
		if (!hasKeys(table.keySchema(), ItemAttributes.PK, ItemAttributes.SK)) {
			problems.add("the primary key must be pk (HASH, S) + sk (RANGE, S) but is " + describeKeys(table.keySchema()));
		}
		Map<String, GlobalSecondaryIndexDescription> existing = new LinkedHashMap<>();
		table.globalSecondaryIndexes().forEach((gsi) -> existing.put(gsi.indexName(), gsi));
		for (TableIndex index : this.indexes) {
			GlobalSecondaryIndexDescription gsi = existing.get(index.name());
			if (gsi == null) {
				problems.add("index '" + index.name() + "' is missing (HASH " + index.partitionKey()
						+ (index.sortKey() != null ? ", RANGE " + index.sortKey() : "") + ")");
			}
			else if (!hasKeys(gsi.keySchema(), index.partitionKey(), index.sortKey())) {
				problems.add("index '" + index.name() + "' must have HASH " + index.partitionKey()
						+ (index.sortKey() != null ? ", RANGE " + index.sortKey() : "") + " but has "
						+ describeKeys(gsi.keySchema()));
			}
			else if (gsi.projection() == null || gsi.projection().projectionType() != ProjectionType.ALL) {
				problems.add("index '" + index.name() + "' must project ALL attributes");
			}
		}
		String stream = this.changeStream ? ChangeStreams.problem(table) : null;
		if (stream != null) {
			problems.add("the table " + stream);
		}
		return problems;
	}

	/**
	 * Validates the existing table against this schema.
	 * @param client the client to use
	 * @throws TableSchemaException naming each problem when the table does not fit
	 */
	public void validate(DynamoDbClient client) {
		List<String> problems = findProblems(client);
		if (!problems.isEmpty()) {
			throw new TableSchemaException(this.tableName, problems);
		}
	}

	private static boolean hasKeys(List<KeySchemaElement> keys, String hash, String range) {
		String actualHash = null;
		String actualRange = null;
		for (KeySchemaElement key : keys) {
			if (key.keyType() == KeyType.HASH) {
				actualHash = key.attributeName();
			}
			else if (key.keyType() == KeyType.RANGE) {
				actualRange = key.attributeName();
			}
		}
		return Objects.equals(hash, actualHash) && Objects.equals(range, actualRange);
	}

	private static String describeKeys(List<KeySchemaElement> keys) {
		return keys.isEmpty() ? "nothing"
				: String.join(", ", keys.stream().map((key) -> key.keyTypeAsString() + " " + key.attributeName()).toList());
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

	@Override
	public String toString() {
		return "SingleTableSchema[" + this.tableName + ", indexes=" + this.indexes + "]";
	}

}
