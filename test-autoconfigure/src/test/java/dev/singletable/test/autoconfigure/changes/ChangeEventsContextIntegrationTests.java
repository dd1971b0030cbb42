package dev.singletable.test.autoconfigure.changes;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventPublicationRegistry;

import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.autoconfigure.EventPublications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each of four full-application test contexts with change events and the outbox checks, each subclass with
 * properties of its own (so four contexts, cached until the JVM exits): the JVM exits without waiting, since each
 * context's worker, registry and subscriptions stop before the shared DynamoDB Local does.
 */
abstract class ChangeEventsContextIntegrationTests {

	@Autowired
	private ChangesApplication.Shipping shipping;

	@Autowired
	private ChangesApplication.ParcelTracker tracker;

	@Autowired
	private ChangesApplication.ShippingNotifier notifier;

	@Autowired
	private SingleTableChangeStream changeStream;

	@Autowired
	private EventPublicationRegistry registry;

	/** The id of the parcel this context ships. */
	abstract String parcel();

	@Test
	void deliversTheChangeAndTheEvent() {
		this.shipping.ship(parcel(), "Paris");

		this.changeStream.awaitDelivered(Duration.ofSeconds(60));
		EventPublications.awaitCompleted(this.registry, Duration.ofSeconds(10));

		assertThat(this.tracker.changes()).anySatisfy((change) -> assertThat(change.id()).isEqualTo(parcel()));
		assertThat(this.notifier.notified()).contains(new ParcelShipped(parcel(), "Paris"));
	}

}
