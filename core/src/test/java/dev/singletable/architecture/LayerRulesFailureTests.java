package dev.singletable.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link LayerRules} fails on {@code dev.singletable.archfixture}, a layout that breaks it once, and
 * names what broke it; the allowed use of the root's API (an internal class throwing its exception) passes, and so do
 * plans and layers in order. Only the fixture's packages are imported: the real code's classes are checked by
 * {@link ArchitectureTests}.
 */
class LayerRulesFailureTests {

	private static final String BASE = "dev.singletable.archfixture";

	private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(BASE);

	@Test
	void aCycleBetweenTwoPackagesFails() {
		assertFails(LayerRules.noPackageCycles(BASE), "Cycle detected", "core.internal.left", "core.internal.right");
	}

	@Test
	void usingTheRootsApiFromALayerIsNoCycle() {
		JavaClasses withoutTheCycle = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.core.FixtureException.class,
				dev.singletable.archfixture.core.FixtureTemplate.class,
				dev.singletable.archfixture.core.internal.left.Left.class);
		assertThatCode(() -> LayerRules.noPackageCycles(BASE).check(withoutTheCycle)).doesNotThrowAnyException();
	}

	@Test
	void aReactiveAdapterReadingTheBlockingTransactionBindingFails() {
		assertFails(LayerRules.reactiveInternalsOnlyAdapt(BASE), "core.internal.reactive.DecidingAdapter",
				"org.springframework.transaction.support.TransactionSynchronizationManager");
	}

	@Test
	void reactiveAdaptersAnsweringFromTheirContextPass() {
		JavaClasses adapters = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.core.internal.reactive.ContextAdapter.class);
		assertThatCode(() -> LayerRules.reactiveInternalsOnlyAdapt(BASE).check(adapters)).doesNotThrowAnyException();
	}

	@Test
	void aStaticPortInstalledAtRunTimeFails() {
		assertFails(LayerRules.noStaticFieldIsReassignable(BASE),
				BASE + ".core.internal.template.InstalledPort.lookup");
	}

	@Test
	void finalStaticFieldsPass() {
		JavaClasses constants = new ClassFileImporter()
			.importClasses(dev.singletable.archfixture.core.internal.template.TemplateExecutors.class);
		assertThatCode(() -> LayerRules.noStaticFieldIsReassignable(BASE).check(constants))
			.doesNotThrowAnyException();
	}

	@Test
	void aThreadLocalOutsideTheAuditScopeFails() {
		JavaClasses classes = new ClassFileImporter().importClasses(ThreadBound.class, Scope.class);
		assertThatThrownBy(() -> LayerRules.noThreadBoundStateButTheAuditScope(Scope.class.getName()).check(classes))
			.hasMessageContaining(ThreadBound.class.getName())
			.hasMessageNotContaining(Scope.class.getName() + ".");
	}

	/** Keeps a value per thread: the rule's failure. */
	static final class ThreadBound {

		static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	}

	/** The one class allowed a thread-local. */
	static final class Scope {

		static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	}

	@Test
	void aSubpackageCallingTheFacadeFails() {
		assertFails(LayerRules.subpackagesUseOnlyTheRootsApi(BASE), "LeakyMetadata", "FixtureTemplate");
	}

	@Test
	void coreDependingOnRepositoriesFails() {
		assertFails(LayerRules.coreDoesNotDependOnRepositories(BASE), "LeakyMetadata", "FixtureRepository");
	}

	@Test
	void aRepositoryUsingCoresInternalsFails() {
		assertFails(LayerRules.usesCoreThroughItsApiAndSpi(BASE, "repository"), "LeakyQueryRepository",
				BASE + ".core.internal.query.Placed");
	}

	@Test
	void aRepositoryUsingCoresApiAndSpiPasses() {
		JavaClasses repository = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.repository.SpiRepository.class,
				dev.singletable.archfixture.repository.FixtureRepository.class,
				dev.singletable.archfixture.core.spi.FixtureQueryDefinition.class,
				dev.singletable.archfixture.core.FixtureTemplate.class);
		assertThatCode(() -> LayerRules.usesCoreThroughItsApiAndSpi(BASE, "repository").check(repository))
			.doesNotThrowAnyException();
	}

	@Test
	void coreDependingOnEvolutionFails() {
		assertFails(LayerRules.coreDoesNotDependOnEvolution(BASE), "LeakyDriftCheck", "FixtureDefinitions");
	}

	@Test
	void reachingIntoEvolutionsInternalsFromOutsideFails() {
		assertFails(LayerRules.evolutionInternalsServeOnlyEvolution(BASE), "LeakyBackfillRepository", "FixtureRun");
	}

	@Test
	void evolutionUsingCoresInternalsBeyondThePortFails() {
		assertFails(LayerRules.evolutionUsesCoreThroughItsApiAndPort(BASE), "LeakyBackfills",
				"dev.singletable.archfixture.core.internal.right.Right");
	}

	@Test
	void evolutionUsingCoresExecutorInsteadOfTheTemplatesDriverFails() {
		assertFails(LayerRules.evolutionUsesCoreThroughItsApiAndPort(BASE), "LeakyBackfills",
				"dev.singletable.archfixture.core.internal.execution.FixtureExecutor");
	}

	@Test
	void evolutionBuildingAnExecutorOfItsOwnFails() {
		assertFails(LayerRules.evolutionSendsThroughTheTemplatesExecutor(BASE), "LeakyBackfills",
				"FixtureExecutor.<init>");
	}

	@Test
	void evolutionUsingTheTemplateThePortAndItsOwnInternalsPasses() {
		JavaClasses evolution = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.evolution.FixtureDefinitions.class,
				dev.singletable.archfixture.evolution.internal.backfill.FixtureRun.class,
				dev.singletable.archfixture.core.internal.template.TemplateExecutors.class,
				dev.singletable.archfixture.core.internal.execution.BlockingDriver.class,
				dev.singletable.archfixture.core.FixtureTemplate.class);
		assertThatCode(() -> LayerRules.evolutionUsesCoreThroughItsApiAndPort(BASE).check(evolution))
			.doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.evolutionSendsThroughTheTemplatesExecutor(BASE).check(evolution))
			.doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.evolutionInternalsServeOnlyEvolution(BASE).check(evolution))
			.doesNotThrowAnyException();
	}

	@Test
	void anInternalTypeInAnApiSignatureFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakyMetadata.right()",
				"names internal dev.singletable.archfixture.core.internal.right.Right");
	}

	@Test
	void anInternalTypeOfEvolutionInAnApiSignatureFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakyBackfillRepository.run()",
				"names internal dev.singletable.archfixture.evolution.internal.backfill.FixtureRun");
	}

	@Test
	void anInternalTypeAsATypeArgumentOfASuperTypeFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakySupertype names internal "
				+ "dev.singletable.archfixture.core.internal.right.Right in a type argument or bound");
	}

	@Test
	void anInternalTypeBoundingATypeParameterFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakyBound names internal "
				+ "dev.singletable.archfixture.core.internal.right.Right in a type argument or bound");
	}

	@Test
	void anInternalTypeInAMethodInheritedFromASuperclassThatIsNotPublicFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakyHeir inherits",
				"HiddenBase.hidden() names internal dev.singletable.archfixture.core.internal.right.Right");
	}

	@Test
	void aPlanUsingTheDriverFails() {
		assertFails(LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()),
				BASE + ".core.internal.write.build.LeakyPlan.send(", BASE + ".core.internal.execution.BlockingDriver.run()");
	}

	@Test
	void aPlanNamingMonoFails() {
		assertFails(LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()),
				BASE + ".core.internal.write.build.ReactivePlan.next()", "reactor.core.publisher.Mono");
	}

	@Test
	void aPlanUsingAnSdkClientFails() {
		assertFails(LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()),
				BASE + ".core.internal.query.ClientPlan.read(", BASE + ".sdk.FixtureClient.describe(");
	}

	@Test
	void aLayerUsingOneBelowFails() {
		assertFails(LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()),
				BASE + ".core.internal.item.UpwardItem.driver(",
				BASE + ".core.internal.template.TemplateExecutors.of(");
	}

	@Test
	void aPlanUsingTheDriversLayerBelowItFails() {
		assertFails(LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()),
				BASE + ".core.internal.write.build.LeakyPlan.send(", BASE + ".core.internal.execution.BlockingDriver");
	}

	@Test
	void aQueryPlanUsingItsRunnerFails() {
		assertFails(LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()),
				BASE + ".core.internal.query.UpwardQuery.runner(",
				BASE + ".core.internal.query.run.FixtureQueryRunner");
	}

	@Test
	void aQueryRunnerOnTheDriverIsNoPlanAndInOrder() {
		JavaClasses runner = inEveryLayer(
				dev.singletable.archfixture.core.internal.query.run.FixtureQueryRunner.class,
				dev.singletable.archfixture.internal.plan.FixtureStep.class,
				dev.singletable.archfixture.core.internal.execution.BlockingDriver.class,
				dev.singletable.archfixture.core.internal.execution.FixtureExecutor.class);
		assertThatCode(() -> LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()).check(runner))
			.doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()).check(runner))
			.doesNotThrowAnyException();
	}

	@Test
	void plansAndLayersInOrderPass() {
		JavaClasses inOrder = inEveryLayer(
				dev.singletable.archfixture.core.internal.operation.OrderlyPlan.class,
				dev.singletable.archfixture.internal.plan.FixtureStep.class,
				dev.singletable.archfixture.core.internal.template.TemplateExecutors.class,
				dev.singletable.archfixture.core.internal.execution.BlockingDriver.class,
				dev.singletable.archfixture.core.internal.execution.FixtureExecutor.class);
		assertThatCode(() -> LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()).check(inOrder))
			.doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()).check(inOrder))
			.doesNotThrowAnyException();
	}

	@Test
	void aLayerWithoutClassesFails() {
		JavaClasses withoutTheirLayers = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.core.internal.operation.OrderlyPlan.class,
				dev.singletable.archfixture.internal.plan.FixtureStep.class);
		assertThatThrownBy(() -> LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of())
			.check(withoutTheirLayers)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Layer 'template' is empty");
	}

	@Test
	void aPackageNoLayerPlacesFails() {
		assertFails(LayerRules.internalPackagesAreLayers(BASE, LayerRules.CORE_LAYERS),
				BASE + ".core.internal.left.Left", BASE + ".core.internal.right.Right");
	}

	@Test
	void packagesEveryOneOfWhichIsALayerPass() {
		JavaClasses placed = inEveryLayer(dev.singletable.archfixture.core.internal.query.run.FixtureQueryRunner.class);
		assertThatCode(() -> LayerRules.internalPackagesAreLayers(BASE, LayerRules.CORE_LAYERS).check(placed))
			.doesNotThrowAnyException();
	}

	@Test
	void aFoundationLayerUsingOneBelowFails() {
		assertFails(LayerRules.foundationLayersUseOnlyThoseAbove(BASE, LayerRules.FOUNDATION_LAYERS),
				BASE + ".internal.format.UpwardFormat.step()", BASE + ".internal.plan.FixtureStep");
	}

	@Test
	void theFoundationUsingTheTemplateOrTheRootsExceptionFails() {
		assertFails(LayerRules.foundationStandsOnNothingElse(BASE), BASE + ".internal.plan.LeakyFoundationPlan.run(",
				BASE + ".core.FixtureTemplate.run()", BASE + ".internal.plan.LeakyFoundationPlan.failure()",
				BASE + ".core.FixtureException.<init>");
	}

	@Test
	void aFoundationPlanOnTheFormatPasses() {
		JavaClasses foundation = new ClassFileImporter().importClasses(
				dev.singletable.archfixture.internal.plan.OrderlyFoundationPlan.class,
				dev.singletable.archfixture.internal.plan.FixtureStep.class,
				dev.singletable.archfixture.internal.format.Placed.class,
				dev.singletable.archfixture.internal.direct.Placed.class);
		assertThatCode(() -> LayerRules.foundationStandsOnNothingElse(BASE).check(foundation))
			.doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.foundationLayersUseOnlyThoseAbove(BASE, LayerRules.FOUNDATION_LAYERS)
			.check(foundation)).doesNotThrowAnyException();
		assertThatCode(() -> LayerRules.foundationPackagesAreLayers(BASE, LayerRules.FOUNDATION_LAYERS)
			.check(foundation)).doesNotThrowAnyException();
	}

	@Test
	void exceptedClassesAreNotChecked() {
		Map<String, String> plansThatRun = Map.of(BASE + ".core.internal.write.build.LeakyPlan", "S1",
				BASE + ".core.internal.write.build.ReactivePlan", "S2", BASE + ".core.internal.query.ClientPlan", "S3");
		assertThatCode(() -> LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, plansThatRun).check(FIXTURE))
			.doesNotThrowAnyException();
		Map<String, String> upward = Map.of(BASE + ".core.internal.write.build.LeakyPlan", "S1",
				BASE + ".core.internal.item.UpwardItem", "S2", BASE + ".core.internal.query.UpwardQuery", "S3");
		assertThatCode(() -> LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, upward).check(FIXTURE))
			.doesNotThrowAnyException();
	}

	@Test
	void anExceptionNoLongerNeededIsNamed() {
		Map<String, String> excepted = Map.of(BASE + ".core.internal.write.build.LeakyPlan", "still runs",
				BASE + ".core.internal.operation.OrderlyPlan", "fixed");
		assertThat(LayerRules.exceptionsNoLongerNeeded(
				LayerRules.plansDoNotRun(BASE, LayerRules.PLAN_PACKAGES, Map.of()), FIXTURE, excepted))
			.containsExactly(BASE + ".core.internal.operation.OrderlyPlan");
		assertThat(LayerRules.exceptionsNoLongerNeeded(
				LayerRules.layersUseOnlyThoseAbove(BASE, LayerRules.CORE_LAYERS, Map.of()), FIXTURE, excepted))
			.containsExactly(BASE + ".core.internal.operation.OrderlyPlan");
	}

	/**
	 * The given classes with one of every layer's package ({@code Placed}): the layer rule requires every layer to
	 * hold a class.
	 */
	private static JavaClasses inEveryLayer(Class<?>... classes) {
		List<Class<?>> all = new ArrayList<>(List.of(classes));
		for (String layer : LayerRules.CORE_LAYERS) {
			String first = layer.split("\\|")[0];
			try {
				all.add(Class.forName(BASE + ".core.internal." + first + ".Placed"));
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("the fixture has no class of layer " + layer, ex);
			}
		}
		return new ClassFileImporter().importClasses(all);
	}

	private static void assertFails(ArchRule rule, String... named) {
		assertThatThrownBy(() -> rule.check(FIXTURE)).isInstanceOf(AssertionError.class)
			.message()
			.contains(named);
	}

}
