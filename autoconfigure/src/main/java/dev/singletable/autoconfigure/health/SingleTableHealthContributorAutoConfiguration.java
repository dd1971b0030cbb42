package dev.singletable.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableProperties;
import dev.singletable.autoconfigure.events.SingleTableChangeEventsAutoConfiguration;
import dev.singletable.autoconfigure.observation.SingleTableObservationAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.evolution.SingleTableDefinitions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableHealthIndicator}, shown as
 * {@code singletable} by the health endpoint (with the drift of stored items from the types' definitions when drift
 * detection is on) and disabled by {@code management.health.singletable.enabled=false}; with the template's Micrometer
 * metrics, also the write rate of each type against one partition key's limit ({@code singletableWriteRates},
 * {@link SingleTableWriteRatesHealthIndicator}).
 */
@AutoConfiguration(after = { SingleTableAutoConfiguration.class, SingleTableChangeEventsAutoConfiguration.class,
		SingleTableObservationAutoConfiguration.class })
@ConditionalOnClass({ DynamoDbClient.class, SingleTableSchema.class, HealthIndicator.class,
		ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ DynamoDbClient.class, SingleTableSchema.class })
@ConditionalOnEnabledHealthIndicator("singletable")
public final class SingleTableHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "singletableHealthIndicator", "singletableHealthContributor" })
	SingleTableHealthIndicator singletableHealthIndicator(DynamoDbClient client, SingleTableSchema schema,
			ObjectProvider<SingleTableProperties> properties, ObjectProvider<SingleTableTemplate> templates,
			ObjectProvider<SingleTableDefinitions> definitions) {
		SingleTableProperties bound = properties.getIfAvailable();
		SingleTableTemplate template = (bound != null && bound.counts().enabled()) ? templates.getIfUnique() : null;
		SingleTableDefinitions drift = definitions.getIfUnique();
		return new SingleTableHealthIndicator(client, schema, (template != null) ? template::countsByType : null,
				(drift != null) ? drift::getReport : null);
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
		SingleTableWriteRatesHealthIndicator singletableWriteRatesHealthIndicator(
				io.micrometer.core.instrument.MeterRegistry registry) {
			return new SingleTableWriteRatesHealthIndicator(registry);
		}

	}

	/**
	 * The health of change events, when they are on ({@code singletableChanges}): out of service while the oldest
	 * change in delivery is older than a minute.
	 */
	@Bean
	@ConditionalOnClass(name = "dev.singletable.events.SingleTableChangeStream")
	@ConditionalOnBean(type = "dev.singletable.events.SingleTableChangeStream")
	@ConditionalOnMissingBean(name = "singletableChangesHealthIndicator")
	SingleTableChangesHealthIndicator singletableChangesHealthIndicator(
			dev.singletable.events.SingleTableChangeStream changes) {
		return new SingleTableChangesHealthIndicator(changes, java.time.Duration.ofMinutes(1));
	}

}
