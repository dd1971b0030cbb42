package dev.singletable.autoconfigure.drift;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.drift.before.BeforePackage;
import dev.singletable.autoconfigure.drift.tickets.TicketPackage;
import dev.singletable.autoconfigure.drift.tickets.TicketRepository;
import dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration;
import dev.singletable.core.schema.IndexDriftException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drift detection in a Boot application (from issue 25): every shape of derived query on a
 * drifted index is refused (and a derived delete deletes nothing), and the property that switches detection off.
 */
class DriftedIndexQueriesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableDriftAutoConfiguration.class,
				SingleTableHealthContributorAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	private void firstVersionStoresTickets(String table) {
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				dev.singletable.autoconfigure.drift.before.TicketRepository tickets = context
					.getBean(dev.singletable.autoconfigure.drift.before.TicketRepository.class);
				tickets.save(dev.singletable.autoconfigure.drift.before.Ticket.of("ann", "open"));
				tickets.save(dev.singletable.autoconfigure.drift.before.Ticket.of("ann", "closed"));
			});
	}

	@Test
	void everyShapeOfDerivedQueryOnADriftedIndexIsRefusedAndADerivedDeleteDeletesNothing() {
		String table = TestTables.uniqueName("drift-shapes");
		firstVersionStoresTickets(table);
		this.contextRunner.withUserConfiguration(TicketPackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TicketRepository tickets = context.getBean(TicketRepository.class);
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.findByOwner("ann"));
				assertThatExceptionOfType(IndexDriftException.class)
					.isThrownBy(() -> tickets.findByOwner("ann", PageRequest.of(0, 1)));
				assertThatExceptionOfType(IndexDriftException.class)
					.isThrownBy(() -> tickets.readByOwner("ann", PageRequest.of(0, 1)));
				assertThatExceptionOfType(IndexDriftException.class)
					.isThrownBy(() -> tickets.findFirst2ByOwner("ann", ScrollPosition.keyset()));
				assertThatExceptionOfType(IndexDriftException.class)
					.isThrownBy(() -> tickets.streamByOwner("ann").toList());
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.findFirstByOwner("ann"));
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.countByOwner("ann"));
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.existsByOwner("ann"));
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.deleteByOwner("ann"));
				assertThat(tickets.count()).isEqualTo(2);
				assertThat(tickets.findByStatus("open")).hasSize(1);
			});
	}

	@Test
	void switchedOffTheQueriesAreServedAndNothingIsRecorded() {
		String table = TestTables.uniqueName("drift-off");
		firstVersionStoresTickets(table);
		this.contextRunner.withUserConfiguration(TicketPackage.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.drift.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SingleTableDriftCheck.class);
				TicketRepository tickets = context.getBean(TicketRepository.class);
				// no refusal: the answer misses what was stored before the index (the user's choice)
				assertThat(tickets.findByOwner("ann")).isEmpty();
			});
		// the next start with detection on still finds the drift: nothing was recorded while it was off
		this.contextRunner.withUserConfiguration(TicketPackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThatExceptionOfType(IndexDriftException.class)
				.isThrownBy(() -> context.getBean(TicketRepository.class).findByOwner("ann")));
	}

}
