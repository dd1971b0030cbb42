package dev.singletable.autoconfigure.definitions;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.singletable.autoconfigure.MissingLibraryException;
import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoPackage;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoRepository;
import dev.singletable.autoconfigure.definitions.kotlin.KotlinApplication;
import dev.singletable.autoconfigure.definitions.kotlin.Ticket;
import dev.singletable.autoconfigure.definitions.kotlin.TicketPackage;
import dev.singletable.autoconfigure.definitions.kotlinrepository.Receipt;
import dev.singletable.autoconfigure.definitions.kotlinrepository.ReceiptRepositories;
import dev.singletable.autoconfigure.definitions.kotlinrepository.ReceiptRepository;
import dev.singletable.autoconfigure.diagnostics.FailureAnalyses;
import dev.singletable.core.convert.SingleTableConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KotlinEntitiesCheck} (issue 50): an application whose entity type is a Kotlin class fails its
 * start-up without Jackson's Kotlin module, with a failure analysis naming the module and the artifact that brings
 * it, whether the type is scanned, only a repository's domain type, or found by the early check before the
 * configuration is parsed; an application of Java types starts without the module, and one without Kotlin's standard
 * library registers no check. This module's class path has no
 * Kotlin module (a {@link FilteredClassLoader} says so too); its Kotlin classes are Java records marked with
 * {@code kotlin.Metadata}, as the Kotlin compiler marks the classes it writes.
 */
class KotlinEntitiesCheckTests {

	private static final String MODULE = "tools.jackson.module:jackson-module-kotlin";

	private static final String ARTIFACT = "dev.singletable:singletable-kotlin";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SingleTableAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("tools.jackson.module.kotlin."))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void aScannedKotlinEntityFailsTheStartNamingTheModuleToAdd() {
		this.contextRunner.withUserConfiguration(TicketPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("kotlin-entity"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(MissingLibraryException.class);
				FailureAnalysis analysis = FailureAnalyses.missingLibrary(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("The Kotlin entity type " + Ticket.class.getName())
					.contains(MODULE);
				assertThat(analysis.getAction()).contains("Add " + ARTIFACT).contains(MODULE);
			});
	}

	@Test
	void theDomainTypeOfARepositoryIsCheckedBeforeItsRepositoryIsCreated() {
		this.contextRunner.withUserConfiguration(ReceiptRepositories.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("kotlin-repository"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalyses.missingLibrary(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(Receipt.class.getName())
					.contains(ReceiptRepository.class.getName())
					.contains(MODULE);
				assertThat(analysis.getAction()).contains(ARTIFACT);
			});
	}

	@Test
	void anApplicationOfJavaTypesStartsWithoutTheModule() {
		this.contextRunner.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("kotlin-absent-java"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GizmoRepository.class);
				assertThat(context.getBean(SingleTableConverter.class).getJsonMapper().registeredModules())
					.noneMatch((module) -> module.getClass().getName().startsWith("tools.jackson.module.kotlin."));
			});
	}

	@Test
	void anApplicationWithoutKotlinRegistersNoCheck() {
		// without Kotlin's standard library no class carries a kotlin.Metadata that reflection reads
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson.module.kotlin.", "kotlin."))
			.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("kotlin-absent-stdlib"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GizmoRepository.class);
				assertThat(context).doesNotHaveBean(KotlinEntitiesCheck.class)
					.doesNotHaveBean("singleTableKotlinEntitiesCheck");
			});
		this.contextRunner.withUserConfiguration(GizmoPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("kotlin-present-stdlib"))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("singleTableKotlinEntitiesCheck"));
	}

	@Test
	void theEarlyCheckFailsTheStartBeforeTheConfigurationIsParsed() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("singletable.table-name", "early-kotlin")));
			EarlyDefinitionsCheck check = new EarlyDefinitionsCheck(new SpringApplication(KotlinApplication.class),
					new String[0]);

			assertThatExceptionOfType(MissingLibraryException.class).isThrownBy(() -> check.contextPrepared(context))
				.withMessageContaining(Ticket.class.getName())
				.withMessageContaining(MODULE)
				.withMessageContaining(ARTIFACT)
				.satisfies((ex) -> assertThat(FailureAnalyses.missingLibrary(ex).getAction()).contains(ARTIFACT));
		}
	}

}
