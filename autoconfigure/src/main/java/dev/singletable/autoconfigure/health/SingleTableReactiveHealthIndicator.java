package dev.singletable.autoconfigure.health;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.evolution.DriftReport;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Reactive health indicator of the single table, from one non-blocking {@code DescribeTable} call on the
 * {@link DynamoDbAsyncClient}: the same details and status as {@link SingleTableHealthIndicator} (table name, status,
 * item count estimate, indexes, drift when given), without holding a thread while DynamoDB answers. Shown as
 * {@code singletable} in reactive applications.
 */
public class SingleTableReactiveHealthIndicator extends AbstractReactiveHealthIndicator {

	private final DynamoDbAsyncClient client;

	private final SingleTableSchema schema;

	private final @Nullable Supplier<DriftReport> drift;

	/**
	 * Creates an indicator for the table of the given schema.
	 * @param client the async client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 */
	public SingleTableReactiveHealthIndicator(DynamoDbAsyncClient client, SingleTableSchema schema) {
		this(client, schema, null);
	}

	/**
	 * Creates an indicator for the table of the given schema that also shows the drift of stored items from the
	 * types' definitions (detail {@code drift}), for example {@code definitions::getReport}.
	 * @param client the async client to use; must not be {@literal null}
	 * @param schema the schema the table must have; must not be {@literal null}
	 * @param drift returns the drift as it stands, or {@literal null} not to show it
	 */
	public SingleTableReactiveHealthIndicator(DynamoDbAsyncClient client, SingleTableSchema schema,
			@Nullable Supplier<DriftReport> drift) {
		super("DynamoDB single-table health check failed");
		Assert.notNull(client, "DynamoDbAsyncClient must not be null");
		Assert.notNull(schema, "SingleTableSchema must not be null");
		this.client = client;
		this.schema = schema;
		this.drift = drift;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		String tableName = this.schema.getTableName();
		builder.withDetail("tableName", tableName);
		return Mono.defer(() -> Mono.fromFuture(this.client.describeTable((request) -> request.tableName(tableName))))
			.map((response) -> {
				TableHealth.describe(builder, response.table(), this.schema, null, this.drift);
				return builder.build();
			})
			.onErrorResume((ex) -> TableHealth.isUnavailable(unwrap(ex)), (ex) -> {
				TableHealth.unavailable(builder, unwrap(ex));
				return Mono.just(builder.build());
			});
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
