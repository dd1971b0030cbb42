package dev.singletable.autoconfigure.evolution;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.drift.SingleTableDriftCheck;
import dev.singletable.autoconfigure.evolution.after.AfterApplication;
import dev.singletable.autoconfigure.evolution.after.Note;
import dev.singletable.autoconfigure.evolution.after.Ticket;
import dev.singletable.autoconfigure.evolution.after.TicketRepository;
import dev.singletable.autoconfigure.evolution.before.BeforeApplication;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.TypeDrift;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up drift check of an application whose pending migration fixes the drift it finds: the drift is logged
 * at INFO as "will be fixed by migration N", not as a warning a moment before the migration runs; without the
 * migration at start-up, it stays a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class PendingMigrationDriftLogIntegrationTests {

	@Test
	void aDriftThatAPendingMigrationFixesIsLoggedAtInfoNamingTheMigration(CapturedOutput output) throws Exception {
		String table = storedBeforeTheChange();
		int from = output.length();

		try (ConfigurableApplicationContext after = start(AfterApplication.class, table)) {
			assertThat(after.getBean(SingleTableDriftCheck.class).getReport().refusing()).extracting(TypeDrift::type)
				.containsExactlyInAnyOrder(Ticket.class, Note.class);
			assertThat(after.getBean(TicketRepository.class).findByOwner("owner-1")).isNotEmpty();
		}

		List<String> lines = lines(output, from);
		assertThat(lines).filteredOn((line) -> line.contains("Drift of " + Ticket.class.getName()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(" INFO ")
				.contains("index 'gsi2'")
				.contains("will be fixed by migration 2 'index tickets by owner and notes by author' (step 1 of 2: "
						+ "reindex Ticket)"));
		assertThat(lines).filteredOn((line) -> line.contains("Drift of " + Note.class.getName()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(" INFO ").contains("will be fixed by migration 2 ")
				.contains("(step 2 of 2: reindex Note)"));
		assertThat(lines).noneMatch((line) -> line.contains(" WARN ") && line.contains("Drift of"));
	}

	@Test
	void aDriftIsAWarningWhenTheMigrationDoesNotRunAtStartUp(CapturedOutput output) throws Exception {
		String table = storedBeforeTheChange();
		int from = output.length();

		try (ConfigurableApplicationContext after = start(AfterApplication.class, table,
				"singletable.migrations.enabled=false")) {
			assertThat(after.getBean(SingleTableDriftCheck.class).getReport().refusing()).hasSize(2);
		}

		assertThat(lines(output, from)).filteredOn((line) -> line.contains("Drift of " + Ticket.class.getName()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(" WARN ").doesNotContain("will be fixed"));
	}

	private static String storedBeforeTheChange() throws Exception {
		String table = TestTables.uniqueName("pending-fix");
		try (ConfigurableApplicationContext before = start(BeforeApplication.class, table)) {
			StoredTickets.write(before.getBean(SingleTableTemplate.class), TestTables.client(), 40, 0, 40, 4);
		}
		return table;
	}

	private static List<String> lines(CapturedOutput output, int from) {
		return Arrays.asList(output.toString().substring(from).split("\\R"));
	}

	private static ConfigurableApplicationContext start(Class<?> application, String table, String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of(TestTables.endpointProperty(),
				"singletable.table-name=" + table, "singletable.table.create=create-if-missing",
				"singletable.embedded.enabled=false"));
		properties.addAll(List.of(more));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		// the check started when the application was ready: the tests look at its outcome
		context.getBeanProvider(SingleTableDriftCheck.class).ifAvailable(SingleTableDriftCheck::run);
		return context;
	}

}
