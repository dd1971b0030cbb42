package dev.singletable.core.internal.blob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one rule that makes the S3 objects of a resource match its items whatever the interleaving of writers: every
 * change this library makes to a resource's objects (the uploads of a write, their removal after a failure, the
 * clean-ups after pruning, a version delete or a resource delete) happens while the writer holds the resource's
 * <em>blob lock</em>, and the write's items are sent while it holds it.
 * <p>
 * The object keys are the Python library's ({@code {Type}/{id}/v{n}/{field}}, a plain type's
 * {@code {Type}/{id}/{field}}), the same for every writer of a version (or, for a plain type, of every write), so
 * two writers would otherwise write one key: the one whose items lose could leave its bytes under the winner's item,
 * or delete (or put back) an object the winner's item refers to. Holding the lock, a writer sees every earlier
 * writer's outcome: a version's object whose item is stored is never written over, an object without an item is a
 * leftover, and a failed write can put back or delete what it wrote.
 * <p>
 * The lock is one item of the table, {@code pk = sk = _INTERNAL#BlobLock#<prefix>#<id>} (the Python library never
 * reads {@code _INTERNAL#} items it does not know, and the item has no index attributes), holding a token and the
 * time its lease ends. It is taken with a conditional {@code UpdateItem} (absent, its lease over, or already this attempt's) and given back with
 * a {@code DeleteItem} conditioned on the token. A writer that finds it taken waits (short, growing pauses) for at
 * most {@link #DEFAULT_WAIT}, then fails with a {@link VersionConflictException}: nothing was written. A writer whose
 * lease runs short before its items are sent does not send them ({@link Lease#checkUsable}), so a lease taken over
 * after it ended never has two holders writing. Locks are reentrant per thread, so a delete that holds the lock
 * across its items and its clean-up sends its items through the same path as any write.
 * <p>
 * Writers that do not take the lock (the Python library) are not coordinated: a table written by both keeps the
 * Python library's own guarantees for those writes.
 */
public final class BlobLocks {

	private static final Log logger = LogFactory.getLog(BlobLocks.class);

	/** The key prefix of lock items. */
	public static final String KEY_PREFIX = "_INTERNAL#BlobLock#";

	/** How long a lease lasts: a holder that dies blocks the resource's blob writes at most this long. */
	static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

	/** How long a writer waits for a lock another writer holds before it fails with a conflict. */
	static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

	private static final String TOKEN = "lock_token";

	private static final String EXPIRES = "lock_expires_at";

	private final DynamoDbExecutor executor;

	private final ThreadLocal<Map<String, Lease>> held = ThreadLocal.withInitial(HashMap::new);

	private volatile Duration lease = DEFAULT_LEASE;

	private volatile Duration wait = DEFAULT_WAIT;

	public BlobLocks(DynamoDbExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Sets how long a lease lasts and how long a writer waits for one (tests shorten them).
	 */
	public void setTimings(Duration lease, Duration wait) {
		Assert.isTrue(!lease.isNegative() && !lease.isZero(), "The lease must be positive");
		this.lease = lease;
		this.wait = wait;
	}

	/**
	 * Runs {@code action} holding the lock of one resource.
	 */
	<R> R locked(SingleTablePersistentEntity<?> metadata, String id, Supplier<R> action) {
		try (Held locks = hold(List.of(new Resource(metadata, id)))) {
			return action.get();
		}
	}

	/**
	 * Takes the locks of resources (in the order of their keys, so that two writers of the same resources never
	 * wait for each other), or joins those this thread already holds.
	 * @return what to close to give them back
	 * @throws VersionConflictException when one stays taken by another writer longer than the wait
	 */
	public Held hold(List<Resource> resources) {
		if (resources.isEmpty()) {
			return Held.NONE;
		}
		Map<String, Resource> byKey = new HashMap<>();
		resources.forEach((resource) -> byKey.put(resource.key(), resource));
		List<Lease> taken = new ArrayList<>();
		Map<String, Lease> mine = this.held.get();
		try {
			for (String key : new TreeSet<>(byKey.keySet())) {
				Lease lease = mine.get(key);
				if (lease == null) {
					lease = acquire(byKey.get(key));
					mine.put(key, lease);
				}
				lease.holds++;
				taken.add(lease);
			}
		}
		catch (RuntimeException ex) {
			release(taken);
			throw ex;
		}
		return new Held(this, taken);
	}

	/**
	 * Checks that every lease this thread holds for the resources lasts long enough to send items.
	 * @throws VersionConflictException when one does not: nothing is sent
	 */
	public void checkUsable(List<Resource> resources) {
		Map<String, Lease> mine = this.held.get();
		for (Resource resource : resources) {
			Lease lease = mine.get(resource.key());
			if (lease != null) {
				lease.checkUsable();
			}
		}
	}

	private Lease acquire(Resource resource) {
		long deadline = System.nanoTime() + this.wait.toNanos();
		long pause = 5;
		for (;;) {
			String token = ResourceIds.generate();
			long now = System.currentTimeMillis();
			try {
				// a retry of this request whose answer was lost finds its own token
				this.executor.executeConditional((client) -> client
					.updateItem(acquireRequest(this.executor.getTableName(), resource, token, now, this.lease)));
				// what must be left of the lease when items are sent: a sixth of it (10 s of the default)
				long started = System.nanoTime();
				return new Lease(resource, token, started + this.lease.toNanos(), this.lease.toNanos() / 6);
			}
			catch (ConditionalCheckFailedException ex) {
				if (System.nanoTime() >= deadline) {
					throw heldTooLong(resource, this.wait, ex);
				}
				sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
				pause = nextPause(pause);
			}
		}
	}

	/**
	 * How long a lease lasts.
	 */
	public Duration lease() {
		return this.lease;
	}

	/**
	 * How long a writer waits for a lock another writer holds.
	 */
	public Duration waitTime() {
		return this.wait;
	}

	/**
	 * The pause (ms) after one that found the lock taken: doubled, at most 100 ms.
	 */
	public static long nextPause(long pause) {
		return Math.min(pause * 2, 100);
	}

	/**
	 * The conditional {@code UpdateItem} that takes a resource's lock: absent, its lease over, or already this
	 * attempt's (its token).
	 */
	public static UpdateItemRequest acquireRequest(String tableName, Resource resource, String token, long now,
			Duration lease) {
		long expires = now + lease.toMillis();
		return UpdateItemRequest.builder()
			.tableName(tableName)
			.key(key(resource))
			.updateExpression("SET #token = :token, #expires = :expires")
			.conditionExpression("attribute_not_exists(#pk) OR #expires < :now OR #token = :token")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK, "#expires", EXPIRES, "#token", TOKEN))
			.expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)), ":token",
					AttributeValue.fromS(token), ":expires", AttributeValue.fromN(Long.toString(expires))))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.build();
	}

	/**
	 * The {@code DeleteItem} that gives a lock back, conditioned on the holder's token.
	 */
	public static DeleteItemRequest releaseRequest(String tableName, Resource resource, String token) {
		return DeleteItemRequest.builder()
			.tableName(tableName)
			.key(key(resource))
			.conditionExpression("#token = :token")
			.expressionAttributeNames(Map.of("#token", TOKEN))
			.expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token)))
			.build();
	}

	/**
	 * The failure of a writer that found a lock taken for longer than it waits: nothing was written.
	 */
	public static VersionConflictException heldTooLong(Resource resource, Duration wait,
			ConditionalCheckFailedException ex) {
		return new VersionConflictException("Another write of the S3 objects of " + resource.describe()
				+ " has been in progress for longer than " + wait.toMillis() + " ms (its lease ends at "
				+ holderExpiry(ex) + "); nothing was written. Read the latest state and try again.",
				resource.metadata().getType(), resource.id(), null, null);
	}

	/**
	 * The failure of a writer whose lease runs short before its items are sent: nothing was written.
	 */
	public static VersionConflictException leaseTooShort(Resource resource) {
		return new VersionConflictException("The write of the S3 objects of " + resource.describe()
				+ " took so long that its blob lock may be taken over; nothing was written. Try again.",
				resource.metadata().getType(), resource.id(), null, null);
	}

	private static Map<String, AttributeValue> key(Resource resource) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(resource.key()), ItemAttributes.SK,
				AttributeValue.fromS(resource.key()));
	}

	private static String holderExpiry(ConditionalCheckFailedException ex) {
		if (ex.hasItem() && ex.item().containsKey(EXPIRES)) {
			return java.time.Instant.ofEpochMilli(Long.parseLong(ex.item().get(EXPIRES).n())).toString();
		}
		return "an unknown time";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new org.springframework.dao.ConcurrencyFailureException(
					"Interrupted while waiting for the blob lock", ex);
		}
	}

	private void release(List<Lease> leases) {
		Map<String, Lease> mine = this.held.get();
		for (int i = leases.size() - 1; i >= 0; i--) {
			Lease lease = leases.get(i);
			if (--lease.holds > 0) {
				continue;
			}
			mine.remove(lease.resource.key());
			try {
				this.executor.executeConditional((client) -> client
					.deleteItem(releaseRequest(this.executor.getTableName(), lease.resource, lease.token)));
			}
			catch (ConditionalCheckFailedException ex) {
				logger.warn("The blob lock of " + lease.resource.describe() + " was taken over after its lease ended");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not give back the blob lock of " + lease.resource.describe()
						+ "; it ends with its lease", ex);
			}
		}
		if (mine.isEmpty()) {
			this.held.remove();
		}
	}

	/**
	 * A resource whose objects a write changes.
	 */
	public record Resource(SingleTablePersistentEntity<?> metadata, String id) {

		public String key() {
			return KEY_PREFIX + ResourceIds.partitionKey(this.metadata, this.id);
		}

		public String describe() {
			return this.metadata.getType().getSimpleName() + " '" + this.id + "'";
		}

	}

	/**
	 * A lock this thread holds.
	 */
	private static final class Lease {

		private final Resource resource;

		private final String token;

		private final long endsAt;

		private final long margin;

		private int holds;

		Lease(Resource resource, String token, long endsAt, long margin) {
			this.resource = resource;
			this.token = token;
			this.endsAt = endsAt;
			this.margin = margin;
		}

		public void checkUsable() {
			if (System.nanoTime() > this.endsAt - this.margin) {
				throw leaseTooShort(this.resource);
			}
		}

	}

	/**
	 * The locks a caller holds; closing gives back those it took.
	 */
	public static final class Held implements AutoCloseable {

		public static final Held NONE = new Held(null, List.of());

		private final @Nullable BlobLocks locks;

		private final List<Lease> leases;

		private Held(@Nullable BlobLocks locks, List<Lease> leases) {
			this.locks = locks;
			this.leases = leases;
		}

		@Override
		public void close() {
			if (this.locks != null && !this.leases.isEmpty()) {
				this.locks.release(this.leases);
			}
		}

	}

}
