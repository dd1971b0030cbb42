package dev.singletable.autoconfigure.events.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The application: a service dispatching shipments in transactions, which publish events, and a listener of them
 * that fails as often as it is told to.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({ OutboxApplication.Notifier.class, OutboxApplication.Dispatcher.class })
public class OutboxApplication {

	/**
	 * Receives the events once their transaction committed; fails while failures are left.
	 */
	public static class Notifier {

		private final List<ShipmentDispatched> received = new CopyOnWriteArrayList<>();

		private final AtomicInteger failures = new AtomicInteger();

		private volatile Runnable onSuccess = () -> {
		};

		@TransactionalEventListener
		void on(ShipmentDispatched event) {
			this.received.add(event);
			if (this.failures.get() == 0) {
				this.onSuccess.run();
			}
			if (this.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new IllegalStateException("notifier down for " + event.shipmentId());
			}
		}

		/**
		 * Makes the next deliveries fail.
		 * @param times how many
		 */
		public void failNext(int times) {
			this.failures.set(times);
		}

		/**
		 * Sets what runs when a delivery succeeds, before the listener returns.
		 * @param action the action
		 */
		public void onSuccess(Runnable action) {
			this.onSuccess = action;
		}

		/**
		 * Returns the events received, in order, failed deliveries included.
		 * @return the events
		 */
		public List<ShipmentDispatched> received() {
			return List.copyOf(this.received);
		}

	}

	/**
	 * Dispatches shipments, each in a transaction that saves it and publishes its event.
	 */
	public static class Dispatcher {

		private final ShipmentRepository shipments;

		private final CrateRepository crates;

		private final ApplicationEventPublisher events;

		/**
		 * Creates the service.
		 * @param shipments the shipments
		 * @param crates the crates
		 * @param events where events are published
		 */
		public Dispatcher(ShipmentRepository shipments, CrateRepository crates, ApplicationEventPublisher events) {
			this.shipments = shipments;
			this.crates = crates;
			this.events = events;
		}

		/**
		 * Saves a shipment and publishes its event, then fails when asked to.
		 * @param id the shipment
		 * @param destination where it goes
		 * @param fail whether to fail once the event is published
		 * @return the shipment saved
		 */
		@Transactional
		public Shipment dispatch(String id, String destination, boolean fail) {
			Shipment saved = this.shipments.save(new Shipment(id, null, destination));
			this.events.publishEvent(new ShipmentDispatched(id, destination));
			if (fail) {
				throw new IllegalStateException("dispatch of " + id + " called off");
			}
			return saved;
		}

		/**
		 * Saves crates, then publishes an event: all in one transaction.
		 * @param crates how many crates
		 */
		@Transactional
		public void pack(int crates) {
			for (int i = 0; i < crates; i++) {
				this.crates.save(new Crate("crate-" + i));
			}
			this.events.publishEvent(new ShipmentDispatched("packed", "crates"));
		}

	}

}
