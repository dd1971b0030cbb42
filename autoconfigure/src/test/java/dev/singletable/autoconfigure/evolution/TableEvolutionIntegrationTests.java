package dev.singletable.autoconfigure.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.evolution.before.BeforeApplication;
import dev.singletable.autoconfigure.evolution.before.Note;
import dev.singletable.autoconfigure.evolution.before.Ticket;
import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end test.
 */
class TableEvolutionIntegrationTests {

	private static final int TICKETS = 6_000;

	private static final int EDITED = 1_500;

	private static final int NOTES = 4_000;

	private static final int OWNERS = 40;

	@Test
	void load() throws Exception {
		String table = TestTables.uniqueName("evolution");
		long start = System.nanoTime();
		try (ConfigurableApplicationContext before = start(BeforeApplication.class, table)) {
			System.out.println("started " + (System.nanoTime() - start) / 1_000_000);
			StoredTickets.write(before.getBean(SingleTableTemplate.class), TestTables.client(), TICKETS, EDITED, NOTES,
					OWNERS);
			System.out.println("written " + (System.nanoTime() - start) / 1_000_000);
			System.out.println("items " + StoredTickets.scan(TestTables.client(), table).size());
			System.out.println("scanned " + (System.nanoTime() - start) / 1_000_000);
		}
		assertThat(table).isNotEmpty();
	}

	private static ConfigurableApplicationContext start(Class<?> application, String table, String... properties) {
		List<String> all = new ArrayList<>(List.of(TestTables.endpointProperty(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.embedded.enabled=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
