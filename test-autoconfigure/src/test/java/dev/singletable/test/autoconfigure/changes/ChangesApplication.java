package dev.singletable.test.autoconfigure.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

/**
 * An application with a listener of the table's changes, a service publishing an event in its transaction, and a
 * Spring Modulith listener of that event (the outbox); a {@code @DataSingleTableTest} imports the ones it needs.
 */
@SpringBootApplication
public class ChangesApplication {

	/**
	 * Receives the changes of parcels from the table's stream.
	 */
	@Component
	public static class ParcelTracker {

		private final List<ResourceChange<Parcel>> changes = new CopyOnWriteArrayList<>();

		@ResourceChangeListener
		void on(ResourceChange<Parcel> change) {
			this.changes.add(change);
		}

		/**
		 * Returns the changes received.
		 * @return the changes
		 */
		public List<ResourceChange<Parcel>> changes() {
			return List.copyOf(this.changes);
		}

	}

	/**
	 * Ships parcels: saves one and publishes its event in one transaction.
	 */
	@Service
	public static class Shipping {

		private final ParcelRepository parcels;

		private final ApplicationEventPublisher events;

		Shipping(ParcelRepository parcels, ApplicationEventPublisher events) {
			this.parcels = parcels;
			this.events = events;
		}

		/**
		 * Saves a parcel and publishes its event.
		 * @param id the parcel
		 * @param destination where it goes
		 * @return the parcel saved
		 */
		@Transactional
		public Parcel ship(String id, String destination) {
			Parcel saved = this.parcels.save(new Parcel(id, null, "shipped to " + destination));
			this.events.publishEvent(new ParcelShipped(id, destination));
			return saved;
		}

	}

	/**
	 * Receives the events of shipped parcels after their transaction committed (Spring Modulith's listener).
	 */
	@Component
	public static class ShippingNotifier {

		private final List<ParcelShipped> notified = new CopyOnWriteArrayList<>();

		@ApplicationModuleListener
		void on(ParcelShipped event) {
			this.notified.add(event);
		}

		/**
		 * Returns the events received.
		 * @return the events
		 */
		public List<ParcelShipped> notified() {
			return List.copyOf(this.notified);
		}

	}

}
