package dev.singletable.test.autoconfigure.changes;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.core.EventPublicationRegistry;

import dev.singletable.events.SingleTableEventPublicationRepository;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import dev.singletable.test.autoconfigure.EventPublications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} with the outbox: a service imported into the slice publishes an
 * event in its transaction, Spring Modulith's listener runs after the commit, and its publication, stored on the
 * table, is completed, waited for with {@link EventPublications#awaitCompleted}.
 */
@DataSingleTableTest
@Import({ ChangesApplication.Shipping.class, ChangesApplication.ShippingNotifier.class })
class DataSingleTableTestOutboxIntegrationTests {

	@Autowired
	private ChangesApplication.Shipping shipping;

	@Autowired
	private ChangesApplication.ShippingNotifier notifier;

	@Autowired
	private EventPublicationRegistry registry;

	@Autowired
	private SingleTableEventPublicationRepository repository;

	@Test
	void listenerRunsAfterTheCommitAndItsPublicationIsCompleted() {
		this.shipping.ship("o-1", "Lyon");

		EventPublications.awaitCompleted(this.registry, Duration.ofSeconds(10));

		assertThat(this.notifier.notified()).containsExactly(new ParcelShipped("o-1", "Lyon"));
		assertThat(this.registry.findIncompletePublications()).isEmpty();
		assertThat(this.repository.findCompletedPublications()).singleElement()
			.satisfies((publication) -> assertThat(publication.getEvent()).isEqualTo(new ParcelShipped("o-1", "Lyon")));
	}

}
