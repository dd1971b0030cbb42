package dev.singletable.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.observation.SingleTableObservationAutoConfiguration;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.evolution.SingleTableDefinitions;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableReactiveHealthIndicator} in a reactive
 * web application with an async client: the {@code singletable} health contributor then describes the table without blocking,
 * in place of the blocking {@link SingleTableHealthIndicator} (as Spring Boot's reactive Redis and MongoDB
 * indicators replace theirs); with the template's Micrometer metrics, also the write rate of each type against one
 * partition key's limit ({@code singletableWriteRates}, {@link SingleTableReactiveWriteRatesHealthIndicator}, in
 * place of the blocking {@link SingleTableWriteRatesHealthIndicator}). Disabled by
 * {@code management.health.singletable.enabled=false}.
 */
@AutoConfiguration(after = { SingleTableReactiveAutoConfiguration.class, SingleTableObservationAutoConfiguration.class },
		before = SingleTableHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Flux.class, DynamoDbAsyncClient.class, SingleTableSchema.class, ReactiveHealthIndicator.class,
		ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ DynamoDbAsyncClient.class, SingleTableSchema.class })
@ConditionalOnEnabledHealthIndicator("singletable")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public final class SingleTableReactiveHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "singletableHealthIndicator", "singletableHealthContributor" })
	SingleTableReactiveHealthIndicator singletableHealthContributor(DynamoDbAsyncClient client,
			SingleTableSchema schema, ObjectProvider<SingleTableDefinitions> definitions) {
		SingleTableDefinitions drift = definitions.getIfUnique();
		return new SingleTableReactiveHealthIndicator(client, schema, (drift != null) ? drift::getReport : null);
	}

	/**
	 * The write rate of each type against the limit of one partition key ({@code singletableWriteRates}), when the
	 * template's metrics count in a Micrometer registry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnBean(type = "dev.singletable.core.observation.MicrometerSingleTableMetrics")
	static class WriteRatesConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "singletableWriteRatesHealthIndicator")
		SingleTableReactiveWriteRatesHealthIndicator singletableWriteRatesHealthIndicator(
				io.micrometer.core.instrument.MeterRegistry registry) {
			return new SingleTableReactiveWriteRatesHealthIndicator(registry);
		}

	}

}
