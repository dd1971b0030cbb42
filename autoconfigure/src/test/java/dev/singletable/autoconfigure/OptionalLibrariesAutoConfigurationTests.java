package dev.singletable.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventPublicationRepository;

import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.data.SingleTableReactiveRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.reactiverepo.Gizmo;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoPackage;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoRepository;
import dev.singletable.autoconfigure.data.reactiverepo.ReactiveGizmoRepository;
import dev.singletable.autoconfigure.diagnostics.FailureAnalyses;
import dev.singletable.autoconfigure.events.SingleTableChangeEventsAutoConfiguration;
import dev.singletable.autoconfigure.events.SingleTableEventPublicationAutoConfiguration;
import dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration;
import dev.singletable.autoconfigure.health.SingleTableHealthIndicator;
import dev.singletable.autoconfigure.observation.SingleTableObservationAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.events.SingleTableChangeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each optional library removed in turn (a {@link FilteredClassLoader} hides it from the auto-configuration, as an
 * application without it has none): the feature that does not need it works, and the feature that does fails at
 * start-up with a failure analysis naming the dependency to add. {@code BlockingClasspathIntegrationTests} (core) runs
 * the blocking features in a JVM whose class path lacks them, and the smoke applications of {@code consumer-tests}
 * build each way of use from its own dependencies.
 */
class OptionalLibrariesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
				SingleTableReactiveRepositoriesAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class,
				SingleTableEventPublicationAutoConfiguration.class, SingleTableChangeEventsAutoConfiguration.class,
				SingleTableObservationAutoConfiguration.class, SingleTableHealthContributorAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void withoutReactorTheBlockingApiWorksAndTheReactiveOneIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-reactor"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(GizmoRepository.class)
					.doesNotHaveBean(ReactiveSingleTableOperations.class)
					.doesNotHaveBean(ReactiveGizmoRepository.class);
				GizmoRepository gizmos = context.getBean(GizmoRepository.class);
				Gizmo saved = gizmos.save(new Gizmo(null, null, null, "teal"));
				assertThat(gizmos.findByColor("teal")).containsExactly(saved);
			});
	}

	@Test
	void aReactiveRepositoryWithoutReactorFailsNamingReactor() {
		FilteredClassLoader withoutReactor = new FilteredClassLoader("reactor.");
		this.contextRunner.withClassLoader(withoutReactor)
			.withUserConfiguration(GizmoPackage.class, ReactiveGizmoUser.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-reactor-repo"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.reactiveApiUnavailable(withoutReactor,
						context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(ReactiveGizmoRepository.class.getName())
					.contains("io.projectreactor:reactor-core");
				assertThat(analysis.getAction()).contains("dev.singletable:singletable-spring-boot-starter-reactive");
			});
	}

	@Test
	void aReactiveRepositoryWithoutTheNettyClientFailsNamingIt() {
		FilteredClassLoader withoutNetty = new FilteredClassLoader("software.amazon.awssdk.http.nio.netty.");
		this.contextRunner.withClassLoader(withoutNetty)
			.withUserConfiguration(GizmoPackage.class, ReactiveGizmoUser.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-netty-repo"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.reactiveApiUnavailable(withoutNetty,
						context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("software.amazon.awssdk:netty-nio-client");
				assertThat(analysis.getAction()).contains("dev.singletable:singletable-spring-boot-starter-reactive")
					.contains("DynamoDbAsyncClient");
			});
	}

	@Test
	void aMissingBeanOfAnotherKindIsLeftToSpringBoot() {
		FilteredClassLoader withoutNetty = new FilteredClassLoader("software.amazon.awssdk.http.nio.netty.");
		this.contextRunner.withClassLoader(withoutNetty)
			.withUserConfiguration(GizmoPackage.class, StringUser.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("other-bean"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(FailureAnalyses.reactiveApiUnavailable(withoutNetty, context.getStartupFailure()))
					.isNull();
			});
	}

	@Test
	void changeEventsWithoutTheKclFailNamingTheEventsStarter() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("com.amazonaws.services.dynamodbv2.streamsadapter.",
					"software.amazon.kinesis."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-kcl"),
					"singletable.changes.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.missingLibrary(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("singletable.changes.enabled=true")
					.contains("com.amazonaws:dynamodb-streams-kinesis-adapter");
				assertThat(analysis.getAction()).contains("dev.singletable:singletable-spring-boot-starter-events");
			});
	}

	@Test
	void withoutTheKclAndChangeEventsOffTheApplicationStarts() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("com.amazonaws.services.dynamodbv2.streamsadapter.",
					"software.amazon.kinesis."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-kcl-off"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SingleTableTemplate.class)
				.doesNotHaveBean(SingleTableChangeStream.class));
	}

	@Test
	void withoutModulithTheApplicationStartsWithoutAnOutbox() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.modulith."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-modulith"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EventPublicationRepository.class);
				GizmoRepository gizmos = context.getBean(GizmoRepository.class);
				assertThat(gizmos.findById(gizmos.save(new Gizmo(null, null, null, "plum")).id())).isPresent();
			});
		this.contextRunner.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("with-modulith"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(EventPublicationRepository.class));
	}

	@Test
	void withoutMicrometerCoreOperationsAreObservedWithoutMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-micrometer"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerSingleTableMetrics.class);
				GizmoRepository gizmos = context.getBean(GizmoRepository.class);
				assertThat(gizmos.findById(gizmos.save(new Gizmo(null, null, null, "sand")).id())).isPresent();
			});
	}

	@Test
	void withoutS3ABlobFieldFailsNamingTheS3Client() {
		FilteredClassLoader withoutS3 = new FilteredClassLoader("software.amazon.awssdk.services.s3.");
		this.contextRunner.withClassLoader(withoutS3)
			.withUserConfiguration(ManualPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-s3"),
					"singletable.blobs.bucket=manuals")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.missingBlobStorage(withoutS3, context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("software.amazon.awssdk:s3");
				assertThat(analysis.getAction()).contains("software.amazon.awssdk:s3");
			});
	}

	@Test
	void withoutS3AndWithoutBlobFieldsTheApplicationStarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.services.s3."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-s3-no-blobs"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BlobStorage.class));
	}

	@Test
	void withoutTheActuatorTheApplicationStartsWithoutAHealthIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.contributor."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("no-actuator"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SingleTableTemplate.class)
				.doesNotHaveBean(SingleTableHealthIndicator.class));
	}

	/** An application bean that needs the reactive repository. */
	@Configuration(proxyBeanMethods = false)
	static class ReactiveGizmoUser {

		@Bean
		String gizmoUser(ReactiveGizmoRepository gizmos) {
			return gizmos.toString();
		}

	}

	/** An application bean that needs a bean nobody declares, of no singletable type. */
	@Configuration(proxyBeanMethods = false)
	static class StringUser {

		@Bean
		Integer stringUser(StringBuilder missing) {
			return missing.length();
		}

	}

}
