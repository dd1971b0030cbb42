package dev.singletable.test;

import java.time.Duration;

import dev.singletable.core.internal.execution.BackgroundWork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for the work a write leaves to run after its answer (the deletion of the objects of pruned versions), so
 * that a test asserts what it did.
 */
public final class BackgroundCleanups {

	private BackgroundCleanups() {
	}

	/**
	 * Waits until no background work is waiting or running, failing the test after ten seconds.
	 */
	public static void await() {
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(10))).as("background work ended").isTrue();
	}

}
