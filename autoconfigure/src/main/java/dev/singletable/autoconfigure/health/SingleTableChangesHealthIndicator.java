package dev.singletable.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import dev.singletable.events.SingleTableChangeStream;

/**
 * Health of the table's change events: {@code UP} while the change stream's worker runs, with its lease table, the
 * changes delivered, retried and dead-lettered, and the lag (the age of the oldest change being delivered);
 * {@code DOWN} when the worker does not run; {@code OUT_OF_SERVICE} when the lag is past the given limit, so that an
 * instance whose listeners fall behind is taken out of rotation.
 */
public class SingleTableChangesHealthIndicator extends AbstractHealthIndicator {

	private final SingleTableChangeStream changes;

	private final Duration maxLag;

	/**
	 * Creates an indicator of a change stream.
	 * @param changes the change stream
	 * @param maxLag the lag past which the status is {@code OUT_OF_SERVICE}
	 */
	public SingleTableChangesHealthIndicator(SingleTableChangeStream changes, Duration maxLag) {
		super("singletable change events health check failed");
		Assert.notNull(changes, "SingleTableChangeStream must not be null");
		Assert.notNull(maxLag, "Max lag must not be null");
		this.changes = changes;
		this.maxLag = maxLag;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Duration lag = this.changes.getLag();
		builder.withDetail("leaseTable", this.changes.getLeaseTableName())
			.withDetail("delivered", this.changes.getDeliveredCount())
			.withDetail("retried", this.changes.getRetriedCount())
			.withDetail("deadLettered", this.changes.getDeadLetteredCount())
			.withDetail("lag", lag.toString());
		if (!this.changes.isRunning()) {
			builder.down().withDetail("reason", "the change stream's worker is not running");
		}
		else if (lag.compareTo(this.maxLag) > 0) {
			builder.outOfService().withDetail("reason", "the oldest change in delivery is " + lag + " old, more than "
					+ this.maxLag);
		}
		else {
			builder.up();
		}
	}

}
