package dev.singletable.evolution;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * How a backfill runs: its name (the key of its checkpoints), segments, threads, source, capacity limit, leases
 * and progress reports. Immutable: every {@code withX} method returns a copy.
 *
 * <pre class="code">
 * BackfillOptions options = BackfillOptions.defaults()
 *     .withRunId("tickets-by-owner")
 *     .withSegments(8)
 *     .withMaxCapacityPerSecond(200);
 * </pre>
 *
 * Two runs with the same {@linkplain #getRunId() run id} share their segments and checkpoints: started on several
 * instances they split the work, started again after a failure they resume where the checkpoints are.
 */
public final class BackfillOptions {

	private static final BackfillOptions DEFAULTS = new BackfillOptions(null, 4, 4, BackfillSource.AUTO, 0,
			Duration.ofSeconds(30), Duration.ofSeconds(10), RewriteMode.IN_PLACE, true, 10);

	private final @Nullable String runId;

	private final int segments;

	private final int threads;

	private final BackfillSource source;

	private final double maxCapacityPerSecond;

	private final Duration leaseDuration;

	private final Duration progressInterval;

	private final RewriteMode rewriteMode;

	private final boolean audited;

	private final int maxAttempts;

	private BackfillOptions(@Nullable String runId, int segments, int threads, BackfillSource source,
			double maxCapacityPerSecond, Duration leaseDuration, Duration progressInterval, RewriteMode rewriteMode,
			boolean audited, int maxAttempts) {
		this.runId = runId;
		this.segments = segments;
		this.threads = threads;
		this.source = source;
		this.maxCapacityPerSecond = maxCapacityPerSecond;
		this.leaseDuration = leaseDuration;
		this.progressInterval = progressInterval;
		this.rewriteMode = rewriteMode;
		this.audited = audited;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Returns the default options: no run id (a fresh run that nobody else joins), 4 segments on 4 threads, the
	 * operation's own source, no capacity limit, 30 second leases, progress every 10 seconds, in-place rewrites,
	 * audited new versions, 10 attempts per item.
	 * @return the defaults
	 */
	public static BackfillOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy with the given run id: the name under which the run's segments and checkpoints are kept.
	 * @param runId letters, digits, {@code -}, {@code _}, {@code .} and {@code #}; or {@code null} for a fresh run
	 * @return the copy
	 */
	public BackfillOptions withRunId(@Nullable String runId) {
		if (runId != null) {
			Assert.isTrue(runId.matches("[A-Za-z0-9._#-]{1,200}"),
					() -> "Backfill run id '" + runId + "' may hold letters, digits, '.', '_', '#' and '-' only");
		}
		return new BackfillOptions(runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy with the given number of segments the items are split into (claimed one at a time by the
	 * instances running the backfill).
	 * @param segments from 1 to 1,000,000
	 * @return the copy
	 */
	public BackfillOptions withSegments(int segments) {
		require(segments >= 1 && segments <= 1_000_000, "Backfill segments must be between 1 and 1000000, not ",
				segments);
		return new BackfillOptions(this.runId, segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy with the given number of threads this instance works segments on.
	 * @param threads at least 1
	 * @return the copy
	 */
	public BackfillOptions withThreads(int threads) {
		require(threads >= 1, "Backfill threads must be at least 1, not ", threads);
		return new BackfillOptions(this.runId, this.segments, threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy that reads from the given source.
	 * @param source the source
	 * @return the copy
	 */
	public BackfillOptions withSource(BackfillSource source) {
		Assert.notNull(source, "Backfill source must not be null");
		return new BackfillOptions(this.runId, this.segments, this.threads, source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy that limits the capacity units (read and write) this instance's run consumes per second.
	 * @param maxCapacityPerSecond the limit, or {@code 0} for none
	 * @return the copy
	 */
	public BackfillOptions withMaxCapacityPerSecond(double maxCapacityPerSecond) {
		require(maxCapacityPerSecond >= 0, "Backfill capacity limit must not be negative, not ", maxCapacityPerSecond);
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy whose segment leases last the given time without renewal: a segment whose holder stopped
	 * renewing it is taken over by another instance after that long.
	 * @param leaseDuration at least one second
	 * @return the copy
	 */
	public BackfillOptions withLeaseDuration(Duration leaseDuration) {
		require(leaseDuration.compareTo(Duration.ofSeconds(1)) >= 0,
				"Backfill lease duration must be at least one second, not ", leaseDuration);
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy that logs progress at the given interval.
	 * @param progressInterval the interval, or {@link Duration#ZERO} for no progress lines
	 * @return the copy
	 */
	public BackfillOptions withProgressInterval(Duration progressInterval) {
		Assert.isTrue(!progressInterval.isNegative(), "Backfill progress interval must not be negative");
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy whose {@link SingleTableBackfills#forEach transforms} write in the given mode.
	 * @param rewriteMode the mode
	 * @return the copy
	 */
	public BackfillOptions withRewriteMode(RewriteMode rewriteMode) {
		Assert.notNull(rewriteMode, "Rewrite mode must not be null");
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, rewriteMode, this.audited, this.maxAttempts);
	}

	/**
	 * Returns a copy whose {@link RewriteMode#NEW_VERSION new versions} are audited (for {@code @Audited} types) or
	 * not.
	 * @param audited whether new versions are audited
	 * @return the copy
	 */
	public BackfillOptions withAudited(boolean audited) {
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, audited, this.maxAttempts);
	}

	/**
	 * Returns a copy that tries each item at most the given number of times when a concurrent write changed it
	 * between the read and the conditional write.
	 * @param maxAttempts at least 1
	 * @return the copy
	 */
	public BackfillOptions withMaxAttempts(int maxAttempts) {
		require(maxAttempts >= 1, "Backfill attempts must be at least 1, not ", maxAttempts);
		return new BackfillOptions(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, maxAttempts);
	}

	/**
	 * Fails as {@code Assert.isTrue} does, with the message ended by the value, without a lambda: the options Spring
	 * Boot binds are made at start, where each lambda is a class spun.
	 */
	private static void require(boolean valid, String message, Object value) {
		if (!valid) {
			throw new IllegalArgumentException(message + value);
		}
	}

	/**
	 * Returns the run id, or {@code null} for a fresh run.
	 * @return the run id
	 */
	public @Nullable String getRunId() {
		return this.runId;
	}

	/**
	 * Returns the number of segments.
	 * @return the segments
	 */
	public int getSegments() {
		return this.segments;
	}

	/**
	 * Returns the number of threads of this instance.
	 * @return the threads
	 */
	public int getThreads() {
		return this.threads;
	}

	/**
	 * Returns the source.
	 * @return the source
	 */
	public BackfillSource getSource() {
		return this.source;
	}

	/**
	 * Returns the capacity limit per second, {@code 0} for none.
	 * @return the limit
	 */
	public double getMaxCapacityPerSecond() {
		return this.maxCapacityPerSecond;
	}

	/**
	 * Returns the lease duration of a segment.
	 * @return the lease duration
	 */
	public Duration getLeaseDuration() {
		return this.leaseDuration;
	}

	/**
	 * Returns the progress interval, {@link Duration#ZERO} for none.
	 * @return the interval
	 */
	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	/**
	 * Returns how transforms write.
	 * @return the rewrite mode
	 */
	public RewriteMode getRewriteMode() {
		return this.rewriteMode;
	}

	/**
	 * Returns whether new versions are audited.
	 * @return whether audited
	 */
	public boolean isAudited() {
		return this.audited;
	}

	/**
	 * Returns the attempts per item.
	 * @return the attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof BackfillOptions that && Objects.equals(this.runId, that.runId)
				&& this.segments == that.segments && this.threads == that.threads && this.source == that.source
				&& this.maxCapacityPerSecond == that.maxCapacityPerSecond
				&& this.leaseDuration.equals(that.leaseDuration) && this.progressInterval.equals(that.progressInterval)
				&& this.rewriteMode == that.rewriteMode && this.audited == that.audited
				&& this.maxAttempts == that.maxAttempts);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.runId, this.segments, this.threads, this.source, this.maxCapacityPerSecond,
				this.leaseDuration, this.progressInterval, this.rewriteMode, this.audited, this.maxAttempts);
	}

	@Override
	public String toString() {
		return "BackfillOptions[runId=" + this.runId + ", segments=" + this.segments + ", threads=" + this.threads
				+ ", source=" + this.source + ", maxCapacityPerSecond=" + this.maxCapacityPerSecond + ", lease="
				+ this.leaseDuration + ", progress=" + this.progressInterval + ", rewrite=" + this.rewriteMode
				+ ", audited=" + this.audited + ", maxAttempts=" + this.maxAttempts + "]";
	}

}
