package dev.singletable.autoconfigure.drift;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.drift.after.AfterPackage;
import dev.singletable.autoconfigure.drift.before.BeforePackage;
import dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration;
import dev.singletable.autoconfigure.health.SingleTableHealthIndicator;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.SingleTableDefinitions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Tests for {@link SingleTableDriftAutoConfiguration}: an application restarted with a new {@code @IndexKey} on a type
 * with stored items logs the drift, shows it in the health details and refuses the derived and template queries of
 * the new index (or warns, as configured); a new table records silently; the property switches it off.
 */
@ExtendWith(OutputCaptureExtension.class)
class SingleTableDriftAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableDriftAutoConfiguration.class,
				SingleTableHealthContributorAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	/** Runs the first version of the application on the table and stores two tickets. */
	private void firstVersionStoresTickets(String table) {
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// the application is ready: the check runs
				assertThat(context.getBean(SingleTableDriftCheck.class).run().recorded())
					.containsExactly(dev.singletable.autoconfigure.drift.before.Ticket.class);
				dev.singletable.autoconfigure.drift.before.TicketRepository tickets = context
					.getBean(dev.singletable.autoconfigure.drift.before.TicketRepository.class);
				tickets.save(dev.singletable.autoconfigure.drift.before.Ticket.of("ann", "open"));
				tickets.save(dev.singletable.autoconfigure.drift.before.Ticket.of("bob", "open"));
			});
	}

	@Test
	void aNewTableRecordsItsTypesSilently(CapturedOutput output) {
		String table = TestTables.uniqueName("drift-new");
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableDefinitions.class).hasBean(SingleTableDriftCheck.BEAN_NAME);
				// before the application is ready the check guards the template, and runs at its first query
				assertThat(context.getBean(SingleTableTemplate.class).getIndexDriftGuard())
					.isSameAs(context.getBean(SingleTableDriftCheck.class));
				context.getBean(SingleTableDriftCheck.class).run();
				assertThat(context.getBean(SingleTableTemplate.class).getIndexDriftGuard())
					.isSameAs(context.getBean(SingleTableDefinitions.class));
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).doesNotContainKey("drift");
			});
		Map<String, AttributeValue> record = TestTables.client()
			.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS("_INTERNAL#Definitions"), "sk", AttributeValue.fromS("Ticket"))))
			.item();
		assertThat(record).containsKey("indexes").doesNotContainKey("gsitype");
		assertThat(output).doesNotContain("Drift of");
	}

	@Test
	void anApplicationRestartedWithANewIndexKeyReportsTheDriftAndRefusesItsQueries(CapturedOutput output) {
		String table = TestTables.uniqueName("drift-refuse");
		firstVersionStoresTickets(table);
		this.contextRunner.withUserConfiguration(AfterPackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(SingleTableDriftCheck.class).run();
				assertThat(output).contains("Drift of " + dev.singletable.autoconfigure.drift.after.Ticket.class.getName()
						+ " (prefix 'Ticket'), index 'gsi2': the index was added")
					.contains(".reindex(Ticket.class)")
					.contains("queries reading it are refused until then");
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).extractingByKey("drift", MAP)
					.extractingByKey("Ticket", MAP)
					.extractingByKey("gsi2", MAP)
					.containsEntry("queriesRefused", true)
					.hasEntrySatisfying("change", (change) -> assertThat(change).asString().contains("owner#{owner}"))
					.hasEntrySatisfying("fix", (fix) -> assertThat(fix).asString().contains("reindex(Ticket.class)"));
				dev.singletable.autoconfigure.drift.after.TicketRepository tickets = context
					.getBean(dev.singletable.autoconfigure.drift.after.TicketRepository.class);
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.findByOwner("ann"))
					.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo("gsi2"))
					.withMessageContaining("Index 'gsi2'")
					.withMessageContaining("reindex(Ticket.class)");
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> template
					.query(dev.singletable.autoconfigure.drift.after.Ticket.class)
					.index("gsi2")
					.partition("owner#ann")
					.all()).withMessageContaining("Index 'gsi2'");
				// what did not change still answers
				assertThat(tickets.findByStatus("open")).hasSize(2);
				assertThat(tickets.count()).isEqualTo(2);
			});
	}

	@Test
	void aCompleteBackfillRecordedThroughTheDefinitionsEndsTheRefusalAndTheHealthDetail() {
		String table = TestTables.uniqueName("drift-backfilled");
		firstVersionStoresTickets(table);
		this.contextRunner.withUserConfiguration(AfterPackage.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				dev.singletable.autoconfigure.drift.after.TicketRepository tickets = context
					.getBean(dev.singletable.autoconfigure.drift.after.TicketRepository.class);
				assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> tickets.findByOwner("ann"));

				context.getBean(SingleTableDefinitions.class)
					.completed(new BackfillResult("migration-2-step-0", "reindex",
							dev.singletable.autoconfigure.drift.after.Ticket.class, 2, 2, 0, 0, 2.0, 4,
							Duration.ofMillis(10)));

				assertThat(tickets.findByOwner("ann")).isEmpty();
				assertThat(context.getBean(SingleTableHealthIndicator.class).health().getDetails())
					.doesNotContainKey("drift");
			});
	}

	@Test
	void warnModeAnswersTheQueryAndLogsAWarning(CapturedOutput output) {
		String table = TestTables.uniqueName("drift-warn");
		firstVersionStoresTickets(table);
		this.contextRunner.withUserConfiguration(AfterPackage.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.drift.on-query=warn")
			.run((context) -> {
				dev.singletable.autoconfigure.drift.after.TicketRepository tickets = context
					.getBean(dev.singletable.autoconfigure.drift.after.TicketRepository.class);
				tickets.save(dev.singletable.autoconfigure.drift.after.Ticket.of("ann", "open"));

				List<dev.singletable.autoconfigure.drift.after.Ticket> found = tickets.findByOwner("ann");

				// only the ticket written after the change: what the refusal would have protected from
				assertThat(found).hasSize(1);
				assertThat(output).contains("Querying index 'gsi2' anyway (on-query: warn)");
			});
	}

	@Test
	void aMissingTableTheApplicationDoesNotSetUpIsLoggedWithoutFailingStartUp(CapturedOutput output) {
		String table = TestTables.uniqueName("drift-missing");
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("Could not check the stored definitions of table '" + table + "'");
				assertThat(context.getBean(SingleTableDriftCheck.class).run().drifts()).isEmpty();
				assertThat(output).contains("Could not check the stored definitions of table '" + table + "'");
				assertThat(context.getBean(SingleTableHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.DOWN);
			});
	}

	@Test
	void thePropertyBindsTheActionOnQuery() {
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("drift-props"),
					"singletable.drift.on-query=WARN")
			.run((context) -> assertThat(context.getBean(SingleTableDriftProperties.class).onQuery())
				.isEqualTo(IndexDriftAction.WARN));
	}

	@Test
	void isSwitchedOffByTheProperty() {
		String table = TestTables.uniqueName("drift-off");
		this.contextRunner.withUserConfiguration(BeforePackage.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.drift.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SingleTableDefinitions.class)
					.doesNotHaveBean(SingleTableDriftCheck.class);
				assertThat(context.getBean(SingleTableTemplate.class).getIndexDriftGuard()).isNull();
				assertThat(context.getBean(SingleTableHealthIndicator.class).health().getDetails())
					.doesNotContainKey("drift");
			});
		assertThat(TestTables.client()
			.query((request) -> request.tableName(table)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("_INTERNAL#Definitions"))))
			.items()).isEmpty();
	}

	@Test
	void backsOffForTheApplicationsDefinitions() {
		this.contextRunner.withUserConfiguration(BeforePackage.class, OwnDefinitions.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("drift-own"))
			.run((context) -> {
				assertThat(context).getBean(SingleTableDefinitions.class).isSameAs(context.getBean("ownDefinitions"));
				context.getBean(SingleTableDriftCheck.class).run();
				assertThat(context.getBean(SingleTableTemplate.class).getIndexDriftGuard())
					.isSameAs(context.getBean("ownDefinitions"));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDefinitions {

		@Bean
		SingleTableDefinitions ownDefinitions(SingleTableTemplate template) {
			return new SingleTableDefinitions(template);
		}

	}

}
