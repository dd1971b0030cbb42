package dev.singletable.autoconfigure.health;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.evolution.DriftReport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Health indicator of the single table, from one {@code DescribeTable} call. {@code UP} with the table name, its
 * status, DynamoDB's item count estimate (refreshed about every six hours) and its index names when the table fits
 * the {@link SingleTableSchema} (and, when given, the drift of stored items from the types' definitions); {@code DOWN} with the reason when the table is missing, not active, lacks an index
 * or key attribute, or cannot be described; {@code OUT_OF_SERVICE} when it fits but this instance refuses the writes
 * of a type whose definitions another instance of the fleet recorded newer (see
 * {@link DriftReport#staleDefinitions()}).
 */
public class SingleTableHealthIndicator extends AbstractHealthIndicator {

	private final DynamoDbClient client;

	private final SingleTableSchema schema;

	private final @Nullable Supplier<Map<String, Long>> countsByType;

	private final @Nullable Supplier<DriftReport> drift;

	/**
	 * Creates an indicator for the table of the given schema.
	 * @param client the client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 */
	public SingleTableHealthIndicator(DynamoDbClient client, SingleTableSchema schema) {
		this(client, schema, null);
	}

	/**
	 * Creates an indicator for the table of the given schema that also shows the per-type counts (detail
	 * {@code countsByType}), for example {@code template::countsByType}; a failure to read them is shown as
	 * {@code countsByTypeError} without changing the status.
	 * @param client the client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 * @param countsByType reads the per-type counts, or {@literal null} not to show them
	 */
	public SingleTableHealthIndicator(DynamoDbClient client, SingleTableSchema schema,
			@Nullable Supplier<Map<String, Long>> countsByType) {
		this(client, schema, countsByType, null);
	}

	/**
	 * Creates an indicator for the table of the given schema that also shows the per-type counts and the drift of
	 * stored items from the types' definitions (detail {@code drift}: per type, each drifted index or part with what
	 * changed, the fix and whether its queries are refused), for example
	 * {@code definitions::getReport}. Drift leaves the status {@code UP}: the table serves every other query. Stale
	 * definitions (a newer version recorded its definitions) are shown under the type's {@code staleDefinitions},
	 * and make the status {@code OUT_OF_SERVICE} while their writes are refused.
	 * @param client the client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 * @param countsByType reads the per-type counts, or {@literal null} not to show them
	 * @param drift returns the drift as it stands, or {@literal null} not to show it
	 */
	public SingleTableHealthIndicator(DynamoDbClient client, SingleTableSchema schema,
			@Nullable Supplier<Map<String, Long>> countsByType, @Nullable Supplier<DriftReport> drift) {
		super("DynamoDB single-table health check failed");
		this.countsByType = countsByType;
		this.drift = drift;
		Assert.notNull(client, "DynamoDbClient must not be null");
		Assert.notNull(schema, "SingleTableSchema must not be null");
		this.client = client;
		this.schema = schema;
	}

	/**
	 * Describes the table and reports whether it fits the schema.
	 * @param builder the health builder
	 */
	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String tableName = this.schema.getTableName();
		builder.withDetail("tableName", tableName);
		TableDescription table;
		try {
			table = this.client.describeTable((request) -> request.tableName(tableName)).table();
		}
		catch (SdkException ex) {
			TableHealth.unavailable(builder, ex);
			return;
		}
		TableHealth.describe(builder, table, this.schema, this.countsByType, this.drift);
	}

}
