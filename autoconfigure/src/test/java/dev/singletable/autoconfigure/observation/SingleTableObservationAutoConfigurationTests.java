package dev.singletable.autoconfigure.observation;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.ReactiveSingleTableTemplateCustomizer;
import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableTemplateCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableObservationAutoConfiguration} against the JVM's shared DynamoDB Local: with Micrometer
 * the template's operations are timed and their capacity counted in the application's registries; the property
 * switches it off; without {@code micrometer-core} only observations remain; the reactive template is observed with
 * the same registries, and a blocking-only application needs no Reactor.
 */
class SingleTableObservationAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableObservationAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class, Registries.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void timesOperationsAndCountsCapacityWithMicrometer() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("observed"))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerSingleTableMetrics.class)
					.hasSingleBean(SingleTableTemplateCustomizer.class);
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Gadget gadget = template.create(Gadget.of("lamp", "ann", "Lamp"));
				template.findById(Gadget.class, gadget.id());

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("singletable.operation")
					.tags("type", "Gadget", "operation", "create", "index", "table")
					.timer()).isNotNull();
				assertThat(meters.find("singletable.operation").tags("operation", "findById").timer().count())
					.isEqualTo(1);
				assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY)
					.tags("type", "Gadget", "operation", "create", "kind", "write")
					.counter()
					.count()).isGreaterThan(0);
			});
	}

	@Test
	void isOffWithThePropertyFalse() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("unobserved"),
					"singletable.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SingleTableMetrics.class)
					.doesNotHaveBean(SingleTableTemplateCustomizer.class);
				context.getBean(SingleTableTemplate.class).create(Gadget.of("lamp", "ann", "Lamp"));
				assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
			});
	}

	@Test
	void backsOffForTheApplicationsMetrics() {
		this.contextRunner.withUserConfiguration(OwnMetrics.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("own-metrics"))
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableMetrics.class)
					.doesNotHaveBean(MicrometerSingleTableMetrics.class);
				context.getBean(SingleTableTemplate.class).create(Gadget.of("lamp", "ann", "Lamp"));
				assertThat(context.getBean(OwnMetrics.class).units).isGreaterThan(0);
			});
	}

	@Test
	void observesWithoutCountersWithoutMicrometerCore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
					"singletable.table-name=" + TestTables.uniqueName("no-meters"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SingleTableMetrics.class)
					.hasSingleBean(SingleTableTemplateCustomizer.class);
				context.getBean(SingleTableTemplate.class).create(Gadget.of("lamp", "ann", "Lamp"));
			});
	}

	@Test
	void observesTheReactiveTemplateWithTheSameRegistriesAndTags() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SingleTableReactiveAutoConfiguration.class))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("observed-reactive"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveSingleTableTemplateCustomizer.class);
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				Gadget gadget = template.create(Gadget.of("lamp", "ann", "Lamp")).block(WAIT);
				template.findById(Gadget.class, gadget.id()).block(WAIT);
				template.query(Gadget.class).all().collectList().block(WAIT);

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("singletable.operation")
					.tags("type", "Gadget", "operation", "create", "index", "table")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.find("singletable.operation").tags("operation", "findById").timer().count())
					.isEqualTo(1);
				assertThat(meters.find("singletable.operation").tags("operation", "query.stream").timer().count())
					.isEqualTo(1);
				assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY)
					.tags("type", "Gadget", "operation", "create", "kind", "write")
					.counter()
					.count()).isGreaterThan(0);
				assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
					.isNull();
			});
	}

	@Test
	void leavesTheReactiveTemplateAloneWithThePropertyFalseAndNeedsNoReactorForTheBlockingOne() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SingleTableReactiveAutoConfiguration.class))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("unobserved-reactive"),
					"singletable.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ReactiveSingleTableTemplateCustomizer.class);
				context.getBean(ReactiveSingleTableTemplate.class).create(Gadget.of("lamp", "ann", "Lamp")).block(WAIT);
				assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
			});
		this.contextRunner.withConfiguration(AutoConfigurations.of(SingleTableReactiveAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("reactor.core"))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("observed-no-reactor"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SingleTableTemplateCustomizer.class)
					.doesNotHaveBean(ReactiveSingleTableTemplateCustomizer.class);
				context.getBean(SingleTableTemplate.class).create(Gadget.of("lamp", "ann", "Lamp"));
				assertThat(context.getBean(MeterRegistry.class)
					.find("singletable.operation")
					.tags("operation", "create")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMetrics implements SingleTableMetrics {

		volatile double units;

		@Override
		public void consumedCapacity(SingleTableObservationContext operation, CapacityKind kind, double units) {
			this.units += units;
		}

		@Override
		public void conflict(SingleTableObservationContext operation, String reason) {
		}

		@Override
		public void retry(SingleTableObservationContext operation, String reason) {
		}

		@Override
		public void unprocessed(SingleTableObservationContext operation, int count) {
		}

	}

}
