package dev.singletable.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.ReactiveSingleTableTemplateCustomizer;
import dev.singletable.autoconfigure.SingleTableTemplateCustomizer;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import reactor.core.publisher.Flux;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of singletable's observability: the auto-configured
 * {@link SingleTableTemplate} observes each operation with the application's {@link ObservationRegistry} (a
 * {@code singletable.operation} timer with Spring Boot's metrics; a {@link SingleTableObservationConvention} bean
 * changes its name and tags), and, with a {@link MeterRegistry}, counts consumed capacity, conflicts, retries and
 * unprocessed batch items ({@link MicrometerSingleTableMetrics}, unless the application defines its own
 * {@link SingleTableMetrics}). The auto-configured {@link ReactiveSingleTableTemplate}, with Reactor, gets the same
 * registry, convention and metrics. {@code singletable.metrics.enabled=false} switches all of it off.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ SingleTableTemplate.class, ObservationRegistry.class })
@ConditionalOnBooleanProperty(name = SingleTableObservationAutoConfiguration.ENABLED_PROPERTY, matchIfMissing = true)
@EnableConfigurationProperties(SingleTableMetricsProperties.class)
public final class SingleTableObservationAutoConfiguration {

	/** The property that switches observations and metrics off. */
	static final String ENABLED_PROPERTY = "singletable.metrics.enabled";

	@Bean
	SingleTableTemplateCustomizer singleTableObservabilityCustomizer(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<SingleTableObservationConvention> convention, ObjectProvider<SingleTableMetrics> metrics) {
		return (template) -> {
			template.setObservationRegistry(registry.getIfUnique());
			template.setObservationConvention(convention.getIfUnique());
			template.setMetrics(metrics.getIfUnique());
		};
	}

	/**
	 * The same registry, convention and metrics for the auto-configured reactive template, when Reactor and the
	 * reactive template are on the class path (a blocking-only application needs neither).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveSingleTableTemplate.class, Flux.class })
	static class ReactiveObservationConfiguration {

		@Bean
		ReactiveSingleTableTemplateCustomizer singleTableReactiveObservabilityCustomizer(
				ObjectProvider<ObservationRegistry> registry, ObjectProvider<SingleTableObservationConvention> convention,
				ObjectProvider<SingleTableMetrics> metrics) {
			return (template) -> {
				template.setObservationRegistry(registry.getIfUnique());
				template.setObservationConvention(convention.getIfUnique());
				template.setMetrics(metrics.getIfUnique());
			};
		}

	}

	/**
	 * The counters, with a meter registry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(SingleTableMetrics.class)
		MicrometerSingleTableMetrics singleTableMetrics(MeterRegistry registry) {
			return new MicrometerSingleTableMetrics(registry);
		}

	}

}
