package dev.singletable.core.internal.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.ResourceIds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The blob locks of {@link BlobLocks} taken and given back without blocking: the same lock items, requests
 * ({@link BlobLocks#acquireRequest}, {@link BlobLocks#releaseRequest}), lease, wait and failures, so reactive and
 * blocking writers of a table exclude each other. A writer that finds a lock taken waits on a timer (short, growing
 * pauses), never a thread. Reentrance is by the Reactor context instead of the thread: a send puts the keys of the
 * locks it holds in the context of what it runs while holding them ({@link #HELD}), and a clean-up that runs there
 * ({@link #locked}) does not take them again.
 */
final class ReactiveBlobLocks {

	private static final Log logger = LogFactory.getLog(ReactiveBlobLocks.class);

	/** The context key of the lock keys held by the send that runs. */
	static final String HELD = ReactiveBlobLocks.class.getName() + ".held";

	private final ReactiveDynamoDbExecutor executor;

	private final BlobLocks timings;

	/**
	 * @param timings the blocking locks whose lease and wait these use
	 */
	ReactiveBlobLocks(ReactiveDynamoDbExecutor executor, BlobLocks timings) {
		this.executor = executor;
		this.timings = timings;
	}

	/**
	 * Runs work holding the locks of resources (in the order of their keys), those the context holds already
	 * excepted; they are given back when the work ends, however it ends.
	 * @param work the work, given what it holds (to check the leases before items are sent)
	 */
	<T> Mono<T> locked(List<BlobLocks.Resource> resources, Function<Held, Mono<T>> work) {
		return Mono.deferContextual((context) -> {
			Set<String> outer = context.getOrDefault(HELD, Set.of());
			Map<String, BlobLocks.Resource> byKey = new TreeMap<>();
			resources.forEach((resource) -> byKey.put(resource.key(), resource));
			outer.forEach(byKey::remove);
			Set<String> all = new HashSet<>(outer);
			all.addAll(byKey.keySet());
			return Mono.usingWhen(hold(List.copyOf(byKey.values())), (held) -> work.apply(held),
					Held::release, (held, ex) -> held.release(), Held::release)
				.contextWrite((inner) -> inner.put(HELD, Set.copyOf(all)));
		});
	}

	private Mono<Held> hold(List<BlobLocks.Resource> resources) {
		Held held = new Held(new ArrayList<>());
		return Flux.fromIterable(resources)
			.concatMap(this::acquire)
			.doOnNext(held.leases::add)
			.then(Mono.just(held))
			.onErrorResume((ex) -> held.release().then(Mono.error(ex)));
	}

	private Mono<Lease> acquire(BlobLocks.Resource resource) {
		Duration lease = this.timings.lease();
		Duration wait = this.timings.waitTime();
		return Mono.defer(() -> attempt(resource, lease, wait, System.nanoTime() + wait.toNanos(), 5));
	}

	private Mono<Lease> attempt(BlobLocks.Resource resource, Duration lease, Duration wait, long deadline,
			long pause) {
		String token = ResourceIds.generate();
		long now = System.currentTimeMillis();
		return this.executor
			.executeConditional((client) -> client
				.updateItem(BlobLocks.acquireRequest(this.executor.getTableName(), resource, token, now, lease)))
			// what must be left of the lease when items are sent: a sixth of it, as for the blocking locks
			.map((updated) -> new Lease(resource, token, System.nanoTime() + lease.toNanos(), lease.toNanos() / 6))
			.onErrorResume(ConditionalCheckFailedException.class, (ex) -> {
				if (System.nanoTime() >= deadline) {
					return Mono.error(BlobLocks.heldTooLong(resource, wait, ex));
				}
				return Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1)))
					.then(Mono.defer(() -> attempt(resource, lease, wait, deadline, BlobLocks.nextPause(pause))));
			});
	}

	/**
	 * A lock taken.
	 */
	record Lease(BlobLocks.Resource resource, String token, long endsAt, long margin) {
	}

	/**
	 * The locks a send took.
	 */
	final class Held {

		private final List<Lease> leases;

		private Held(List<Lease> leases) {
			this.leases = leases;
		}

		/**
		 * Checks, right before items are sent, that every lease taken lasts long enough.
		 * @throws dev.singletable.core.VersionConflictException when one does not: nothing is sent
		 */
		void checkUsable() {
			for (Lease lease : this.leases) {
				if (System.nanoTime() > lease.endsAt() - lease.margin()) {
					throw BlobLocks.leaseTooShort(lease.resource());
				}
			}
		}

		/**
		 * Gives the locks back, in reverse order; a failure is logged (the lock ends with its lease).
		 */
		Mono<Void> release() {
			List<Lease> taken = new ArrayList<>(this.leases);
			this.leases.clear();
			java.util.Collections.reverse(taken);
			return Flux.fromIterable(taken)
				.concatMap((lease) -> ReactiveBlobLocks.this.executor
					.executeConditional((client) -> client.deleteItem(
							BlobLocks.releaseRequest(ReactiveBlobLocks.this.executor.getTableName(), lease.resource(),
									lease.token())))
					.then()
					.onErrorResume((ex) -> {
						if (ex instanceof ConditionalCheckFailedException) {
							logger.warn("The blob lock of " + lease.resource().describe()
									+ " was taken over after its lease ended");
						}
						else {
							logger.warn("Could not give back the blob lock of " + lease.resource().describe()
									+ "; it ends with its lease", ex);
						}
						return Mono.empty();
					}))
				.then();
		}

	}

}
