package dev.singletable.core.internal.execution;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rule both drivers run tasks side by side by ({@link SideBySide}), without a server or threads: results kept at
 * their places, no task started after a failure, the first failure thrown with the later ones suppressed in it.
 */
class SideBySideUnitTests {

	@Test
	void resultsAreGivenInTheTasksOrderWhateverOrderTheyEndIn() {
		SideBySide<String> side = new SideBySide<>(3);

		side.run(2, () -> "c");
		side.run(0, () -> "a");
		side.run(1, () -> null);

		assertThat(side.results()).containsExactly("a", null, "c");
	}

	@Test
	void noTaskStartsOnceOneFailedAndTheFirstFailureIsThrownWithTheLaterOnesSuppressed() {
		SideBySide<String> side = new SideBySide<>(3);
		AtomicInteger started = new AtomicInteger();
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException later = new IllegalArgumentException("later, from a task in flight");

		side.run(0, () -> {
			started.incrementAndGet();
			throw first;
		});
		side.fail(later);
		side.run(1, () -> {
			started.incrementAndGet();
			return "never";
		});

		assertThat(side.failed()).isTrue();
		assertThat(started).hasValue(1);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(side::results)
			.isSameAs(first)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).containsExactly(later));
	}

	@Test
	void aCheckedFailureIsThrownInAnIllegalStateException() {
		SideBySide<String> side = new SideBySide<>(1);
		IOException checked = new IOException("disk");

		side.fail(checked);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(side::results).withCause(checked);
	}

}
