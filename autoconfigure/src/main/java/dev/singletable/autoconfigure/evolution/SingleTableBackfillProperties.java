package dev.singletable.autoconfigure.evolution;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.singletable.evolution.BackfillOptions;

/**
 * Defaults of the backfills (and of the backfill steps of migrations), bound from {@code singletable.backfill.*}.
 *
 * @param segments Number of segments a backfill splits the items into, claimed one at a time by the instances that
 * run it; a run started again resumes from each segment's checkpoint.
 * @param threads Number of threads one instance works segments on.
 * @param maxCapacityPerSecond Most capacity units (reads and writes) one instance's backfill consumes per second, so
 * that it does not starve the application's own traffic. 0 sets no limit.
 * @param leaseDuration How long a segment's lease, and the migrations' lease, lasts without renewal: another
 * instance takes the work over that long after its holder stopped.
 * @param progressInterval Interval of the progress lines a backfill logs (items, items per second, time left). 0
 * logs none.
 * @param maxAttempts Most times a backfill tries one item whose conditional write lost to a concurrent write of the
 * application, reading it again each time.
 */
@ConfigurationProperties("singletable.backfill")
public record SingleTableBackfillProperties(@DefaultValue("4") int segments, @DefaultValue("4") int threads,
		double maxCapacityPerSecond, Duration leaseDuration, Duration progressInterval,
		@DefaultValue("10") int maxAttempts) {

	/** {@code singletable.backfill.lease-duration} when not set. */
	private static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);

	/** {@code singletable.backfill.progress-interval} when not set. */
	private static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	/**
	 * Gives each duration that is not set its default. The durations' defaults are set here rather than by
	 * {@link DefaultValue @DefaultValue} parameters, which the binder would convert from text at every start; the
	 * configuration metadata lists them from {@code META-INF/additional-spring-configuration-metadata.json}.
	 */
	public SingleTableBackfillProperties {
		leaseDuration = (leaseDuration != null) ? leaseDuration : DEFAULT_LEASE_DURATION;
		progressInterval = (progressInterval != null) ? progressInterval : DEFAULT_PROGRESS_INTERVAL;
	}

	/**
	 * Returns the backfill options these properties set.
	 * @return the options
	 */
	public BackfillOptions toOptions() {
		return BackfillOptions.defaults()
			.withSegments(this.segments)
			.withThreads(this.threads)
			.withMaxCapacityPerSecond(this.maxCapacityPerSecond)
			.withLeaseDuration(this.leaseDuration)
			.withProgressInterval(this.progressInterval)
			.withMaxAttempts(this.maxAttempts);
	}

}
