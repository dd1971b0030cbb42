package dev.singletable.autoconfigure.transaction.events;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.DomainEvents;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity whose repository publishes a {@link ParcelShipped} event each time it is saved or deleted.
 *
 * @param id the identifier
 * @param version the version
 * @param state the state
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "state#{state}")
public record Parcel(@Id String id, @Version Long version, String state) {

	/**
	 * Returns the parcel in another state.
	 * @param state the state
	 * @return the parcel
	 */
	public Parcel withState(String state) {
		return new Parcel(this.id, this.version, state);
	}

	/**
	 * The events Spring Data's repository proxy publishes once a repository method given this parcel returns.
	 * @return the events
	 */
	@DomainEvents
	List<ParcelShipped> events() {
		return List.of(new ParcelShipped(this.id, this.state));
	}

}
