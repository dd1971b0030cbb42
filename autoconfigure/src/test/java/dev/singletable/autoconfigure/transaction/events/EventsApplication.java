package dev.singletable.autoconfigure.transaction.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The application: its package holds the entity and repository.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({ EventsApplication.Listener.class, EventsApplication.Shipping.class })
public class EventsApplication {

	/**
	 * Records when each kind of listener runs and whether the parcel was stored then.
	 */
	public static class Listener {

		private final ObjectProvider<ParcelRepository> parcels;

		private final List<String> events = new CopyOnWriteArrayList<>();

		/**
		 * Creates the listener.
		 * @param parcels the parcels
		 */
		public Listener(ObjectProvider<ParcelRepository> parcels) {
			this.parcels = parcels;
		}

		@EventListener
		void atOnce(ParcelShipped event) {
			this.events.add("at once " + event.parcelId() + " " + event.state() + " " + stored(event.parcelId()));
		}

		@TransactionalEventListener
		void afterCommit(ParcelShipped event) {
			this.events.add("committed " + event.parcelId() + " " + event.state() + " " + stored(event.parcelId()));
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
		void afterRollback(ParcelShipped event) {
			this.events.add("rolled back " + event.parcelId() + " " + event.state() + " " + stored(event.parcelId()));
		}

		private String stored(String id) {
			return this.parcels.getObject().findById(id).map((parcel) -> "stored " + parcel.state()).orElse("missing");
		}

		/**
		 * Returns what was recorded, in order, and forgets it.
		 * @return the records
		 */
		public List<String> drain() {
			List<String> drained = List.copyOf(this.events);
			this.events.clear();
			return drained;
		}

	}

	/**
	 * A service saving parcels in transactions.
	 */
	public static class Shipping {

		private final ParcelRepository parcels;

		/**
		 * Creates the service.
		 * @param parcels the parcels
		 */
		public Shipping(ParcelRepository parcels) {
			this.parcels = parcels;
		}

		/**
		 * Saves parcels in one transaction, then fails when asked to.
		 * @param parcels the parcels
		 * @param fail whether to fail once they are saved
		 * @return the saved parcels
		 */
		@Transactional
		public List<Parcel> ship(List<Parcel> parcels, boolean fail) {
			List<Parcel> saved = this.parcels.saveAll(parcels);
			if (fail) {
				throw new IllegalStateException("not shipped");
			}
			return saved;
		}

		/**
		 * Deletes parcels in one transaction.
		 * @param parcels the parcels
		 */
		@Transactional
		public void discard(List<Parcel> parcels) {
			this.parcels.deleteAll(parcels);
		}

	}

}
