package dev.singletable.autoconfigure.events.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.events.ChangeDeadLetterHandler;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

/**
 * The application: a tracker of parcel changes that refuses the parcels marked "poison", and a dead-letter handler
 * that keeps what it is given.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ChangesApplication {

	@Bean
	Tracker tracker() {
		return new Tracker();
	}

	@Bean
	DeadLetters deadLetters() {
		return new DeadLetters();
	}

	/**
	 * Receives parcel changes.
	 */
	public static class Tracker {

		private final List<ResourceChange<Parcel>> changes = new CopyOnWriteArrayList<>();

		@ResourceChangeListener
		void on(ResourceChange<Parcel> change) {
			if (change.newState() != null && "poison".equals(change.newState().state())) {
				throw new IllegalArgumentException("cannot track " + change.id());
			}
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
	 * Keeps undeliverable changes.
	 */
	public static class DeadLetters implements ChangeDeadLetterHandler {

		private final List<DeadLetter> received = new CopyOnWriteArrayList<>();

		@Override
		public void handle(DeadLetter deadLetter) {
			this.received.add(deadLetter);
		}

		/**
		 * Returns the dead letters received.
		 * @return the dead letters
		 */
		public List<DeadLetter> received() {
			return List.copyOf(this.received);
		}

	}

}
