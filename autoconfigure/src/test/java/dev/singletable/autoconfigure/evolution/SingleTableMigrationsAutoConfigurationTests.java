package dev.singletable.autoconfigure.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpoint;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpoint.MigrationDescriptor;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpoint.MigrationsDescriptor;
import dev.singletable.autoconfigure.actuate.SingleTableMigrationsEndpointAutoConfiguration;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.MigrationFailedException;
import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableMigrationsAutoConfiguration} and {@link SingleTableMigrationsEndpointAutoConfiguration}
 * on the JVM's shared DynamoDB Local: the backfills' defaults from properties, migration beans applied at start-up
 * in version order (after the drift check), turned off by a property, a failed step stopping start-up with its
 * analysis, and the endpoint when exposed.
 */
class SingleTableMigrationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableMigrationsAutoConfiguration.class, SingleTableMigrationsEndpointAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void backfillsTakeTheirDefaultsFromProperties() {
		this.contextRunner
			.withPropertyValues(table("backfills"), "singletable.backfill.segments=8", "singletable.backfill.threads=2",
					"singletable.backfill.max-capacity-per-second=150.5", "singletable.backfill.lease-duration=45s",
					"singletable.backfill.progress-interval=0s", "singletable.backfill.max-attempts=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableBackfills.class)
					.doesNotHaveBean(SingleTableMigrations.class)
					.doesNotHaveBean(SingleTableMigrationsInitializer.class);
				assertThat(context.getBean(SingleTableBackfills.class).getDefaults()).isEqualTo(BackfillOptions
					.defaults()
					.withSegments(8)
					.withThreads(2)
					.withMaxCapacityPerSecond(150.5)
					.withLeaseDuration(Duration.ofSeconds(45))
					.withProgressInterval(Duration.ZERO)
					.withMaxAttempts(3));
			});
	}

	@Test
	void backfillsDefaultToTheDocumentedOptions() {
		this.contextRunner.withPropertyValues(table("defaults"))
			.run((context) -> assertThat(context.getBean(SingleTableBackfills.class).getDefaults())
				.isEqualTo(BackfillOptions.defaults()));
	}

	@Test
	void migrationBeansAreAppliedAtStartUpInVersionOrderAfterTheDriftCheck() {
		String table = TestTables.uniqueName("migrate");
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SingleTableMigrationsInitializer.class);
				assertThat(context.getBean(Ran.class).steps()).containsExactly("drift check", "1", "1.5", "2");
				Map<String, AttributeValue> record = TestTables.client()
					.getItem((request) -> request.tableName(table)
						.key(Map.of("pk", AttributeValue.fromS("_INTERNAL#Migrations"), "sk",
								AttributeValue.fromS("version#1.5")))
						.consistentRead(true))
					.item();
				assertThat(record.get("state").s()).isEqualTo("SUCCESS");
				assertThat(record.get("description").s()).isEqualTo("migration 1.5");
			});
		// started again on the same table: nothing left to apply
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThat(context.getBean(Ran.class).steps()).containsExactly("drift check"));
	}

	@Test
	void migrationsAreNotAppliedAtStartUpWhenTurnedOffButCanBeRun() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues(table("off"), "singletable.migrations.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableMigrations.class)
					.doesNotHaveBean(SingleTableMigrationsInitializer.class);
				assertThat(context.getBean(Ran.class).steps()).isEmpty();
				SingleTableMigrations migrations = context.getBean(SingleTableMigrations.class);
				assertThat(migrations.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);

				migrations.migrate();

				assertThat(context.getBean(Ran.class).steps()).containsExactly("1", "1.5", "2");
			});
	}

	@Test
	void aFailedStepStopsStartUpAndItsAnalysisNamesTheMigrationAndTheWayOut() {
		this.contextRunner.withUserConfiguration(FailingMigration.class)
			.withPropertyValues(table("failing"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessage("the transform is broken");
				// found among the analyzers Spring Boot loads from META-INF/spring.factories
				FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
					.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
					}))
					.stream()
					.filter(MigrationFailedFailureAnalyzer.class::isInstance)
					.findFirst()
					.orElseThrow()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Migration 7 'break things' failed at step 1 of 1")
					.contains("the transform is broken");
				assertThat(analysis.getAction()).contains("resumes from its checkpoints")
					.contains("singletable.migrations.enabled=false")
					.contains("/actuator/singletablemigrations");
				assertThat(analysis.getCause()).isInstanceOf(MigrationFailedException.class);
			});
	}

	@Test
	void twoMigrationsOfOneVersionFailStartUpNamingBoth() {
		this.contextRunner.withUserConfiguration(Migrations.class, DuplicateMigration.class)
			.withPropertyValues(table("duplicate"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("1.5 'migration 1.5'")
				.hasMessageContaining("1.5.0 'the same again'"));
	}

	@Test
	void theEndpointListsTheMigrationsWhenExposed() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues(table("endpoint"), "singletable.migrations.enabled=false",
					"management.endpoints.web.exposure.include=singletablemigrations")
			.run((context) -> {
				SingleTableMigrationsEndpoint endpoint = context.getBean(SingleTableMigrationsEndpoint.class);
				context.getBean(SingleTableMigrations.class).migrate();
				MigrationsDescriptor descriptor = endpoint.migrations();
				assertThat(descriptor.migrations()).extracting((migration) -> migration.version())
					.containsExactly("1", "1.5", "2");
				assertThat(descriptor.counts()).containsEntry(MigrationState.SUCCESS, 3)
					.containsEntry(MigrationState.PENDING, 0);
				assertThat(descriptor.migrations().get(0).currentStep()).isEqualTo("run step 1");
				assertThat(descriptor.migrations().get(0).step()).isEqualTo(1);
			});
	}

	@Test
	void theEndpointShowsARunningMigrationWithItsStepAndHolder() {
		this.contextRunner.withUserConfiguration(SlowMigration.class)
			.withPropertyValues(table("running"), "singletable.migrations.enabled=false",
					"management.endpoints.web.exposure.include=singletablemigrations")
			.run((context) -> {
				SingleTableMigrations migrations = context.getBean(SingleTableMigrations.class);
				SlowMigration slow = context.getBean(SlowMigration.class);
				CompletableFuture<List<MigrationInfo>> running = CompletableFuture.supplyAsync(migrations::migrate);
				assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();

				MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();

				assertThat(descriptor.counts()).containsEntry(MigrationState.RUNNING, 1);
				MigrationDescriptor migration = descriptor.migrations().get(0);
				assertThat(migration.state()).isEqualTo(MigrationState.RUNNING);
				assertThat(migration.step()).isEqualTo(2);
				assertThat(migration.steps()).isEqualTo(2);
				assertThat(migration.currentStep()).isEqualTo("run wait");
				assertThat(migration.holder()).isEqualTo(migrations.getInstanceId());
				assertThat(migration.startedAt()).isNotNull();
				assertThat(migration.endedAt()).isNull();
				slow.release.countDown();
				assertThat(running.get(10, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
			});
	}

	@Test
	void theEndpointListsAnEmptyHistoryWhenTheApplicationHasNoMigrations() {
		String table = TestTables.uniqueName("no-migrations");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table,
					"management.endpoints.web.exposure.include=singletablemigrations")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SingleTableMigration.class);
				MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();
				assertThat(descriptor.table()).isEqualTo(table);
				assertThat(descriptor.migrations()).isEmpty();
				assertThat(descriptor.counts()).containsOnlyKeys(MigrationState.values()).allSatisfy((state, count) -> {
					assertThat(count).isZero();
				});
			});
		// migrations an earlier version of the application applied are the table's history, shown as Flyway's are
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table,
					"management.endpoints.web.exposure.include=singletablemigrations")
			.run((context) -> {
				MigrationsDescriptor descriptor = context.getBean(SingleTableMigrationsEndpoint.class).migrations();
				assertThat(descriptor.migrations()).extracting(MigrationDescriptor::version)
					.containsExactly("1", "1.5", "2");
				assertThat(descriptor.counts()).containsEntry(MigrationState.SUCCESS, 3);
			});
	}

	@Test
	void theEndpointIsOffUnlessExposed() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues(table("hidden"), "singletable.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableMigrationsEndpoint.class));
	}

	@Test
	void anApplicationsOwnBackfillsAreUsed() {
		this.contextRunner.withUserConfiguration(Migrations.class, OwnBackfills.class)
			.withPropertyValues(table("own"), "singletable.migrations.enabled=false")
			.run((context) -> assertThat(context.getBean(SingleTableMigrations.class).getBackfills())
				.isSameAs(context.getBean("ownBackfills")));
	}

	private static String table(String prefix) {
		return "singletable.table-name=" + TestTables.uniqueName(prefix);
	}

	record Ran(List<String> steps) {

		Ran() {
			this(Collections.synchronizedList(new ArrayList<>()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		Ran ran() {
			return new Ran();
		}

		@Bean
		@Lazy
		Object singleTableDriftCheck(Ran ran) {
			ran.steps().add("drift check");
			return "drift check";
		}

		@Bean
		SingleTableMigration second(Ran ran) {
			return migration("2", ran);
		}

		@Bean
		SingleTableMigration first(Ran ran) {
			return migration("1", ran);
		}

		@Bean
		SingleTableMigration between(Ran ran) {
			return migration("1.5", ran);
		}

		private static SingleTableMigration migration(String version, Ran ran) {
			return SingleTableMigration.version(version)
				.description("migration " + version)
				.run("step " + version, (backfills) -> ran.steps().add(version))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowMigration {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Bean
		SingleTableMigration slow() {
			return SingleTableMigration.version("3")
				.description("slow")
				.run("prepare", (backfills) -> {
				})
				.run("wait", (backfills) -> {
					this.started.countDown();
					this.release.await(10, TimeUnit.SECONDS);
				})
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingMigration {

		@Bean
		SingleTableMigration broken() {
			return SingleTableMigration.version("7").description("break things").run("break", (backfills) -> {
				throw new IllegalStateException("the transform is broken");
			}).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateMigration {

		@Bean
		SingleTableMigration again() {
			return SingleTableMigration.version("1.5.0").description("the same again").run("again", (backfills) -> {
			}).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBackfills {

		@Bean
		SingleTableBackfills ownBackfills(dev.singletable.core.SingleTableTemplate template) {
			return new SingleTableBackfills(template);
		}

	}

}
