package dev.singletable.autoconfigure.evolution;

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
import dev.singletable.evolution.BackfillListener;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of tables that change: a {@link SingleTableBackfills} on the
 * application's template with the {@code singletable.backfill.*} defaults, telling every {@link BackfillListener}
 * bean of each complete run, and, when the application declares
 * {@link SingleTableMigration} beans, the {@link SingleTableMigrations} of all of them, applied at start-up by a
 * {@link SingleTableMigrationsInitializer} unless {@code singletable.migrations.enabled=false}. Every bean backs off
 * for one the application defines.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ SingleTableTemplate.class, SingleTableBackfills.class })
@ConditionalOnBean(SingleTableTemplate.class)
@EnableConfigurationProperties({ SingleTableBackfillProperties.class, SingleTableMigrationsProperties.class })
public final class SingleTableMigrationsAutoConfiguration {

	/** The property that turns the migrations at start-up off. */
	static final String ENABLED_PROPERTY = "singletable.migrations.enabled";

	@Bean
	@ConditionalOnMissingBean
	SingleTableBackfills singleTableBackfills(SingleTableTemplate template, SingleTableBackfillProperties properties,
			ObjectProvider<BackfillListener> listeners) {
		SingleTableBackfills backfills = new SingleTableBackfills(template);
		backfills.setDefaults(properties.toOptions());
		// the record of stored definitions is one: a complete re-index stops the refusal of the index's queries
		listeners.orderedStream().forEach(backfills::addListener);
		return backfills;
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
