package dev.singletable.test.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.util.Assert;

/**
 * Waits in a test for the outbox (Spring Modulith's event publication registry, on the table with singletable's
 * outbox) to have no incomplete publication left: every event published so far was handled by each of its listeners
 * (an {@code @ApplicationModuleListener} runs after its transaction's commit, on another thread, and completes its
 * publication when it returns). Polls the registry's incomplete publications (one {@code Query} of the type index
 * each), every 10 ms at first, then less often, up to every 200 ms, so a test does not sleep a fixed time.
 */
public final class EventPublications {

	private EventPublications() {
	}

	/**
	 * Waits until the registry holds no incomplete publication (published, processing, failed or resubmitted), or
	 * the timeout elapsed. A listener that failed leaves its publication incomplete (failed), so a test of a failing
	 * listener waits for something else.
	 * @param registry the application's registry (the {@code eventPublicationRegistry} bean)
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException when publications are still incomplete after the timeout, naming their events
	 * and listeners
	 */
	public static void awaitCompleted(EventPublicationRegistry registry, Duration timeout) {
		Assert.notNull(registry, "EventPublicationRegistry must not be null");
		Assert.notNull(timeout, "Timeout must not be null");
		long deadline = System.nanoTime() + timeout.toNanos();
		long pause = 10;
		while (true) {
			Collection<TargetEventPublication> incomplete = registry.findIncompletePublications();
			if (incomplete.isEmpty()) {
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new IllegalStateException(incomplete.size() + " event publication(s) still incomplete after "
						+ timeout + ": " + incomplete.stream()
							.map((publication) -> publication.getEvent().getClass().getSimpleName() + " to "
									+ publication.getTargetIdentifier().getValue() + " (" + publication.getStatus()
									+ ")")
							.collect(Collectors.joining(", ")));
			}
			try {
				Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the event publications", ex);
			}
			pause = Math.min(pause * 2, 200);
		}
	}

}
