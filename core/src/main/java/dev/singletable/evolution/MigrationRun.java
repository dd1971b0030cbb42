package dev.singletable.evolution;

import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.evolution.SingleTableMigration.Step;
import dev.singletable.evolution.internal.migration.MigrationLease;
import dev.singletable.evolution.internal.migration.MigrationRecord;
import dev.singletable.evolution.internal.migration.MigrationRecords;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Applies one migration on this instance, in cooperation with the others of the fleet: the instance that takes the
 * fleet's lease runs the steps from the one recorded (a backfill step resumes from its segments' checkpoints, a code
 * step runs again from its start), recording each; an instance that finds the lease taken joins the holder's
 * backfill step (the same run id, so it claims free segments) or waits, until the migration is applied or the
 * holder's lease ends and it takes over.
 */
final class MigrationRun {

	private static final Log logger = LogFactory.getLog(SingleTableMigrations.class);

	private final SingleTableMigration migration;

	private final SingleTableBackfills backfills;

	private final MigrationRecords records;

	private final String instanceId;

	private final Duration leaseDuration;

	private final Duration pollInterval;

	/** The last step this instance joined as a helper, so that it waits rather than joins a finished run again. */
	private int joined = -1;

	MigrationRun(SingleTableMigration migration, SingleTableBackfills backfills, MigrationRecords records,
			String instanceId, Duration leaseDuration, Duration pollInterval) {
		this.migration = migration;
		this.backfills = backfills;
		this.records = records;
		this.instanceId = instanceId;
		this.leaseDuration = leaseDuration;
		this.pollInterval = pollInterval;
	}

	/**
	 * The run id of a backfill step: the same on every instance, so that they share its segments.
	 */
	static String runId(String version, int step) {
		return "migration-" + version + "-step-" + step;
	}

	/**
	 * Returns once the migration is applied, on this instance or another.
	 * @throws MigrationFailedException when a step fails, or this thread is interrupted
	 */
	void apply() {
		try {
			applyHere();
		}
		catch (MigrationFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (isInterruption(ex)) {
				throw new MigrationFailedException(version(), "Migration " + describe() + " stopped on this instance: "
						+ "it was interrupted. Another instance finishes it, or the next start resumes it from its "
						+ "checkpoints.", ex);
			}
			throw ex;
		}
	}

	private void applyHere() {
		for (;;) {
			if (isApplied()) {
				return;
			}
			MigrationLease lease = MigrationLease.acquire(this.records, this.instanceId, this.leaseDuration);
			if (lease != null) {
				boolean done;
				try {
					done = runHolding(lease);
				}
				finally {
					withoutInterrupt(lease::close);
				}
				if (done) {
					return;
				}
				continue;
			}
			Optional<MigrationRecord> record = this.records.read(version());
			if (record.map(MigrationRecord::succeeded).orElse(false)) {
				return;
			}
			if (!joinRunningBackfill(record.orElse(null))) {
				waitForHolder();
			}
		}
	}

	private boolean isApplied() {
		return this.records.read(version()).map(MigrationRecord::succeeded).orElse(false);
	}

	/**
	 * Runs the steps from the recorded one, holding the lease.
	 * @return whether the migration is applied ({@literal false}: the lease was lost to another instance)
	 */
	private boolean runHolding(MigrationLease lease) {
		Optional<MigrationRecord> found = this.records.read(version());
		if (found.map(MigrationRecord::succeeded).orElse(false)) {
			return true;
		}
		List<String> stepNames = this.migration.getSteps();
		int start = found.map(this::resumeStep).orElse(0);
		long items = found.map(MigrationRecord::items).orElse(0L);
		Instant startedAt = found.map(MigrationRecord::startedAt).orElse(null);
		found.filter((record) -> record.holder() != null && !this.instanceId.equals(record.holder()))
			.ifPresent((record) -> logger.info("Taking over migration " + describe() + " from " + record.holder()
					+ ", whose lease ended, at step " + (start + 1) + " of " + stepNames.size()));
		MigrationRecord running = new MigrationRecord(version(), this.migration.getDescription(),
				this.migration.checksum(), MigrationRecord.RUNNING, start, stepNames.size(), stepNames,
				(startedAt != null) ? startedAt : Instant.now(), null, items, this.instanceId, null);
		if (!this.records.start(running)) {
			return true;
		}
		long began = System.nanoTime();
		for (int index = start; index < stepNames.size(); index++) {
			if (lease.isLost() || !this.records.progress(version(), this.instanceId, index, items)) {
				logger.warn("Lost the lease of migration " + describe() + " to another instance at step "
						+ (index + 1));
				return false;
			}
			logger.info("Migrating " + this.backfills.getTemplate().getTableName() + " to " + describe() + ": step "
					+ (index + 1) + " of " + stepNames.size() + " (" + stepNames.get(index) + ")");
			try {
				items += runStep(index);
			}
			catch (Exception ex) {
				throw stepFailed(index, ex);
			}
		}
		if (!this.records.succeed(version(), this.instanceId, items, Instant.now())) {
			return false;
		}
		logger.info("Migrated " + this.backfills.getTemplate().getTableName() + " to " + describe() + " in "
				+ Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms (" + items + " items processed)");
		return true;
	}

	/**
	 * The step a recorded migration resumes at: the recorded one, unless an earlier step's declaration changed since
	 * (then that one).
	 */
	private int resumeStep(MigrationRecord record) {
		List<String> declared = this.migration.getSteps();
		int step = Math.min(record.step(), declared.size() - 1);
		if (record.stepNames().isEmpty()) {
			return Math.max(step, 0);
		}
		for (int index = 0; index <= step; index++) {
			if (index >= record.stepNames().size() || !record.stepNames().get(index).equals(declared.get(index))) {
				logger.info("Migration " + describe() + " changed since it started: it runs again from step "
						+ (index + 1) + " (" + declared.get(index) + ")");
				return index;
			}
		}
		return Math.max(step, 0);
	}

	/**
	 * Runs one step.
	 * @return the items it processed over every instance
	 */
	private long runStep(int index) throws Exception {
		Step step = this.migration.steps().get(index);
		if (!step.isBackfill()) {
			MigrationAction action = step.action();
			if (action != null) {
				action.run(this.backfills);
			}
			return 0;
		}
		BackfillResult result = runBackfill(step, index);
		MigrationRecords.RunProgress progress = this.records.runProgress(runId(version(), index));
		return (progress.segments() > 0) ? progress.items() : result.itemsRead();
	}

	@SuppressWarnings("unchecked")
	private BackfillResult runBackfill(Step step, int index) {
		BackfillOptions options = this.backfills.getDefaults().withRunId(runId(version(), index));
		Class<Object> type = (Class<Object>) step.type();
		if (type == null) {
			throw new IllegalStateException("Step " + step.describe() + " names no type");
		}
		return switch (step.kind()) {
			case REINDEX -> this.backfills.reindex(type, options);
			case FOR_EACH -> this.backfills.forEach(type, (UnaryOperator<Object>) required(step.transform()),
					options.withRewriteMode(required(step.rewriteMode())));
			case MOVE -> this.backfills.move(type, required(step.fromPrefix()), options);
			case RECOMPRESS -> this.backfills.recompress(type, options);
			case DELETE_ALL -> this.backfills.deleteAll(type, options);
			case RUN -> throw new IllegalStateException("A code step is no backfill");
		};
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Incomplete migration step");
		}
		return value;
	}

	/**
	 * Records a failed step (or, when this thread was interrupted, leaves the migration running without holder for
	 * the next instance) and returns the exception to throw.
	 */
	private MigrationFailedException stepFailed(int index, Exception ex) {
		String step = "step " + (index + 1) + " of " + this.migration.getSteps().size() + " ("
				+ this.migration.getSteps().get(index) + ")";
		if (isInterruption(ex)) {
			withoutInterrupt(() -> this.records.abandon(version(), this.instanceId));
			return new MigrationFailedException(version(), "Migration " + describe() + " stopped at " + step
					+ ": this instance was interrupted. It resumes from its checkpoints on the next start, or "
					+ "another instance takes it over now.", ex);
		}
		String cause = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		withoutInterrupt(() -> this.records.fail(version(), this.instanceId, step + ": " + cause, Instant.now()));
		return new MigrationFailedException(version(), "Migration " + describe() + " failed at " + step + ": "
				+ cause + ". Fix and restart: it resumes from its checkpoints.", ex);
	}

	/**
	 * Joins the holder's running backfill step, claiming free segments of its run, unless this instance already did.
	 * @return whether it joined one
	 */
	private boolean joinRunningBackfill(@Nullable MigrationRecord record) {
		if (record == null || !MigrationRecord.RUNNING.equals(record.state()) || record.holder() == null) {
			return false;
		}
		int index = record.step();
		List<Step> steps = this.migration.steps();
		if (index == this.joined || index < 0 || index >= steps.size() || !steps.get(index).isBackfill()
				|| !this.migration.matchesChecksum(record.checksum(), record.version())) {
			return false;
		}
		this.joined = index;
		logger.info("Joining step " + (index + 1) + " of migration " + describe() + " (" + steps.get(index).describe()
				+ "), which " + record.holder() + " runs");
		try {
			runBackfill(steps.get(index), index);
		}
		catch (RuntimeException ex) {
			String step = "step " + (index + 1) + " (" + steps.get(index).describe() + ")";
			if (isInterruption(ex)) {
				throw new MigrationFailedException(version(), "Migration " + describe() + " stopped at " + step
						+ " on this instance: it was interrupted. The other instances finish it.", ex);
			}
			throw new MigrationFailedException(version(), "Migration " + describe() + " failed at " + step
					+ " on this instance, which joined " + record.holder() + ": " + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage() + ". Fix and restart: it resumes from its checkpoints.", ex);
		}
		return true;
	}

	private void waitForHolder() {
		try {
			Thread.sleep(this.pollInterval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationFailedException(version(), "Migration " + describe() + " stopped on this instance, "
					+ "which was waiting for another instance to run a step: it was interrupted. The other instances "
					+ "finish it.", ex);
		}
	}

	private String version() {
		return this.migration.getVersion();
	}

	private String describe() {
		return this.migration.getVersion() + " '" + this.migration.getDescription() + "'";
	}

	/**
	 * Whether a failure comes from this thread being interrupted or the backfills being stopped (a context closed
	 * during start-up, a stopped command) rather than from the step.
	 */
	static boolean isInterruption(Throwable ex) {
		if (Thread.currentThread().isInterrupted()) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException || cause instanceof BackfillStoppedException
					|| cause instanceof AbortedException
					|| cause instanceof ClosedByInterruptException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Runs a request that must reach the table even while this thread is interrupted (the SDK refuses to send from
	 * an interrupted thread), keeping the interrupt for the caller.
	 */
	private static void withoutInterrupt(Runnable action) {
		boolean interrupted = Thread.interrupted();
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the end of a migration step: " + ex.getMessage());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
