package dev.singletable.core.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ChangeStreams;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The plans of a {@link SingleTableSchema}'s table administration: describe the table, create it and wait until it
 * exists, add the indexes it lacks one at a time and wait until each is active, list its problems. No I/O: the
 * schema's driver sends the requests on the user's client, untranslated.
 */
final class SchemaPlans {

	/** How long the wait for a new table lasts between two descriptions (the SDK waiter's delay). */
	static final Duration TABLE_DELAY = Duration.ofSeconds(20);

	/** How many descriptions the wait for a new table makes at most (the SDK waiter's attempts). */
	static final int TABLE_ATTEMPTS = 25;

	/** How long the wait for a new index lasts between two descriptions. */
	static final Duration INDEX_DELAY = Duration.ofMillis(200);

	/** How long a new index may take to become active. */
	static final long INDEX_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(30);

	private final SingleTableSchema schema;

	SchemaPlans(SingleTableSchema schema) {
		this.schema = schema;
	}

	/**
	 * Describes the table: {@literal null} when it does not exist.
	 */
	Step<@Nullable TableDescription> describe() {
		DescribeTableRequest request = DescribeTableRequest.builder().tableName(this.schema.getTableName()).build();
		return Step.send(new Request.Plain(request), (answer) -> {
			if (answer.failure() instanceof ResourceNotFoundException) {
				return Step.done(null);
			}
			return Step.done(answer.get(DescribeTableResponse.class).table());
		});
	}

	/**
	 * Creates the table, then describes it until it is {@code ACTIVE}, as the SDK's {@code TableExists} waiter does.
	 */
	Step<Void> create() {
		return Step.send(new Request.Plain(this.schema.toCreateTableRequest()), (answer) -> {
			answer.orThrow();
			return awaitTable(1);
		});
	}

	private Step<Void> awaitTable(int attempt) {
		return describe().then((table) -> {
			if (table != null && table.tableStatus() == TableStatus.ACTIVE) {
				return Step.done(null);
			}
			if (attempt >= TABLE_ATTEMPTS) {
				throw new TableSchemaException(this.schema.getTableName(),
						List.of("the table did not become ACTIVE after " + TABLE_ATTEMPTS + " descriptions"));
			}
			return Step.send(new Request.Wait(TABLE_DELAY), (waited) -> awaitTable(attempt + 1));
		});
	}

	/**
	 * Creates the table unless one of that name exists: {@literal true} when it was created.
	 */
	Step<Boolean> createIfMissing() {
		return describe().then((table) -> (table != null) ? Step.done(false) : create().then((created) -> Step.done(true)));
	}

	/**
	 * Adds the indexes the existing table lacks, one {@code UpdateTable} each, waiting until each is active.
	 * @return the names of the indexes created
	 */
	Step<List<String>> createMissingIndexes() {
		return describe().then((table) -> {
			if (table == null) {
				throw new TableSchemaException(this.schema.getTableName(), List.of("the table does not exist"));
			}
			Set<String> existing = new LinkedHashSet<>();
			table.globalSecondaryIndexes().forEach((gsi) -> existing.add(gsi.indexName()));
			CreateTableRequest full = this.schema.toCreateTableRequest();
			List<GlobalSecondaryIndex> missing = full.globalSecondaryIndexes()
				.stream()
				.filter((gsi) -> !existing.contains(gsi.indexName()))
				.toList();
			boolean streamMissing = this.schema.hasChangeStream() && !ChangeStreams.isEnabled(table);
			Step<List<String>> indexes = createIndexes(full, missing, 0, new ArrayList<>());
			return streamMissing ? indexes.then(this::enableStream) : indexes;
		});
	}

	/**
	 * Enables the change stream of the table ({@code UpdateTable}), after the indexes were added.
	 */
	private Step<List<String>> enableStream(@Nullable List<String> indexes) {
		UpdateTableRequest request = UpdateTableRequest.builder()
			.tableName(this.schema.getTableName())
			.streamSpecification(ChangeStreams.SPECIFICATION)
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			answer.orThrow();
			List<String> changed = new ArrayList<>((indexes != null) ? indexes : List.of());
			changed.add("stream");
			return Step.done(List.copyOf(changed));
		});
	}

	private Step<List<String>> createIndexes(CreateTableRequest full, List<GlobalSecondaryIndex> missing, int next,
			List<String> created) {
		if (next == missing.size()) {
			return Step.done(List.copyOf(created));
		}
		GlobalSecondaryIndex gsi = missing.get(next);
		return Step.send(new Request.Plain(addIndex(full, gsi)), (answer) -> {
			answer.orThrow();
			return awaitIndex(gsi.indexName(), System.nanoTime() + INDEX_TIMEOUT_NANOS);
		}).then((active) -> {
			created.add(gsi.indexName());
			return createIndexes(full, missing, next + 1, created);
		});
	}

	/**
	 * The {@code UpdateTable} that adds one index, with the definitions of its key attributes.
	 */
	UpdateTableRequest addIndex(CreateTableRequest full, GlobalSecondaryIndex gsi) {
		Set<String> keyNames = new LinkedHashSet<>();
		gsi.keySchema().forEach((key) -> keyNames.add(key.attributeName()));
		return UpdateTableRequest.builder()
			.tableName(this.schema.getTableName())
			.attributeDefinitions(full.attributeDefinitions()
				.stream()
				.filter((attribute) -> keyNames.contains(attribute.attributeName()))
				.toList())
			.globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
				.create((create) -> create.indexName(gsi.indexName())
					.keySchema(gsi.keySchema())
					.projection(gsi.projection()))
				.build())
			.build();
	}

	/**
	 * Describes the table until the index is {@code ACTIVE}, pausing between descriptions, until the deadline.
	 */
	private Step<Void> awaitIndex(String index, long deadline) {
		return Step.defer(() -> {
			if (System.nanoTime() >= deadline) {
				throw new TableSchemaException(this.schema.getTableName(),
						List.of("index '" + index + "' did not become ACTIVE in 30 minutes"));
			}
			return describe().then((table) -> {
				boolean active = table != null && table.globalSecondaryIndexes()
					.stream()
					.anyMatch((gsi) -> gsi.indexName().equals(index) && gsi.indexStatus() == IndexStatus.ACTIVE);
				return active ? Step.<Void>done(null)
						: Step.send(new Request.Wait(INDEX_DELAY), (waited) -> awaitIndex(index, deadline));
			});
		});
	}

	/**
	 * Lists what the table lacks compared with the schema.
	 */
	Step<List<String>> findProblems() {
		return describe().then((table) -> Step
			.done((table != null) ? this.schema.findProblems(table) : List.of("the table does not exist")));
	}

}
