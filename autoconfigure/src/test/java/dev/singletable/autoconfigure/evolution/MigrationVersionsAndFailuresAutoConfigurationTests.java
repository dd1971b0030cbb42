package dev.singletable.autoconfigure.evolution;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpoint;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpoint.MigrationsDescriptor;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpointAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.BackfillFailedException;
import dev.singletable.evolution.MigrationFailedException;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.RewriteMode;
import dev.singletable.evolution.SingleTableMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded migrations in a Boot application (from issue 25): dotted versions ordered as numbers
 * ({@code 1.9 < 1.10}), a migration no longer declared but recorded shown as applied, migrations switched off shown
 * pending, and a backfill step whose transform throws explained at start-up naming the migration and the resource.
 */
class MigrationVersionsAndFailuresAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableMigrationsAutoConfiguration.class, SingleTableMigrationsEndpointAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"management.endpoints.web.exposure.include=singletablemigrations");

	@Test
	void versionsAreOrderedAsNumbersAndARemovedMigrationStaysListedAsApplied() {
		String table = "singletable.table-name=" + TestTables.uniqueName("removed");
		this.contextRunner.withUserConfiguration(NineAndTen.class).withPropertyValues(table).run((context) -> {
			assertThat(context).hasNotFailed();
			MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();
			assertThat(descriptor.migrations()).extracting((migration) -> migration.version())
				.containsExactly("1.2", "1.9", "1.10");
			assertThat(descriptor.counts()).containsEntry(MigrationState.SUCCESS, 3);
		});
		// the next release no longer declares 1.2 and 1.9, and adds 2
		this.contextRunner.withUserConfiguration(TenAndTwo.class).withPropertyValues(table).run((context) -> {
			assertThat(context).hasNotFailed();
			MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();
			assertThat(descriptor.migrations()).extracting((migration) -> migration.version(),
					(migration) -> migration.state())
				.containsExactly(org.assertj.core.groups.Tuple.tuple("1.2", MigrationState.SUCCESS),
						org.assertj.core.groups.Tuple.tuple("1.9", MigrationState.SUCCESS),
						org.assertj.core.groups.Tuple.tuple("1.10", MigrationState.SUCCESS),
						org.assertj.core.groups.Tuple.tuple("2", MigrationState.SUCCESS));
		});
		// switched off, a new one stays pending and the endpoint says so
		this.contextRunner.withUserConfiguration(TenAndTwo.class, Three.class)
			.withPropertyValues(table, "singletable.migrations.enabled=false")
			.run((context) -> {
				MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();
				assertThat(descriptor.counts()).containsEntry(MigrationState.PENDING, 1)
					.containsEntry(MigrationState.SUCCESS, 4);
				assertThat(descriptor.migrations().get(descriptor.migrations().size() - 1).state())
					.isEqualTo(MigrationState.PENDING);
			});
	}

	@Test
	void aBackfillStepWhoseTransformThrowsStopsStartUpNamingTheMigrationAndTheResource() {
		String table = "singletable.table-name=" + TestTables.uniqueName("throwing");
		String[] id = new String[1];
		this.contextRunner.withPropertyValues(table)
			.run((context) -> id[0] = context.getBean(SingleTableTemplate.class)
				.create(Gadget.of("lamp", "ann", "Lamp"))
				.id());
		this.contextRunner.withUserConfiguration(ThrowingTransform.class).withPropertyValues(table).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseMessage("no display names today");
			FailureAnalysis analysis = new MigrationFailedFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Migration 4 'rename gadgets'")
				.contains("step 1 of 1")
				.contains("Gadget#" + id[0])
				.contains("no display names today");
			assertThat(analysis.getCause()).isInstanceOf(MigrationFailedException.class)
				.hasCauseInstanceOf(BackfillFailedException.class);
		});
	}

	private static SingleTableMigration noop(String version) {
		return SingleTableMigration.version(version).description("migration " + version).run("noop", (backfills) -> {
		}).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class NineAndTen {

		@Bean
		SingleTableMigration ten() {
			return noop("1.10");
		}

		@Bean
		SingleTableMigration nine() {
			return noop("1.9");
		}

		@Bean
		SingleTableMigration two() {
			return noop("1.2");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenAndTwo {

		@Bean
		SingleTableMigration ten() {
			return noop("1.10");
		}

		@Bean
		SingleTableMigration two() {
			return noop("2");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Three {

		@Bean
		SingleTableMigration three() {
			return noop("3");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingTransform {

		@Bean
		SingleTableMigration renameGadgets() {
			return SingleTableMigration.version("4")
				.description("rename gadgets")
				.forEach(Gadget.class, (gadget) -> {
					throw new IllegalStateException("no display names today");
				}, RewriteMode.IN_PLACE)
				.build();
		}

	}

}
