package dev.singletable.events.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication.Status;

import dev.singletable.events.internal.PublicationItems.State;
import dev.singletable.events.internal.PublicationItems.Stored;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states a transition compares: the one a publication was last read or left in, taken out once, none for a
 * completed one, at most as many as the capacity (the least recently used given up first).
 */
class PublicationStatesUnitTests {

	@Test
	void aStateReadOrLeftIsTakenOnce() {
		PublicationStates states = new PublicationStates(10);
		UUID failed = UUID.randomUUID();
		UUID completed = UUID.randomUUID();
		states.read(List.of(stored(failed, Status.FAILED, 1), stored(completed, Status.COMPLETED, 2)));

		assertThat(states.take(failed)).isEqualTo(new State(Status.FAILED, 1));
		assertThat(states.take(failed)).isNull();
		assertThat(states.take(completed)).isNull();

		states.left(failed, new State(Status.RESUBMITTED, 2));
		states.read(List.of(stored(failed, Status.PROCESSING, 2)));
		assertThat(states.take(failed)).as("the latest read").isEqualTo(new State(Status.PROCESSING, 2));
		states.left(failed, new State(Status.COMPLETED, 2));
		assertThat(states.take(failed)).as("completed: forgotten").isNull();
	}

	@Test
	void pastItsCapacityTheLeastRecentlyUsedStateIsGivenUp() {
		PublicationStates states = new PublicationStates(2);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		UUID third = UUID.randomUUID();
		states.left(first, State.PUBLISHED);
		states.left(second, State.PUBLISHED);
		states.left(first, new State(Status.PROCESSING, 1));
		states.left(third, State.PUBLISHED);

		assertThat(states.take(second)).isNull();
		assertThat(states.take(first)).isEqualTo(new State(Status.PROCESSING, 1));
		assertThat(states.take(third)).isEqualTo(State.PUBLISHED);
	}

	private static Stored stored(UUID id, Status status, int attempts) {
		return new Stored(id, "OrderPlaced", "billing", "{}", Instant.EPOCH, status, null, null, attempts);
	}

}
