package dev.singletable.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * The recorded migrations of the application's table, as the endpoint {@code singletablemigrations} (off unless
 * exposed, like every actuator endpoint: {@code management.endpoints.web.exposure.include=singletablemigrations}),
 * as Spring Boot's {@code flyway} endpoint shows Flyway's: every migration the application declares or the table
 * records, in version order, with its state ({@code PENDING}, {@code RUNNING}, {@code SUCCESS}, {@code FAILED}),
 * and for a running one its progress: the step it is at, the items its backfill steps processed over every instance
 * so far, and the instance holding it.
 */
@Endpoint(id = "singletablemigrations")
public class SingleTableMigrationsEndpoint {

	private final SingleTableMigrations migrations;

	/**
	 * Creates the endpoint.
	 * @param migrations the application's migrations
	 */
	public SingleTableMigrationsEndpoint(SingleTableMigrations migrations) {
		this.migrations = migrations;
	}

	/**
	 * Lists the migrations, read from the table.
	 * @return the table, a count per state and the migrations in version order
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		List<MigrationInfo> infos = this.migrations.info();
		Map<String, List<String>> steps = new LinkedHashMap<>();
		for (SingleTableMigration migration : this.migrations.getMigrations()) {
			steps.put(migration.getVersion(), migration.getSteps());
		}
		Map<MigrationState, Integer> counts = new LinkedHashMap<>();
		for (MigrationState state : MigrationState.values()) {
			counts.put(state, 0);
		}
		List<MigrationDescriptor> descriptors = infos.stream().map((info) -> {
			counts.merge(info.state(), 1, Integer::sum);
			return MigrationDescriptor.of(info, steps.get(info.version()));
		}).toList();
		return new MigrationsDescriptor(this.migrations.getBackfills().getTemplate().getTableName(), counts,
				descriptors);
	}

	/**
	 * The migrations of one table.
	 *
	 * @param table the table name
	 * @param counts how many migrations are in each state
	 * @param migrations the migrations, in version order
	 */
	public record MigrationsDescriptor(String table, Map<MigrationState, Integer> counts,
			List<MigrationDescriptor> migrations) {
	}

	/**
	 * One migration.
	 *
	 * @param version the version
	 * @param description the description
	 * @param checksum the checksum of its declaration (recorded when it started)
	 * @param state where it stands
	 * @param step the step running or last run, from 1 ({@code 0} when pending)
	 * @param steps the number of steps
	 * @param currentStep the description of that step, when the application declares the migration
	 * @param itemsProcessed the items its backfill steps processed over every instance
	 * @param startedAt when it started
	 * @param endedAt when it was applied or failed
	 * @param holder the instance running it
	 * @param error why it failed
	 */
	public record MigrationDescriptor(String version, String description, String checksum, MigrationState state,
			int step, int steps, @Nullable String currentStep, long itemsProcessed, @Nullable Instant startedAt,
			@Nullable Instant endedAt, @Nullable String holder, @Nullable String error) {

		static MigrationDescriptor of(MigrationInfo info, @Nullable List<String> declaredSteps) {
			boolean started = info.state() != MigrationState.PENDING;
			String current = (started && declaredSteps != null && info.step() < declaredSteps.size())
					? declaredSteps.get(info.step()) : null;
			return new MigrationDescriptor(info.version(), info.description(), info.checksum(), info.state(),
					started ? info.step() + 1 : 0, info.steps(), current, info.itemsProcessed(), info.startedAt(),
					info.endedAt(), info.holder(), info.error());
		}

	}

}
