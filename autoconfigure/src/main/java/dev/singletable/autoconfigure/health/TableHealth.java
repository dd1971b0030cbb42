package dev.singletable.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.evolution.DriftReport;
import dev.singletable.evolution.TypeDrift;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * What the table's description says about its health: the one rule both indicators (blocking and reactive) apply to
 * the answer of their {@code DescribeTable}.
 */
final class TableHealth {

	private TableHealth() {
	}

	/**
	 * The table could not be described: missing, or the request failed.
	 */
	static void unavailable(Health.Builder builder, Throwable ex) {
		if (ex instanceof ResourceNotFoundException) {
			builder.down().withDetail("reason", "the table does not exist");
			return;
		}
		builder.down()
			.withDetail("reason", "the table cannot be described: " + ex.getMessage())
			.withDetail("error", ex.getClass().getName());
	}

	/**
	 * Whether an exception is one {@link #unavailable} reports (anything the SDK throws) rather than a bug.
	 */
	static boolean isUnavailable(Throwable ex) {
		return ex instanceof SdkException;
	}

	/**
	 * Reports the described table: status, item count estimate, indexes, the per-type counts and drift when given;
	 * {@code UP} when it fits the schema, else {@code DOWN} with the problems; {@code OUT_OF_SERVICE} when it fits but
	 * this instance refuses writes of a type whose definitions another instance recorded newer.
	 */
	static void describe(Health.Builder builder, TableDescription table, SingleTableSchema schema,
			@Nullable Supplier<Map<String, Long>> countsByType, @Nullable Supplier<DriftReport> drift) {
		List<String> indexes = table.globalSecondaryIndexes()
			.stream()
			.map(GlobalSecondaryIndexDescription::indexName)
			.toList();
		builder.withDetail("status", table.tableStatusAsString())
			.withDetail("itemCount", (table.itemCount() != null) ? table.itemCount() : 0L)
			.withDetail("indexes", indexes);
		if (countsByType != null) {
			try {
				builder.withDetail("countsByType", countsByType.get());
			}
			catch (RuntimeException ex) {
				builder.withDetail("countsByTypeError", ex.getMessage());
			}
		}
		boolean writesRefused = false;
		if (drift != null) {
			DriftReport report = drift.get();
			Map<String, Map<String, Map<String, Object>>> drifted = drifted(report);
			if (!drifted.isEmpty()) {
				builder.withDetail("drift", drifted);
			}
			writesRefused = report.staleDefinitions().stream().anyMatch(StaleDefinitions::writesRefused);
		}
		List<String> problems = schema.findProblems(table);
		if (!problems.isEmpty()) {
			builder.down().withDetail("reason", String.join("; ", problems));
		}
		else if (writesRefused) {
			// this instance runs older definitions than the fleet recorded: take it out of rotation, roll it forward
			builder.outOfService();
		}
		else {
			builder.up();
		}
	}

	/**
	 * Per type (its simple name), each drifted index or part: what changed, the fix, whether queries are refused;
	 * and {@code staleDefinitions} when another instance recorded newer definitions than this instance's: who
	 * recorded them, what differs, the fix, whether writes are refused.
	 */
	private static Map<String, Map<String, Map<String, Object>>> drifted(DriftReport report) {
		Map<String, Map<String, Map<String, Object>>> types = new LinkedHashMap<>();
		for (TypeDrift drift : report.drifts()) {
			if (drift.kind() != TypeDrift.Kind.INFORMATION) {
				Map<String, Object> described = new LinkedHashMap<>();
				described.put("change", drift.change());
				described.put("fix", drift.fix());
				described.put("queriesRefused", drift.refusesQueries());
				types.computeIfAbsent(drift.type().getSimpleName(), (type) -> new LinkedHashMap<>())
					.put(drift.subject(), described);
			}
		}
		for (StaleDefinitions stale : report.staleDefinitions()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("change", "this instance's definitions are older than those recorded by "
					+ stale.describeRecorder() + ": " + stale.change());
			described.put("subjects", stale.subjects());
			if (stale.recordedByMigration() != null) {
				described.put("recordedByMigration", stale.recordedByMigration());
			}
			if (stale.recordedBy() != null) {
				described.put("recordedBy", stale.recordedBy());
			}
			if (stale.recordedAt() != null) {
				described.put("recordedAt", stale.recordedAt().toString());
			}
			described.put("fix", stale.fix());
			described.put("writesRefused", stale.writesRefused());
			types.computeIfAbsent(stale.type().getSimpleName(), (type) -> new LinkedHashMap<>())
				.put("staleDefinitions", described);
		}
		return types;
	}

}
