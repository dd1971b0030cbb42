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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftGuard;
import dev.singletable.evolution.DriftReport;
import dev.singletable.evolution.SingleTableDefinitions;

/**
 * Checks every entity type of the application against the record of its stored definitions
 * ({@link SingleTableDefinitions#check()}) once the application is ready, so that nothing is sent to DynamoDB while
 * the context starts: new types are recorded, each drift is logged at WARN with the type, the index, what changed
 * and the fix, and the health indicator shows it. The check runs on a daemon thread when the
 * {@link ApplicationReadyEvent} arrives, or earlier when something needs its outcome first: the template's first query
 * or write of any type (this check is the template's {@link IndexDriftGuard} until it ran, and runs, or waits for,
 * the check before answering), or the recorded migrations at start-up, which run it first ({@link #run()}). Queries of a drifted index
 * are then refused (or warned about, as {@code singletable.drift.on-query} says). A table that cannot be read (missing
 * with {@code singletable.table.create=none}, unreachable) is logged at WARN and fails nothing: the health indicator
 * reports it.
 * <p>
 * Its bean is named {@value #BEAN_NAME}. Anything that must run after the check, such as the recorded migrations at
 * start-up, gets this bean by name (the check is optional: {@code singletable.drift.enabled=false} removes it) and
 * calls {@link #run()}, so that types are recorded and drift reported before any migration rewrites items.
 * <p>
 * Given a poll interval, it then reads the records every interval on a daemon thread
 * ({@link SingleTableDefinitions#checkForNewerDefinitions()}), so that an instance whose definitions another
 * instance of the fleet recorded newer (a newer version that migrated) refuses, or warns on, the writes of those
 * types within that interval. The poll stops when the bean is destroyed.
 */
public class SingleTableDriftCheck
		implements IndexDriftGuard, InitializingBean, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SingleTableDriftCheck.class);

	/** The bean's name: get it, and {@linkplain #run() run it}, before running what must follow the check. */
	public static final String BEAN_NAME = "singleTableDriftCheck";

	private final SingleTableDefinitions definitions;

	private final SingleTableTemplate template;

	private final IndexDriftAction onQuery;

	private volatile DriftReport report = DriftReport.EMPTY;

	/** Whether the check ran (or failed and was logged): the guard's fast path reads only this. */
	private volatile boolean ran;

	private volatile boolean destroyed;

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
	 * Makes this check the template's guard, without sending anything: the template's first query or write runs
	 * the check (or waits for it) before it is planned. Once it ran, the definitions are the template's guard.
	 */
	@Override
	public void afterPropertiesSet() {
		this.template.setIndexDriftAction(this.onQuery);
		this.template.setIndexDriftGuard(this);
	}

	/**
	 * Runs the check on a daemon thread once the application is ready, unless something ran it already.
	 * @param event the event
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.ran) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				run();
			}
			catch (RuntimeException ex) {
				// not one the check reports as a table it cannot read: the template's first query or write runs the
				// check again and throws it to its caller
				logger.error("The drift check of table '" + this.template.getTableName() + "' failed", ex);
			}
		}, "singletable-drift-check");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Runs the check now, unless it ran: records new types, logs the drifts, keeps them for the template's queries
	 * and writes and for the health indicator, and starts the poll. A table that cannot be read is logged at WARN,
	 * and the check is not tried again before the next start. Spring Boot calls it once the application is ready;
	 * call it to have the outcome earlier. Concurrent callers wait for the one that runs it.
	 * @return what the check found
	 */
	public DriftReport run() {
		if (this.ran) {
			return this.report;
		}
		synchronized (this) {
			if (!this.ran && !this.destroyed) {
				try {
					this.report = this.definitions.check();
				}
				catch (DataAccessException ex) {
					// a table the application does not set up (singletable.table.create=none) may be missing or
					// unreachable yet: the health indicator reports it, and nothing fails on the drift check alone
					logger.warn("Could not check the stored definitions of table '" + this.template.getTableName()
							+ "', so no drift is reported or refused until the next start: " + ex.getMessage());
				}
				this.ran = true;
				if (this.template.getIndexDriftGuard() == this) {
					// checked: the template consults the definitions directly from now on
					this.template.setIndexDriftGuard(this.definitions);
				}
				if (!this.pollInterval.isZero()) {
					startPoll(this.pollInterval.toMillis());
				}
			}
			return this.report;
		}
	}

	/**
	 * Returns whether the check ran (successfully or not).
	 * @return {@literal true} once {@link #run()} completed
	 */
	public boolean hasRun() {
		return this.ran;
	}

	/**
	 * Runs the check first when it has not run, then answers as {@link SingleTableDefinitions#drift} does.
	 * @param type the entity type the query reads
	 * @param index the index the query reads
	 * @return the drift, or {@literal null} when the index can be queried
	 */
	@Override
	public @Nullable IndexDrift drift(Class<?> type, String index) {
		run();
		return this.definitions.drift(type, index);
	}

	/**
	 * Runs the check first when it has not run, then answers as {@link SingleTableDefinitions#checkWrite} does.
	 * @param type the entity type written
	 */
	@Override
	public void checkWrite(Class<?> type) {
		run();
		this.definitions.checkWrite(type);
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
	 * Stops the poll; a check that has not started by then does not run.
	 */
	@Override
	public void destroy() {
		this.destroyed = true;
		synchronized (this) {
			ScheduledExecutorService poll = this.poll;
			if (poll != null) {
				poll.shutdownNow();
				this.poll = null;
			}
		}
	}

	/**
	 * Returns what the check found ({@link DriftReport#EMPTY} until it ran; the drifts as they stand now are
	 * {@link SingleTableDefinitions#getReport()}).
	 * @return the report of the check
	 */
	public DriftReport getReport() {
		return this.report;
	}

}
