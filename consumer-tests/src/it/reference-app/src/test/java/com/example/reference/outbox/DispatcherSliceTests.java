package com.example.reference.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.core.EventPublicationRegistry;

import dev.singletable.test.autoconfigure.DataSingleTableTest;
import dev.singletable.test.autoconfigure.EventPublications;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
@Import({ Dispatcher.class, Notifier.class })
class DispatcherSliceTests {

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Notifier notifier;

	@Autowired
	EventPublicationRegistry registry;

	@Test
	void theNotifierGetsTheEvent() {
		this.dispatcher.dispatch("sh-outbox", "Lyon");

		EventPublications.awaitCompleted(this.registry, Duration.ofSeconds(10));   // no incomplete publication left

		assertThat(this.notifier.notified()).containsExactly(new ShipmentDispatched("sh-outbox", "Lyon"));
	}

}
