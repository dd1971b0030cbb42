package dev.singletable.autoconfigure.drift;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.evolution.SingleTableMigration;
import reactor.core.publisher.Flux;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of drift detection, on unless
 * {@code singletable.drift.enabled=false}: the {@link SingleTableDefinitions} of the application's template and the
 * {@link SingleTableDriftCheck} that checks them once the application is ready (off the main thread, so nothing is
 * sent to DynamoDB while the context starts) or at the template's first query or write, sets them on the template (whose queries and writes
 * consult them) and polls the records every {@code singletable.drift.poll-interval} for newer definitions another
 * instance recorded. The definitions know the versions of the {@link SingleTableMigration} beans and refuse or warn
 * on writes of stale types as {@code singletable.drift.on-stale-definitions} says. The definitions are
 * added as listener to every {@link SingleTableBackfills} bean, so a complete backfill records what it brought up to
 * date, and are given the application's {@link SingleTableMigrations} when they run at start-up, so a drift that a
 * pending migration fixes is logged at INFO rather than as a warning. Every bean backs off for one the application
 * defines.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ SingleTableTemplate.class, SingleTableDefinitions.class })
@ConditionalOnBean(SingleTableTemplate.class)
@ConditionalOnBooleanProperty(name = "singletable.drift.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SingleTableDriftProperties.class)
public final class SingleTableDriftAutoConfiguration {

	/** Whether the application's migrations run at start-up, right after the check. */
	private static final String MIGRATIONS_ENABLED_PROPERTY = "singletable.migrations.enabled";

	@Bean
	@ConditionalOnMissingBean
	SingleTableDefinitions singleTableDefinitions(SingleTableTemplate template, SingleTableDriftProperties properties,
			ObjectProvider<SingleTableMigration> migrations) {
		SingleTableDefinitions definitions = new SingleTableDefinitions(template);
		definitions.setStaleDefinitionsAction(properties.onStaleDefinitions());
		// loops rather than lambdas here and below: these beans are made at start, where each lambda is a class spun
		List<String> versions = new ArrayList<>();
		for (SingleTableMigration migration : migrations.orderedStream().toList()) {
			versions.add(migration.getVersion());
		}
		definitions.setMigrationVersions(versions);
		return definitions;
	}

	@Bean(SingleTableDriftCheck.BEAN_NAME)
	@ConditionalOnMissingBean
	SingleTableDriftCheck singleTableDriftCheck(SingleTableDefinitions definitions, SingleTableTemplate template,
			SingleTableDriftProperties properties, ObjectProvider<SingleTableBackfills> backfills,
			ObjectProvider<SingleTableMigrations> migrations, Environment environment) {
		for (SingleTableBackfills bean : backfills.orderedStream().toList()) {
			bean.addListener(definitions);
		}
		if (environment.getProperty(MIGRATIONS_ENABLED_PROPERTY, Boolean.class, true)) {
			// the migrations run right after the check: a drift one of them fixes is no warning
			definitions.setPendingMigrations(migrations.getIfUnique());
		}
		SingleTableDriftCheck check = new SingleTableDriftCheck(definitions, template, properties.onQuery());
		check.setPollInterval(properties.pollInterval());
		return check;
	}

	/**
	 * The reactive template's queries consult the same definitions, as {@code singletable.drift.on-query} says,
	 * once the start-up check has run.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveSingleTableTemplate.class, Flux.class })
	static class ReactiveDriftConfiguration {

		@Bean
		static SmartInitializingSingleton singleTableReactiveDriftGuard(
				ObjectProvider<ReactiveSingleTableTemplate> templates, ObjectProvider<SingleTableDriftCheck> checks,
				ObjectProvider<SingleTableDefinitions> definitions, ObjectProvider<SingleTableDriftProperties> properties) {
			return () -> {
				SingleTableDefinitions guard = definitions.getIfUnique();
				SingleTableDriftProperties drift = properties.getIfAvailable();
				if (guard == null || drift == null) {
					return;
				}
				checks.ifAvailable((check) -> {
					// the check records new types and reports drift before any query consults the definitions
				});
				templates.orderedStream().forEach((template) -> {
					template.setIndexDriftAction(drift.onQuery());
					template.setIndexDriftGuard(guard);
				});
			};
		}

	}

}
