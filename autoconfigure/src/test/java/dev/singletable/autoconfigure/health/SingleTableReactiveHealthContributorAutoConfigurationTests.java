package dev.singletable.autoconfigure.health;

import java.time.Duration;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableReactiveHealthContributorAutoConfiguration}: in a reactive web application with an
 * async client, the {@code singletable} contributor describes the table without blocking, with the blocking
 * indicator's details; elsewhere the blocking indicator stays.
 */
class SingleTableReactiveHealthContributorAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SingleTableAutoConfiguration.class,
			SingleTableReactiveAutoConfiguration.class, SingleTableReactiveHealthContributorAutoConfiguration.class,
			SingleTableHealthContributorAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty());

	@Test
	void aReactiveApplicationDescribesTheTableOnTheAsyncClient() {
		String table = TestTables.uniqueName("reactive-health");
		this.reactive.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamoDbAsyncClient.class)
					.hasSingleBean(SingleTableReactiveHealthIndicator.class)
					.hasBean("singletableHealthContributor")
					.doesNotHaveBean(SingleTableHealthIndicator.class);
				Health health = context.getBean(SingleTableReactiveHealthIndicator.class)
					.health()
					.block(Duration.ofSeconds(10));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("tableName", table)
					.containsEntry("status", "ACTIVE")
					.containsKey("indexes")
					.doesNotContainKey("reason");

				TestTables.client().deleteTable((request) -> request.tableName(table));
				Health down = context.getBean(SingleTableReactiveHealthIndicator.class)
					.health()
					.block(Duration.ofSeconds(10));
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("reason", "the table does not exist");
			});
	}

	@Test
	void aTableWithoutTheIndexesIsDownWithTheSameReasonAsTheBlockingIndicatorGives() {
		String table = TestTables.uniqueName("reactive-health-bare");
		TestTables.client()
			.createTable((request) -> request.tableName(table)
				.keySchema((key) -> key.attributeName("pk").keyType("HASH"), (key) -> key.attributeName("sk").keyType("RANGE"))
				.attributeDefinitions((a) -> a.attributeName("pk").attributeType("S"),
						(a) -> a.attributeName("sk").attributeType("S"))
				.billingMode("PAY_PER_REQUEST"));
		this.reactive.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.run((context) -> {
				Health reactiveHealth = context.getBean(SingleTableReactiveHealthIndicator.class)
					.health()
					.block(Duration.ofSeconds(10));
				Health blockingHealth = new SingleTableHealthIndicator(TestTables.client(),
						context.getBean(dev.singletable.core.schema.SingleTableSchema.class))
					.health();
				assertThat(reactiveHealth.getStatus()).isEqualTo(Status.DOWN);
				assertThat(reactiveHealth.getDetails()).isEqualTo(blockingHealth.getDetails());
			});
	}

	@Test
	void aServletOrPlainApplicationKeepsTheBlockingIndicator() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues(TestTables.endpointProperty(),
					"singletable.table-name=" + TestTables.uniqueName("reactive-health-plain"),
					"singletable.table.create=create-if-missing")
			.run((context) -> assertThat(context).hasSingleBean(SingleTableHealthIndicator.class)
				.doesNotHaveBean(SingleTableReactiveHealthIndicator.class));
	}

	@Test
	void withoutTheNettyHttpClientNoAsyncClientIsMadeAndTheBlockingIndicatorStays() {
		this.reactive
			.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.http.nio.netty"))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-health-no-netty"),
					"singletable.table.create=create-if-missing")
			.run((context) -> assertThat(context).doesNotHaveBean(DynamoDbAsyncClient.class)
				.doesNotHaveBean(SingleTableReactiveHealthIndicator.class)
				.hasSingleBean(SingleTableHealthIndicator.class));
	}

	@Test
	void aReactiveApplicationShowsEachTypesWriteRateAgainstOneKeysLimitWithoutBlocking() {
		String table = TestTables.uniqueName("reactive-health-rates");
		this.reactive
			.withConfiguration(AutoConfigurations.of(
					dev.singletable.autoconfigure.observation.SingleTableObservationAutoConfiguration.class))
			.withBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class)
			.withBean(io.micrometer.observation.ObservationRegistry.class,
					io.micrometer.observation.ObservationRegistry::create)
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasBean("singletableWriteRatesHealthIndicator")
					.hasSingleBean(SingleTableReactiveWriteRatesHealthIndicator.class)
					.doesNotHaveBean(SingleTableWriteRatesHealthIndicator.class);
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				template.create(Gadget.of("a", "ann", "A")).block(Duration.ofSeconds(10));
				template.create(Gadget.of("b", "bob", "B")).block(Duration.ofSeconds(10));
				Health health = context.getBean(SingleTableReactiveWriteRatesHealthIndicator.class)
					.health()
					.block(Duration.ofSeconds(10));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("writeRates"))
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsOnlyKeys("Gadget")
					.extractingByKey("Gadget")
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsEntry("limit", 1000.0)
					.hasEntrySatisfying("writeUnitsPerSecond", (rate) -> assertThat((Double) rate).isPositive());
			});
		this.reactive.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThat(context).doesNotHaveBean("singletableWriteRatesHealthIndicator"));
	}

}
