package com.example.reference.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox of change-events.md: the shipment and its event's publication are stored together, the listener gets
 * the event after the commit, and the publication is completed once it returns.
 */
@SpringBootTest
class DispatcherTests {

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Notifier notifier;

	@Autowired
	ShipmentRepository shipments;

	@Autowired
	CompletedEventPublications completed;

	@Autowired
	IncompleteEventPublications incomplete;

	@Test
	void theListenerGetsTheEventAfterTheCommitAndItsPublicationIsCompleted() {
		this.dispatcher.dispatch("sh-1", "Lyon");

		assertThat(this.shipments.findById("sh-1")).isPresent();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.completed.findAll()).extracting(EventPublication::getEvent)
				.contains(new ShipmentDispatched("sh-1", "Lyon")));
		assertThat(this.notifier.notified()).contains(new ShipmentDispatched("sh-1", "Lyon"));
	}

}
