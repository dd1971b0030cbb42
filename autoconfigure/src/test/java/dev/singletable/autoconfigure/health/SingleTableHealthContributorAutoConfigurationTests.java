package dev.singletable.autoconfigure.health;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableHealthContributorAutoConfiguration} and {@link SingleTableHealthIndicator} against
 * the JVM's shared DynamoDB Local. The table setup is off ({@code singletable.table.create=none}) wherever a test
 * prepares a broken table, so that the context starts and the indicator reports.
 */
class SingleTableHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableHealthContributorAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty());

	@Test
	void isUpWithTableDetailsWhenTheTableFits() {
		String table = TestTables.uniqueName("health-up");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableHealthIndicator.class).hasBean("singletableHealthIndicator");
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("tableName", table)
					.containsEntry("status", "ACTIVE")
					.containsEntry("itemCount", 0L)
					.containsKey("indexes")
					.doesNotContainKey("reason");
				assertThat(health.getDetails().get("indexes")).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
					.containsExactlyInAnyOrder("gsitype", "gsi1", "gsi2", "gsi3", "by-owner");
			});
	}

	@Test
	void showsEachTypesWriteRateAgainstOneKeysLimitWhenTheTemplatesMetricsCountInMicrometer() {
		String table = TestTables.uniqueName("health-rates");
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(
					dev.singletable.autoconfigure.observation.SingleTableObservationAutoConfiguration.class))
			.withBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class)
			.withBean(io.micrometer.observation.ObservationRegistry.class,
					io.micrometer.observation.ObservationRegistry::create)
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasBean("singletableWriteRatesHealthIndicator");
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				template.create(Gadget.of("a", "ann", "A"));
				template.create(Gadget.of("b", "bob", "B"));
				Health health = context.getBean(SingleTableWriteRatesHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("writeRates")).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
					.containsOnlyKeys("Gadget")
					.extractingByKey("Gadget")
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
					.containsEntry("limit", 1000.0)
					.hasEntrySatisfying("writeUnitsPerSecond",
							(rate) -> assertThat((Double) rate).isPositive());
			});
		this.contextRunner.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableWriteRatesHealthIndicator.class));
	}

	@Test
	void showsThePerTypeCountsWhenTheyAreKept() {
		String table = TestTables.uniqueName("health-counts");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing",
					"singletable.counts.enabled=true")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				template.create(Gadget.of("a", "ann", "A"));
				Gadget b = template.create(Gadget.of("b", "ann", "B"));
				template.create(Gadget.of("c", "bob", "C"));
				template.deleteById(Gadget.class, b.id());
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("countsByType", java.util.Map.of("Gadget", 2L));
				assertThat(template.countsByType()).containsExactly(java.util.Map.entry("Gadget", 2L));
			});
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> assertThat(context.getBean(SingleTableHealthIndicator.class).health().getDetails())
				.doesNotContainKey("countsByType"));
	}

	@Test
	void goesDownWhenTheTableIsDeletedWhileRunningAndUpWhenItIsBack() {
		String table = TestTables.uniqueName("health-comes-and-goes");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				SingleTableHealthIndicator indicator = context.getBean(SingleTableHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

				TestTables.client().deleteTable((request) -> request.tableName(table));
				Health down = indicator.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(down.getDetails().get("reason"))).contains("does not exist");

				context.getBean(dev.singletable.core.schema.SingleTableSchema.class).create(TestTables.client());
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void isDownWhenTheTableIsMissing() {
		String table = TestTables.uniqueName("health-missing");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.run((context) -> {
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("tableName", table)
					.containsEntry("reason", "the table does not exist");
			});
	}

	@Test
	void isDownNamingTheMissingIndexes() {
		String table = TestTables.uniqueName("health-index");
		TestTables.createKeyOnlyTable(table);
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.run((context) -> {
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("status", "ACTIVE").containsKey("itemCount");
				assertThat(health.getDetails().get("reason")).asString()
					.contains("index 'gsitype' is missing")
					.contains("index 'by-owner' is missing");
			});
	}

	@Test
	void isDownWithAMessageWhenDynamoDbCannotBeReached() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("singletable.table-name=unreachable", "singletable.table.create=none",
					"singletable.endpoint=http://127.0.0.1:" + closedPort)
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class, () -> (builder) -> builder
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())))
			.run((context) -> {
				Health health = context.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("tableName", "unreachable").containsKey("error");
				assertThat(health.getDetails().get("reason")).asString()
					.startsWith("the table cannot be described: ")
					.doesNotContain("\tat ");
			});
	}

	@Test
	void isNotConfiguredWhenDisabled() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none",
					"management.health.singletable.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SingleTableTemplate.class)
				.doesNotHaveBean(SingleTableHealthIndicator.class));
	}

	@Test
	void isNotConfiguredWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues("singletable.table-name=t", "singletable.table.create=none")
			.run((context) -> assertThat(context).hasSingleBean(SingleTableTemplate.class)
				.doesNotHaveBean(SingleTableHealthIndicator.class));
	}

	@Test
	void backsOffFromAUserIndicatorOfTheSameName() {
		HealthIndicator user = () -> Health.up().build();
		this.contextRunner.withPropertyValues("singletable.table-name=t", "singletable.table.create=none")
			.withBean("singletableHealthIndicator", HealthIndicator.class, () -> user)
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableHealthIndicator.class)
				.getBean("singletableHealthIndicator")
				.isSameAs(user));
	}

}
