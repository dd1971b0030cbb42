package dev.singletable.events.internal;

import java.time.Clock;
import java.time.Duration;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.events.ChangeDeadLetterHandler;
import dev.singletable.events.ChangeDeadLetterHandler.DeadLetter;
import dev.singletable.events.ChangeDecodingException;
import dev.singletable.events.ResourceChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Delivers the records of one shard's batches, in order, to the listeners of their entity types: each change to each
 * of its listeners, a failing listener called again with exponential backoff until it succeeds or its attempts run
 * out, when the change goes to the dead-letter handler; a record that cannot be read goes there at once. A batch
 * returns only when every record of it was delivered or dead-lettered, so the shard's checkpoint after it never
 * skips a change. A change of an {@code @Audited} type is delivered with its audit row ({@link ChangeAttribution}).
 * Counts what it did, and the age of the oldest record being delivered (the lag).
 */
public final class ChangeDispatcher {

	private static final Log logger = LogFactory.getLog(ChangeDispatcher.class);

	/** How often an audited change's row is looked for. */
	private static final int ATTRIBUTION_ATTEMPTS = 4;

	/** The pause before the second look for a row, doubled before each next one. */
	private static final Duration ATTRIBUTION_BACKOFF = Duration.ofMillis(100);

	private final ChangeDecoder decoder;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();

	/** Per shard, the sequence number of the last record handled (delivered, dead-lettered or making no event). */
	private final Map<String, String> handledThrough = new ConcurrentHashMap<>();

	/** Notified after each record handled, for {@link #awaitHandled}. */
	private final Object progress = new Object();

	/** Ends the open subscriptions ({@code Flux}es of changes) when the stream stops. */
	private final List<Runnable> subscriptionEnds = new CopyOnWriteArrayList<>();

	private volatile boolean subscriptionsEnded;

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private final AtomicLong deadLettered = new AtomicLong();

	private final Clock clock;

	private volatile ChangeDeadLetterHandler deadLetters;

	private volatile int maxAttempts = 5;

	private volatile Duration initialBackoff = Duration.ofMillis(100);

	private volatile Duration maxBackoff = Duration.ofSeconds(10);

	private volatile @Nullable ChangeAttribution attribution;

	private volatile @Nullable Function<ChangeAttribution.Lookup, List<AuditEntry>> auditRows;

	/**
	 * Creates a dispatcher.
	 * @param decoder reads the records
	 * @param deadLetters where undeliverable changes go
	 * @param clock the clock of the lag
	 */
	public ChangeDispatcher(ChangeDecoder decoder, ChangeDeadLetterHandler deadLetters, Clock clock) {
		this.decoder = decoder;
		this.deadLetters = deadLetters;
		this.clock = clock;
	}

	/**
	 * Adds a listener of an entity type's changes.
	 * @param name names the listener in logs and dead letters
	 * @return removes the listener: it receives no change after the one being delivered to it
	 */
	@SuppressWarnings("unchecked")
	public <T> Runnable addListener(Class<T> type, String name, Consumer<ResourceChange<T>> listener) {
		this.decoder.listenTo(type);
		Listener added = new Listener(type, name, (change) -> listener.accept((ResourceChange<T>) change));
		this.listeners.add(added);
		return () -> this.listeners.remove(added);
	}

	/**
	 * Sets the attempts and backoff of a failing listener.
	 */
	public void setRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		this.maxAttempts = Math.max(1, maxAttempts);
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Attributes the changes of audited types: each is delivered with its audit row, read before its delivery.
	 * @param attribution finds a change's row
	 * @param auditRows reads a resource's rows from a time on, oldest first (the I/O)
	 */
	public void setAttribution(ChangeAttribution attribution,
			Function<ChangeAttribution.Lookup, List<AuditEntry>> auditRows) {
		this.attribution = attribution;
		this.auditRows = auditRows;
	}

	/**
	 * Sets where undeliverable changes go.
	 */
	public void setDeadLetterHandler(ChangeDeadLetterHandler deadLetters) {
		this.deadLetters = deadLetters;
	}

	/**
	 * Delivers a shard's batch, in order.
	 * @param shard the shard, for the lag
	 * @param records the records
	 * @throws InterruptedException when the thread is interrupted while it waits before a retry: the batch is not
	 * done, and must not be checkpointed
	 */
	public void deliver(String shard, List<Record> records) throws InterruptedException {
		if (records.isEmpty()) {
			return;
		}
		Instant oldest = records.get(0).dynamodb().approximateCreationDateTime();
		this.inFlight.put(shard, (oldest != null) ? oldest : this.clock.instant());
		try {
			for (Record record : records) {
				deliver(record);
				handled(shard, record.dynamodb().sequenceNumber());
			}
		}
		finally {
			this.inFlight.remove(shard);
		}
	}

	private void handled(String shard, @Nullable String sequenceNumber) {
		if (sequenceNumber == null) {
			return;
		}
		this.handledThrough.merge(shard, sequenceNumber, (old, now) -> (compare(now, old) > 0) ? now : old);
		synchronized (this.progress) {
			this.progress.notifyAll();
		}
	}

	/**
	 * Returns the sequence number of the last record of a shard this dispatcher handled: delivered to every listener
	 * of its type, dead-lettered, or making no event (an internal item, a type without listeners).
	 * @param shard the shard's id
	 * @return the sequence number, {@literal null} when no record of the shard was handled
	 */
	public @Nullable String handledThrough(String shard) {
		return this.handledThrough.get(shard);
	}

	/**
	 * Waits until, for each shard of the map, the record with the given sequence number (or a later one) was handled.
	 * @param targets per shard id, the sequence number to reach
	 * @param deadlineNanos when to give up, on {@link System#nanoTime()}'s scale
	 * @return the shards that did not reach their target by the deadline (with their targets), empty when all did
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	public Map<String, String> awaitHandled(Map<String, String> targets, long deadlineNanos)
			throws InterruptedException {
		synchronized (this.progress) {
			while (true) {
				Map<String, String> pending = new LinkedHashMap<>();
				targets.forEach((shard, target) -> {
					String reached = this.handledThrough.get(shard);
					if (reached == null || compare(reached, target) < 0) {
						pending.put(shard, target);
					}
				});
				long left = deadlineNanos - System.nanoTime();
				if (pending.isEmpty() || left <= 0) {
					return pending;
				}
				TimeUnit.NANOSECONDS.timedWait(this.progress, left);
			}
		}
	}

	/**
	 * Compares two sequence numbers of a shard: decimal numbers, of up to 40 digits.
	 */
	private static int compare(String first, String second) {
		try {
			return new BigInteger(first).compareTo(new BigInteger(second));
		}
		catch (NumberFormatException ex) {
			return (first.length() != second.length()) ? Integer.compare(first.length(), second.length())
					: first.compareTo(second);
		}
	}

	/**
	 * Registers what ends an open subscription when the stream stops; run at once when the stream is stopped.
	 * @param end completes the subscription
	 * @return unregisters it (when the subscription ended otherwise)
	 */
	public Runnable onSubscriptionsEnd(Runnable end) {
		this.subscriptionEnds.add(end);
		if (this.subscriptionsEnded) {
			endSubscriptions();
		}
		return () -> this.subscriptionEnds.remove(end);
	}

	/**
	 * Ends every open subscription (completes each {@code Flux} of changes), and every one opened until
	 * {@link #reopenSubscriptions()}: the stream stops.
	 */
	public void endSubscriptions() {
		this.subscriptionsEnded = true;
		for (Runnable end : this.subscriptionEnds) {
			this.subscriptionEnds.remove(end);
			try {
				end.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A subscription to the changes could not be completed: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Lets subscriptions stay open again: the stream starts (again).
	 */
	public void reopenSubscriptions() {
		this.subscriptionsEnded = false;
	}

	private void deliver(Record record) throws InterruptedException {
		ResourceChange<?> change;
		try {
			change = this.decoder.decode(record);
		}
		catch (ChangeDecodingException ex) {
			deadLetter(new DeadLetter(null, key(record), record.dynamodb().sequenceNumber(), null, 1, ex));
			return;
		}
		Class<?> type = (change != null) ? change.resourceType() : null;
		if (type == null || this.listeners.stream().noneMatch((listener) -> listener.type() == type)) {
			return;
		}
		change = attributed(change, record);
		for (Listener listener : this.listeners) {
			if (listener.type() == change.resourceType()) {
				deliver(change, listener, record);
			}
		}
	}

	private void deliver(ResourceChange<?> change, Listener listener, Record record) throws InterruptedException {
		Duration backoff = this.initialBackoff;
		for (int attempt = 1;; attempt++) {
			try {
				listener.consumer().accept(change);
				this.delivered.incrementAndGet();
				return;
			}
			catch (RuntimeException ex) {
				if (attempt >= this.maxAttempts) {
					deadLetter(new DeadLetter(change, key(record), change.sequenceNumber(), listener.name(), attempt, ex));
					return;
				}
				this.retried.incrementAndGet();
				Thread.sleep(backoff.toMillis());
				Duration doubled = backoff.multipliedBy(2);
				backoff = (doubled.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : doubled;
			}
		}
	}

	/**
	 * Returns the change with its audit row when its type is audited: the row is looked for again, with a short
	 * backoff, while the audit index does not show it yet (a global index is eventually consistent, and the Python
	 * library writes its row just after the change); after the last look, or when the rows cannot be read, the change
	 * goes on without its row, logged.
	 */
	private ResourceChange<?> attributed(ResourceChange<?> change, Record record) throws InterruptedException {
		ChangeAttribution rule = this.attribution;
		Function<ChangeAttribution.Lookup, List<AuditEntry>> rows = this.auditRows;
		ChangeAttribution.Lookup lookup = (rule != null && rows != null) ? rule.lookup(change, record) : null;
		if (lookup == null) {
			return change;
		}
		long backoff = ATTRIBUTION_BACKOFF.toMillis();
		RuntimeException failure = null;
		for (int attempt = 1; attempt <= ATTRIBUTION_ATTEMPTS; attempt++) {
			try {
				ResourceChange<?> matched = rule.match(change, lookup, rows.apply(lookup));
				if (matched != null) {
					return matched;
				}
				failure = null;
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			if (attempt < ATTRIBUTION_ATTEMPTS) {
				Thread.sleep(backoff);
				backoff *= 2;
			}
		}
		logger.warn("The audit row of the change " + change + " was not " + ((failure != null)
				? "read (" + failure.getMessage() + ")" : "found on the audit index") + "; delivered without it",
				failure);
		return change;
	}

	private void deadLetter(DeadLetter deadLetter) {
		this.deadLettered.incrementAndGet();
		this.deadLetters.handle(deadLetter);
	}

	private static String key(Record record) {
		Map<String, AttributeValue> keys = record.dynamodb().keys();
		return text(keys.get(ItemAttributes.PK)) + " / " + text(keys.get(ItemAttributes.SK));
	}

	private static String text(@Nullable AttributeValue value) {
		return (value == null || value.s() == null) ? "?" : value.s();
	}

	/** How many changes were delivered to a listener. */
	public long delivered() {
		return this.delivered.get();
	}

	/** How many failed deliveries were attempted again. */
	public long retried() {
		return this.retried.get();
	}

	/** How many changes went to the dead-letter handler. */
	public long deadLettered() {
		return this.deadLettered.get();
	}

	/** The age of the oldest record being delivered: zero when none is. */
	public Duration lag() {
		Instant now = this.clock.instant();
		return this.inFlight.values().stream().min(Instant::compareTo).map((oldest) -> Duration.between(oldest, now))
			.filter((lag) -> !lag.isNegative()).orElse(Duration.ZERO);
	}

	/** A listener: equal only to itself, so that removing one leaves an equal other. */
	private static final class Listener {

		private final Class<?> type;

		private final String name;

		private final Consumer<ResourceChange<?>> consumer;

		Listener(Class<?> type, String name, Consumer<ResourceChange<?>> consumer) {
			this.type = type;
			this.name = name;
			this.consumer = consumer;
		}

		Class<?> type() {
			return this.type;
		}

		String name() {
			return this.name;
		}

		Consumer<ResourceChange<?>> consumer() {
			return this.consumer;
		}

	}

}
