package dev.singletable.evolution.internal.migration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's migration lease while this instance holds it: taken with a conditional write
 * ({@link MigrationRecords#acquireLease}), renewed by a background thread every third of its duration while a step
 * runs, given back when closed. When a renewal finds the lease taken over (this instance stopped renewing it for
 * longer than its duration, say in a long pause), the lease is {@linkplain #isLost() lost}: the records refuse this
 * instance's writes from then on, since they name the new holder.
 */
public final class MigrationLease implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MigrationLease.class);

	private final MigrationRecords records;

	private final String owner;

	private final long durationMillis;

	private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(MigrationLease::daemon);

	private volatile boolean lost;

	private MigrationLease(MigrationRecords records, String owner, long durationMillis) {
		this.records = records;
		this.owner = owner;
		this.durationMillis = durationMillis;
	}

	/**
	 * Takes the lease when nobody holds it, its holder's ended, or this owner holds it already, and starts renewing
	 * it (once the lease is built: its renewal thread never sees it half made).
	 * @param records the records
	 * @param owner this instance's id
	 * @param duration how long the lease lasts without renewal
	 * @return the lease, or {@literal null} when another instance holds it
	 */
	public static @Nullable MigrationLease acquire(MigrationRecords records, String owner, Duration duration) {
		long millis = duration.toMillis();
		if (!records.acquireLease(owner, millis)) {
			return null;
		}
		MigrationLease lease = new MigrationLease(records, owner, millis);
		long period = Math.max(1, millis / 3);
		lease.renewer.scheduleWithFixedDelay(lease::renew, period, period, TimeUnit.MILLISECONDS);
		return lease;
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "singletable-migration-lease");
		thread.setDaemon(true);
		return thread;
	}

	private void renew() {
		if (this.lost) {
			return;
		}
		try {
			if (!this.records.renewLease(this.owner, this.durationMillis)) {
				this.lost = true;
				logger.warn("The migration lease of " + this.owner + " was taken over by another instance");
			}
		}
		catch (RuntimeException ex) {
			// tried again at the next period; the lease lasts three of them
			logger.warn("Could not renew the migration lease of " + this.owner + ": " + ex.getMessage());
		}
	}

	/**
	 * Returns whether another instance took the lease over.
	 */
	public boolean isLost() {
		return this.lost;
	}

	/**
	 * Returns the owner's id.
	 */
	public String owner() {
		return this.owner;
	}

	/**
	 * Stops renewing the lease and gives it back, unless it was taken over.
	 */
	@Override
	public void close() {
		this.renewer.shutdownNow();
		try {
			this.renewer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!this.lost) {
			try {
				this.records.releaseLease(this.owner);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not give back the migration lease of " + this.owner
						+ "; another instance takes it when it ends: " + ex.getMessage());
			}
		}
	}

}
