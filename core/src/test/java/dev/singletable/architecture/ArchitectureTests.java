package dev.singletable.architecture;

import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers of {@code core}, checked on its main classes (see {@link LayerRules}; {@code docs/ARCHITECTURE.md}
 * draws them): plans that do not run, layers that use only those above them, every internal package one of the
 * layers; and that only drivers use the SDK clients
 * ({@link ClientRules}, with the classes allowed today in {@link ClientHolders}). {@link LayerRulesFailureTests} and {@link ClientRulesFailureTests} show each rule failing
 * where it is broken.
 */
@AnalyzeClasses(packages = "dev.singletable", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String BASE = "dev.singletable";

	@ArchTest
	static final ArchRule noPackageCycles = LayerRules.noPackageCycles(BASE);

	/*
	 * Plans do not run, and layers use only those above them (LayerRules.PLAN_PACKAGES, LayerRules.CORE_LAYERS),
	 * without exceptions: no class breaks them. A class that must break one for a while is named in a list passed
	 * here with the step that removes it, and a test that fails once it is no longer needed
	 * (LayerRules.exceptionsNoLongerNeeded, shown by LayerRulesFailureTests).
	 */

	@ArchTest
	static final ArchRule plansDoNotRun = LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of());

	@ArchTest
	static final ArchRule layersUseOnlyThoseAbove = LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS,
			Map.of());

	@ArchTest
	static final ArchRule internalPackagesAreLayers = LayerRules.internalPackagesAreLayers(BASE,
			LayerRules.CORE_LAYERS);

	/*
	 * The foundation below core's API (LayerRules.FOUNDATION_LAYERS: the stored format, the plan protocol, the
	 * drivers of the public types that take a user's client) uses nothing else of singletable, in its own order.
	 */

	@ArchTest
	static final ArchRule foundationStandsOnNothingElse = LayerRules.foundationStandsOnNothingElse(BASE);

	@ArchTest
	static final ArchRule foundationLayersUseOnlyThoseAbove = LayerRules.foundationLayersUseOnlyThoseAbove(BASE,
			LayerRules.FOUNDATION_LAYERS);

	@ArchTest
	static final ArchRule foundationPackagesAreLayers = LayerRules.foundationPackagesAreLayers(BASE,
			LayerRules.FOUNDATION_LAYERS);

	@ArchTest
	static final ArchRule subpackagesUseOnlyTheRootsApi = LayerRules.subpackagesUseOnlyTheRootsApi(BASE);

	@ArchTest
	static final ArchRule coreDoesNotDependOnRepositories = LayerRules.coreDoesNotDependOnRepositories(BASE);

	@ArchTest
	static final ArchRule repositoriesUseCoreThroughItsApiAndSpi = LayerRules.usesCoreThroughItsApiAndSpi(BASE,
			"repository");

	@ArchTest
	static final ArchRule coreDoesNotDependOnEvolution = LayerRules.coreDoesNotDependOnEvolution(BASE);

	@ArchTest
	static final ArchRule evolutionInternalsServeOnlyEvolution = LayerRules.evolutionInternalsServeOnlyEvolution(BASE);

	@ArchTest
	static final ArchRule evolutionUsesCoreThroughItsApiAndPort = LayerRules
		.evolutionUsesCoreThroughItsApiAndPort(BASE);

	@ArchTest
	static final ArchRule evolutionSendsThroughTheTemplatesExecutor = LayerRules
		.evolutionSendsThroughTheTemplatesExecutor(BASE);

	@ArchTest
	static final ArchRule coreDoesNotDependOnEvents = LayerRules.coreDoesNotDependOn(BASE, "events");

	@ArchTest
	static final ArchRule eventsInternalsServeOnlyEvents = LayerRules.internalsServeOnly(BASE, "events");

	@ArchTest
	static final ArchRule eventsUseCoreThroughItsApiAndPort = LayerRules.usesCoreThroughItsApiAndPort(BASE, "events");

	@ArchTest
	static final ArchRule eventsSendThroughTheTemplatesExecutor = LayerRules.sendsThroughTheTemplatesExecutor(BASE,
			"events");

	@ArchTest
	static final ArchRule apiSignaturesNameNoInternalType = LayerRules.apiSignaturesNameNoInternalType(BASE);

	@ArchTest
	static final ArchRule clientsOnlyInDrivers = ClientRules.clientsOnlyInDrivers(BASE, ClientHolders.ENTRY_POINTS,
			ClientHolders.KNOWN_CLIENT_HOLDERS);

	@ArchTest
	static final ArchRule reactiveInternalsOnlyAdapt = LayerRules.reactiveInternalsOnlyAdapt(BASE);

	@ArchTest
	static final ArchRule noStaticFieldIsReassignable = LayerRules.noStaticFieldIsReassignable(BASE);

	@ArchTest
	static final ArchRule noThreadBoundStateButTheAuditScope = LayerRules
		.noThreadBoundStateButTheAuditScope("dev.singletable.core.audit.AuditScope");

	/**
	 * {@code micrometer-core} is optional: a class naming it anywhere else (a setter taking a {@code MeterRegistry})
	 * fails Spring's introspection of a bean, and the application's start-up, when it is absent.
	 */
	@ArchTest
	static final ArchRule optionalMicrometerOnlyInItsAdapter = noClasses().that()
		.doNotHaveSimpleName("MicrometerSingleTableMetrics")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.micrometer.core..")
		.because("micrometer-core is an optional dependency of core: only MicrometerSingleTableMetrics may use it");

	/*
	 * Optional libraries behind their adapters (OptionalLibraryRules; OptionalLibraryRulesFailureTests shows each
	 * failing, BlockingClasspathIntegrationTests runs the blocking features in a JVM without them).
	 */

	@ArchTest
	static final ArchRule blockingSideLinksNoReactor = OptionalLibraryRules.blockingSideLinksNoReactor(BASE);

	@ArchTest
	static final ArchRule nettyNowhere = OptionalLibraryRules.onlyAdaptersUse(BASE,
			"Netty (software.amazon.awssdk:netty-nio-client)",
			new String[] { "io.netty..", "software.amazon.awssdk.http.nio.netty.." }, List.of());

	@ArchTest
	static final ArchRule kclOnlyInTheChangeStreamsWorker = OptionalLibraryRules.onlyAdaptersUse(BASE,
			"The KCL (com.amazonaws:dynamodb-streams-kinesis-adapter)",
			new String[] { "software.amazon.kinesis..", "com.amazonaws.services.dynamodbv2.streamsadapter.." },
			List.of("events.internal.kcl"));

	@ArchTest
	static final ArchRule modulithOnlyInTheOutbox = OptionalLibraryRules.onlyAdaptersUse(BASE,
			"Spring Modulith (org.springframework.modulith:spring-modulith-events-core)",
			new String[] { "org.springframework.modulith.." },
			List.of("events.SingleTableEventPublicationRepository", "events.internal.JsonEventSerializer",
					"events.internal.PublicationItems", "events.internal.PublicationRequests",
					"events.internal.PublicationPartitions", "events.internal.PublicationStates",
					"events.internal.StoredEventPublication"));

	@ArchTest
	static final ArchRule s3OnlyInBlobStorage = OptionalLibraryRules.onlyAdaptersUse(BASE,
			"The S3 client (software.amazon.awssdk:s3)", new String[] { "software.amazon.awssdk.services.s3.." },
			List.of("core.blob", "internal.direct", "internal.plan.Request$"));

	@ArchTest
	static final ArchRule kotlinNowhere = OptionalLibraryRules.onlyAdaptersUse(BASE,
			"Kotlin (org.jetbrains.kotlin:kotlin-stdlib, jackson-module-kotlin)",
			new String[] { "kotlin..", "kotlinx..", "tools.jackson.module.kotlin.." },
			// Jackson's Kotlin module for the storage mapper, created only when it is on the class path (KotlinSupport)
			List.of("core.convert.KotlinJacksonModule"));

}
