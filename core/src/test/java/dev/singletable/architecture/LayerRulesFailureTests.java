package dev.singletable.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link LayerRules} fails on {@code dev.singletable.archfixture}, a layout that breaks it once, and
 * names what broke it; the allowed use of the root's API (an internal class throwing its exception) passes.
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
	void aSubpackageCallingTheFacadeFails() {
		assertFails(LayerRules.subpackagesUseOnlyTheRootsApi(BASE), "LeakyMetadata", "FixtureTemplate");
	}

	@Test
	void coreDependingOnRepositoriesFails() {
		assertFails(LayerRules.coreDoesNotDependOnRepositories(BASE), "LeakyMetadata", "FixtureRepository");
	}

	@Test
	void anInternalTypeInAnApiSignatureFails() {
		assertFails(LayerRules.apiSignaturesNameNoInternalType(BASE), "LeakyMetadata.right()",
				"names internal dev.singletable.archfixture.core.internal.right.Right");
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

	private static void assertFails(ArchRule rule, String... named) {
		assertThatThrownBy(() -> rule.check(FIXTURE)).isInstanceOf(AssertionError.class)
			.message()
			.contains(named);
	}

}
