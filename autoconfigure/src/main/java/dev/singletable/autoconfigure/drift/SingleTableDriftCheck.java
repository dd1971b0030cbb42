package dev.singletable.autoconfigure.drift;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.evolution.DriftReport;
import dev.singletable.evolution.SingleTableDefinitions;

/**
 * Checks, when it is created, every entity type of the application against the record of its stored definitions
 * ({@link SingleTableDefinitions#check()}): new types are recorded, each drift is logged at WARN with the type, the
 * index, what changed and the fix. Then it sets the definitions on the template, so queries of a drifted index are
 * refused (or warned about, as {@code singletable.drift.on-query} says). A table that cannot be read (missing with
 * {@code singletable.table.create=none}, unreachable) is logged at WARN and does not stop start-up: the health
 * indicator reports it.
 * <p>
 * Its bean is named {@value #BEAN_NAME}. It is created after the table initializer and the template, which it
 * depends on; anything that must run after the check, such as the recorded migrations at start-up, gets this bean
 * first (by name, since the check is optional: {@code singletable.drift.enabled=false} removes it), so that types
 * are recorded and drift reported before any migration rewrites items. The migrations' backfills then record what
 * they brought up to date through the definitions, a {@code BackfillListener}, and the refusals end.
 * <p>
 * Given a poll interval, it then reads the records every interval on a daemon thread
 * ({@link SingleTableDefinitions#checkForNewerDefinitions()}), so that an instance whose definitions another
 * instance of the fleet recorded newer (a newer version that migrated) refuses, or warns on, the writes of those
 * types within that interval. The poll stops when the bean is destroyed.
 */
public class SingleTableDriftCheck implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(SingleTableDriftCheck.class);

	/** The bean's name: get it before running what must follow the check. */
	public static final String BEAN_NAME = "singleTableDriftCheck";

	private final SingleTableDefinitions definitions;

	private final SingleTableTemplate template;

	private final IndexDriftAction onQuery;

	private DriftReport report = DriftReport.EMPTY;

	private Duration pollInterval = Duration.ZERO;

	private @Nullable ScheduledExecutorService poll;

	/**
	 * Creates the check.
	 * @param definitions the record of the stored definitions; must not be {@literal null}
	 * @param template the template whose queries consult it; must not be {@literal null}
	 * @param onQuery what a query of a drifted index does; must not be {@literal null}
	 */
	public SingleTableDriftCheck(SingleTableDefinitions definitions, SingleTableTemplate template,
			IndexDriftAction onQuery) {
		Assert.notNull(definitions, "SingleTableDefinitions must not be null");
		Assert.notNull(template, "SingleTableTemplate must not be null");
		Assert.notNull(onQuery, "IndexDriftAction must not be null");
		this.definitions = definitions;
		this.template = template;
		this.onQuery = onQuery;
	}

	/**
	 * Sets how often the records are read again for newer definitions another instance recorded, once the check
	 * ran; {@link Duration#ZERO} (the default) for never.
	 * @param pollInterval the interval; must not be negative
	 */
	public void setPollInterval(Duration pollInterval) {
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative(), "Poll interval must not be negative");
		this.pollInterval = pollInterval;
	}

	/**
	 * Runs the check, sets the definitions on the template and starts the poll.
	 */
	@Override
	public void afterPropertiesSet() {
		try {
			this.report = this.definitions.check();
		}
		catch (DataAccessException ex) {
			// a table the application does not set up (singletable.table.create=none) may be missing or unreachable
			// yet: the health indicator reports it, and start-up does not fail on the drift check alone
			logger.warn("Could not check the stored definitions of table '" + this.template.getTableName()
					+ "', so no drift is reported or refused until the next start: " + ex.getMessage());
		}
		this.template.setIndexDriftAction(this.onQuery);
		this.template.setIndexDriftGuard(this.definitions);
		if (!this.pollInterval.isZero()) {
			startPoll(this.pollInterval.toMillis());
		}
	}

	private void startPoll(long millis) {
		ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "singletable-definitions-poll");
			thread.setDaemon(true);
			return thread;
		});
		poll.scheduleWithFixedDelay(this::pollOnce, millis, millis, TimeUnit.MILLISECONDS);
		this.poll = poll;
	}

	private void pollOnce() {
		try {
			this.definitions.checkForNewerDefinitions();
		}
		catch (RuntimeException ex) {
			// the table cannot be read right now: what was found stands, and the next poll asks again
			logger.debug("Could not read the stored definitions of table '" + this.template.getTableName()
					+ "' for newer ones: " + ex.getMessage());
		}
	}

	/**
	 * Stops the poll.
	 */
	@Override
	public void destroy() {
		ScheduledExecutorService poll = this.poll;
		if (poll != null) {
			poll.shutdownNow();
			this.poll = null;
		}
	}

	/**
	 * Returns what the check at start-up found (the drifts as they stand now are
	 * {@link SingleTableDefinitions#getReport()}).
	 * @return the report of the start-up check
	 */
	public DriftReport getReport() {
		return this.report;
	}

}
