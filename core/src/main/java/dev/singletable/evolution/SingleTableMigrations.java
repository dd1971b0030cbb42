package dev.singletable.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.evolution.internal.migration.MigrationRecord;
import dev.singletable.evolution.internal.migration.MigrationRecords;

/**
 * Applies recorded migrations to a table, once each and in version order, and tells where they stand. Spring
 * Boot runs {@link #migrate()} at start-up when migration beans exist; a command or a test may call it.
 *
 * <pre class="code">
 * SingleTableMigrations migrations = new SingleTableMigrations(backfills, List.of(ticketsByOwner));
 * migrations.migrate();
 * migrations.info().forEach(System.out::println);
 * </pre>
 *
 * The table records each migration (version, description, checksum, state, start and end, items processed). One
 * instance of a fleet runs a step at a time, holding a lease item that it renews; another takes over when the
 * holder stops renewing it. Instances that start while a backfill step runs claim its free segments and share the
 * work. A failed step stops the run with a {@link MigrationFailedException} and resumes from its checkpoints on the
 * next run.
 */
public class SingleTableMigrations {

	private static final Log logger = LogFactory.getLog(SingleTableMigrations.class);

	private final SingleTableBackfills backfills;

	private final List<SingleTableMigration> migrations;

	private final MigrationRecords records;

	private final String instanceId;

	private Duration pollInterval = Duration.ofSeconds(1);

	private Duration leaseDuration = Duration.ofSeconds(30);

	/**
	 * Creates migrations for the backfills' table.
	 * @param backfills the backfills (their defaults are the backfill steps' options)
	 * @param migrations the migrations, in any order
	 * @throws IllegalArgumentException when two migrations have the same version
	 */
	public SingleTableMigrations(SingleTableBackfills backfills, List<SingleTableMigration> migrations) {
		Assert.notNull(backfills, "SingleTableBackfills must not be null");
		Assert.noNullElements(migrations, "Migrations must not be null");
		List<SingleTableMigration> sorted = new ArrayList<>(migrations);
		sorted.sort((left, right) -> SingleTableMigration.compareVersions(left.getVersion(), right.getVersion()));
		for (int i = 1; i < sorted.size(); i++) {
			SingleTableMigration previous = sorted.get(i - 1);
			SingleTableMigration migration = sorted.get(i);
			if (SingleTableMigration.compareVersions(previous.getVersion(), migration.getVersion()) == 0) {
				throw new IllegalArgumentException("Migrations " + describe(previous) + " and " + describe(migration)
						+ " have the same version: give each migration its own version");
			}
		}
		this.backfills = backfills;
		this.instanceId = backfills.getInstanceId();
		this.migrations = List.copyOf(sorted);
		SingleTableTemplate template = backfills.getTemplate();
		this.records = new MigrationRecords(TemplateExecutors.of(template)::run, template.getTableName());
	}

	/**
	 * Sets how long an instance that waits for another one's migration step pauses between two looks at the
	 * table (default one second).
	 * @param pollInterval the interval, positive
	 */
	public void setPollInterval(Duration pollInterval) {
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
				"Poll interval must be positive");
		this.pollInterval = pollInterval;
	}

	/**
	 * Sets how long the fleet's migration lease lasts without renewal (default 30 seconds): the holder renews it
	 * every third of it while a step runs, and another instance takes the migration over that long after the
	 * holder stopped.
	 * @param leaseDuration the duration, at least 100 milliseconds
	 */
	public void setLeaseDuration(Duration leaseDuration) {
		Assert.isTrue(leaseDuration != null && leaseDuration.toMillis() >= 100,
				"Lease duration must be at least 100 ms");
		this.leaseDuration = leaseDuration;
	}

	/**
	 * Applies every pending (or failed, or abandoned) migration in version order, sharing running backfill steps with
	 * other instances, and returns when all are applied.
	 * @return the migrations as recorded at the end
	 * @throws MigrationFailedException when a step fails or an applied migration's checksum changed
	 */
	public synchronized List<MigrationInfo> migrate() {
		checkApplied(this.records.readAll());
		for (SingleTableMigration migration : this.migrations) {
			new MigrationRun(migration, this.backfills, this.records, this.instanceId, this.leaseDuration,
					this.pollInterval)
				.apply();
		}
		return info();
	}

	/**
	 * Refuses to run when the declaration of an applied migration no longer matches the checksum recorded when it
	 * was applied: what the table went through would differ from what the application says.
	 */
	private void checkApplied(List<MigrationRecord> recorded) {
		Map<String, MigrationRecord> byVersion = byVersion(recorded);
		for (SingleTableMigration migration : this.migrations) {
			MigrationRecord record = byVersion.get(MigrationRecords.canonicalVersion(migration.getVersion()));
			if (record != null && record.succeeded()
					&& !migration.matchesChecksum(record.checksum(), record.version())) {
				throw new MigrationFailedException(migration.getVersion(), record.checksum(), migration.checksum(),
						"Migration " + describe(migration)
						+ " was applied with checksum " + record.checksum() + " ('" + record.description() + "', "
						+ record.stepNames() + "), but is now declared with checksum " + migration.checksum() + " ("
						+ migration.getSteps() + "). An applied migration must not change: restore its declaration "
						+ "and declare the change as a new migration with a higher version.");
			}
		}
		int applied = 0;
		for (MigrationRecord record : recorded) {
			applied += record.succeeded() ? 1 : 0;
		}
		logger.debug("Table " + this.backfills.getTemplate().getTableName() + ": " + applied + " of "
				+ this.migrations.size() + " declared migrations applied (instance " + this.instanceId + ")");
	}

	/**
	 * Returns every migration, declared or recorded, in version order: applied, running, failed and pending. The
	 * items of a running or failed backfill step are counted from its segments, over every instance.
	 * @return the migrations
	 */
	public List<MigrationInfo> info() {
		Map<String, MigrationRecord> recorded = byVersion(this.records.readAll());
		List<MigrationInfo> infos = new ArrayList<>();
		for (SingleTableMigration migration : this.migrations) {
			MigrationRecord record = recorded.remove(MigrationRecords.canonicalVersion(migration.getVersion()));
			infos.add((record != null) ? toInfo(record)
					: new MigrationInfo(migration.getVersion(), migration.getDescription(), migration.checksum(),
							MigrationState.PENDING, 0, migration.getSteps().size(), 0, null, null, null, null));
		}
		recorded.values().forEach((record) -> infos.add(toInfo(record)));
		infos.sort((left, right) -> SingleTableMigration.compareVersions(left.version(), right.version()));
		return infos;
	}

	private MigrationInfo toInfo(MigrationRecord record) {
		long items = record.items();
		boolean backfillStep = record.step() < record.stepNames().size()
				&& !record.stepNames().get(record.step()).startsWith("run ");
		if (!record.succeeded() && backfillStep) {
			items += this.records.runProgress(MigrationRun.runId(record.version(), record.step())).items();
		}
		return new MigrationInfo(record.version(), record.description(), record.checksum(),
				MigrationState.valueOf(record.state()), record.step(), record.steps(), items, record.startedAt(),
				record.endedAt(), record.holder(), record.error());
	}

	private static Map<String, MigrationRecord> byVersion(List<MigrationRecord> records) {
		Map<String, MigrationRecord> byVersion = new LinkedHashMap<>();
		records.forEach((record) -> byVersion.put(MigrationRecords.canonicalVersion(record.version()), record));
		return byVersion;
	}

	private static String describe(SingleTableMigration migration) {
		return migration.getVersion() + " '" + migration.getDescription() + "'";
	}

	/**
	 * The backfill steps of the declared migrations the table does not record as applied, in the order they run
	 * (one {@code Query} of the records).
	 */
	List<PendingStep> pendingBackfillSteps() {
		Map<String, MigrationRecord> recorded = byVersion(this.records.readAll());
		List<PendingStep> pending = new ArrayList<>();
		for (SingleTableMigration migration : this.migrations) {
			MigrationRecord record = recorded.get(MigrationRecords.canonicalVersion(migration.getVersion()));
			if (record != null && record.succeeded()) {
				continue;
			}
			List<SingleTableMigration.Step> steps = migration.steps();
			for (int index = 0; index < steps.size(); index++) {
				if (steps.get(index).isBackfill()) {
					pending.add(new PendingStep(migration, index, steps.get(index)));
				}
			}
		}
		return pending;
	}

	/**
	 * A backfill step of a pending migration.
	 */
	record PendingStep(SingleTableMigration migration, int index, SingleTableMigration.Step step) {

		String describe() {
			return describe(this.migration) + " (step " + (this.index + 1) + " of " + this.migration.steps().size()
					+ ": " + this.step.describe() + ")";
		}

		private static String describe(SingleTableMigration migration) {
			return SingleTableMigrations.describe(migration);
		}

	}

	/**
	 * Returns the backfills the migrations run on.
	 * @return the backfills
	 */
	public SingleTableBackfills getBackfills() {
		return this.backfills;
	}

	/**
	 * Returns the declared migrations in version order.
	 * @return the migrations
	 */
	public List<SingleTableMigration> getMigrations() {
		return this.migrations;
	}

	/**
	 * Returns the id under which this instance holds the lease and records the migrations it runs: its backfills'
	 * (under which it claims segments), {@code <hostname>:<pid>:<6 random characters>}.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

}
