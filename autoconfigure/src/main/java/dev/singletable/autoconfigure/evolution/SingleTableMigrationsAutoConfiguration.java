package dev.singletable.autoconfigure.evolution;

import io.micrometer.core.instrument.MeterRegistry;

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

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of tables that change: a {@link SingleTableBackfills} on the
 * application's template with the {@code singletable.backfill.*} defaults, publishing its meters to the application's
 * {@link MeterRegistry} (the drift auto-configuration adds the record of stored definitions as its listener), and,
 * when the application declares {@link SingleTableMigration} beans, the {@link SingleTableMigrations} of all of them, applied at start-up by a
 * {@link SingleTableMigrationsInitializer} unless {@code singletable.migrations.enabled=false}. Every bean backs off
 * for one the application defines. The backfills stop when the context closes (they are a {@code DisposableBean},
 * destroyed before the template's client they depend on): a run still going releases its segments with their
 * checkpoints for another instance before the client closes, and its caller gets a
 * {@code BackfillStoppedException}.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ SingleTableTemplate.class, SingleTableBackfills.class })
@ConditionalOnBean(SingleTableTemplate.class)
@EnableConfigurationProperties({ SingleTableBackfillProperties.class, SingleTableMigrationsProperties.class })
public final class SingleTableMigrationsAutoConfiguration {

	/** The property that turns the migrations at start-up off. */
	static final String ENABLED_PROPERTY = "singletable.migrations.enabled";

	@Bean
	@ConditionalOnMissingBean
	SingleTableBackfills singleTableBackfills(SingleTableTemplate template, SingleTableBackfillProperties properties,
			ObjectProvider<BackfillsCustomizer> customizers) {
		SingleTableBackfills backfills = new SingleTableBackfills(template);
		backfills.setDefaults(properties.toOptions());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(backfills));
		return backfills;
	}

	/**
	 * The backfills' meters, with a meter registry (unless {@code singletable.metrics.enabled=false}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "singletable.metrics.enabled", matchIfMissing = true)
	static class MetricsConfiguration {

		@Bean
		BackfillsCustomizer singleTableBackfillsMeters(ObjectProvider<MeterRegistry> registry) {
			return (backfills) -> {
				MeterRegistry meters = registry.getIfUnique();
				backfills.setMetrics((meters != null) ? new MicrometerSingleTableMetrics(meters) : null);
			};
		}

	}

	/**
	 * Changes the auto-configured backfills before they are used.
	 */
	@FunctionalInterface
	interface BackfillsCustomizer {

		void customize(SingleTableBackfills backfills);

	}

	/**
	 * The migrations, when the application declares some.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SingleTableMigration.class)
	static class MigrationsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SingleTableMigrations singleTableMigrations(SingleTableBackfills backfills,
				ObjectProvider<SingleTableMigration> migrations, SingleTableMigrationsProperties properties,
				SingleTableBackfillProperties backfillProperties) {
			SingleTableMigrations bean = new SingleTableMigrations(backfills, migrations.orderedStream().toList());
			bean.setPollInterval(properties.pollInterval());
			bean.setLeaseDuration(backfillProperties.leaseDuration());
			return bean;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = ENABLED_PROPERTY, matchIfMissing = true)
		SingleTableMigrationsInitializer singleTableMigrationsInitializer(SingleTableMigrations migrations) {
			return new SingleTableMigrationsInitializer(migrations);
		}

	}

}
