package com.example.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

/**
 * Collects the changes of parcels that the table's stream delivers, whoever wrote them.
 */
@Component
public class ChangeLog {

	private final List<Entry> entries = new CopyOnWriteArrayList<>();

	@ResourceChangeListener
	void on(ResourceChange<Parcel> change) {
		Parcel state = (change.newState() != null) ? change.newState() : change.oldState();
		this.entries.add(new Entry(change.type().name(), change.id(), change.version(),
				(state != null) ? state.destination() : null, change.idempotencyKey()));
	}

	public List<Entry> entries() {
		return List.copyOf(this.entries);
	}

	public record Entry(String type, String id, long version, String destination, String idempotencyKey) {
	}

}
