package dev.singletable.events.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.EventPublication.Status;

import dev.singletable.events.internal.PublicationItems.State;
import dev.singletable.events.internal.PublicationItems.Stored;

/**
 * States of publications that their next transition compares and sets, kept by one instance: Spring Modulith names a
 * publication to move by its identifier only, after reading it (a resubmission, stale publications marked failed) or
 * after moving it itself (a claim, then processing, then completed or failed). The repository keeps two: the states
 * it last read publications in, and the states it left the publications it delivers in. A completed publication is
 * not kept (no transition starts from it), and a transition takes its state out: a state is compared once. At most
 * {@code capacity} states are kept, the least recently used given up first; a transition of a publication whose state
 * is given up (or was never known) reads it first. Thread safe.
 */
public final class PublicationStates {

	private final Map<UUID, State> states;

	/**
	 * Remembers at most the given number of states.
	 * @param capacity how many
	 */
	public PublicationStates(int capacity) {
		this.states = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, State> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Remembers the states publications were read in, but completed ones.
	 */
	public synchronized void read(Iterable<Stored> publications) {
		for (Stored stored : publications) {
			State state = stored.state();
			if (state.status() == Status.COMPLETED) {
				this.states.remove(stored.id());
			}
			else {
				this.states.put(stored.id(), state);
			}
		}
	}

	/**
	 * Remembers the state a transition left a publication in (a completed one is forgotten).
	 */
	public synchronized void left(UUID id, State state) {
		if (state.status() == Status.COMPLETED) {
			this.states.remove(id);
		}
		else {
			this.states.put(id, state);
		}
	}

	/**
	 * Takes out the state a publication was last read or left in.
	 * @return the state, {@literal null} when none is known
	 */
	public synchronized @Nullable State take(UUID id) {
		return this.states.remove(id);
	}

}
