package dev.singletable.core.internal.blob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

import dev.singletable.core.VersionConflictException;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
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
 * after it ended never has two holders writing. Taking and giving back locks are plans ({@link #acquire},
 * {@link #release}, {@link #holding}), which the blocking and the reactive writers run on their drivers.
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

	private final String tableName;

	private volatile Duration lease = DEFAULT_LEASE;

	private volatile Duration wait = DEFAULT_WAIT;

	/**
	 * @param tableName the table the lock items are written in
	 */
	public BlobLocks(String tableName) {
		this.tableName = tableName;
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
	 * The plan that runs another holding the locks of resources: takes them ({@link #acquire}), runs {@code work}
	 * with the leases taken (to check them before items are sent), and gives them back ({@link #release}) however
	 * the work ends.
	 * @param work the plan to run holding the locks
	 */
	public <R> Step<R> holding(List<Resource> resources, Function<List<Lease>, Step<R>> work) {
		return acquire(resources).then((leases) -> Step.defer(() -> work.apply(leases))
			.andFinally(() -> release(leases)));
	}

	/**
	 * The plan that takes the locks of resources, in the order of their keys (so that two writers of the same
	 * resources never wait for each other), each with a conditional {@code UpdateItem}: one another writer holds is
	 * asked for again after short, growing pauses ({@code Request.Wait}) until the wait time has passed, then the
	 * plan fails with a {@link VersionConflictException}, the locks it took given back. Writers of both APIs run
	 * this plan, so they exclude each other.
	 * @return the leases taken, to give back with {@link #release}
	 */
	public Step<List<Lease>> acquire(List<Resource> resources) {
		return Step.defer(() -> {
			Map<String, Resource> byKey = new TreeMap<>();
			resources.forEach((resource) -> byKey.put(resource.key(), resource));
			return acquireAll(List.copyOf(byKey.values()), 0, List.of());
		});
	}

	/**
	 * Checks that every lease lasts long enough to send items.
	 * @throws VersionConflictException when one does not: nothing is sent
	 */
	public static void checkUsable(Collection<Lease> leases) {
		leases.forEach(Lease::checkUsable);
	}

	private Step<List<Lease>> acquireAll(List<Resource> resources, int next, List<Lease> taken) {
		if (next == resources.size()) {
			return Step.done(taken);
		}
		Duration wait = this.wait;
		return acquisition(resources.get(next), this.lease, wait, System.nanoTime() + wait.toNanos(), 5)
			.recover((ex) -> release(taken).then((ignored) -> {
				throw ex;
			}))
			.then((lease) -> {
				List<Lease> all = new ArrayList<>(taken);
				all.add(lease);
				return acquireAll(resources, next + 1, List.copyOf(all));
			});
	}

	private Step<Lease> acquisition(Resource resource, Duration lease, Duration wait, long deadline, long pause) {
		return Step.defer(() -> {
			String token = ResourceIds.generate();
			long now = System.currentTimeMillis();
			// a retry of this request whose answer was lost finds its own token
			Request request = new Request.Conditional(
					acquireRequest(this.tableName, resource, token, now, lease));
			return Step.send(request, (answer) -> {
				if (answer.failure() instanceof ConditionalCheckFailedException ex) {
					if (System.nanoTime() >= deadline) {
						throw Failures.heldTooLong(resource, wait, ex);
					}
					Duration pauseFor = Duration.ofMillis(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
					return Step.send(new Request.Wait(pauseFor),
							(waited) -> acquisition(resource, lease, wait, deadline, nextPause(pause)));
				}
				answer.orThrow();
				// what must be left of the lease when items are sent: a sixth of it (10 s of the default)
				return Step.done(new Lease(resource, token, System.nanoTime() + lease.toNanos(), lease.toNanos() / 6));
			});
		});
	}

	/**
	 * The plan that gives locks back, in reverse order, each with a {@code DeleteItem} conditioned on its token. It
	 * never fails: a lock it cannot give back is logged, and ends with its lease.
	 */
	public Step<Void> release(List<Lease> leases) {
		Step<Void> all = Step.done(null);
		for (int i = leases.size() - 1; i >= 0; i--) {
			Step<Void> release = release(leases.get(i));
			all = all.then((ignored) -> release);
		}
		return all;
	}

	private Step<Void> release(Lease lease) {
		Request request = new Request.Conditional(
				releaseRequest(this.tableName, lease.resource, lease.token));
		return Step.send(request, (answer) -> {
			RuntimeException failure = answer.failure();
			if (failure instanceof ConditionalCheckFailedException) {
				logger.warn("The blob lock of " + lease.resource.describe() + " was taken over after its lease ended");
			}
			else if (failure != null) {
				logger.warn("Could not give back the blob lock of " + lease.resource.describe()
						+ "; it ends with its lease", failure);
			}
			return Step.done(null);
		});
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
	 * A lock taken, until its lease ends.
	 */
	public static final class Lease {

		private final Resource resource;

		private final String token;

		private final long endsAt;

		private final long margin;

		Lease(Resource resource, String token, long endsAt, long margin) {
			this.resource = resource;
			this.token = token;
			this.endsAt = endsAt;
			this.margin = margin;
		}

		/**
		 * Checks that the lease lasts long enough to send items.
		 * @throws VersionConflictException when it does not: nothing is sent
		 */
		public void checkUsable() {
			if (System.nanoTime() > this.endsAt - this.margin) {
				throw leaseTooShort(this.resource);
			}
		}

	}

	/**
	 * The failure of a writer that found a lock taken for longer than it waits (nothing was written), made in a class
	 * of its own: verifying a throw of the exception where it is made loads its class and its bases, which the
	 * start of a template, that makes the locks, does not need.
	 */
	private static final class Failures {

		static RuntimeException heldTooLong(Resource resource, Duration wait, ConditionalCheckFailedException ex) {
			return new VersionConflictException("Another write of the S3 objects of " + resource.describe()
					+ " has been in progress for longer than " + wait.toMillis() + " ms (its lease ends at "
					+ holderExpiry(ex) + "); nothing was written. Read the latest state and try again.",
					resource.metadata().getType(), resource.id(), null, null);
		}

	}

}
