package dev.singletable.autoconfigure.architecture;

import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import dev.singletable.autoconfigure.archfixture.autoconfigure.FixtureAutoConfiguration;
import dev.singletable.autoconfigure.archfixture.autoconfigure.FixtureCustomizer;
import dev.singletable.autoconfigure.archfixture.autoconfigure.client.FixtureClientSettings;
import dev.singletable.autoconfigure.archfixture.autoconfigure.data.LeakyPlanUser;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link AutoConfigureRules} fails on {@code dev.singletable.autoconfigure.archfixture}, a layout that
 * breaks it once, and names what broke it; the same rules pass where the layout keeps them.
 */
class AutoConfigureRulesFailureTests {

	private static final String FIXTURE_PACKAGE = "dev.singletable.autoconfigure.archfixture";

	private static final String BASE = FIXTURE_PACKAGE + ".autoconfigure";

	private static final String PLAN = FIXTURE_PACKAGE + ".core.internal.FixturePlan";

	private static final String DRIVER = FIXTURE_PACKAGE + ".core.internal.FixtureDriver";

	private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(FIXTURE_PACKAGE);

	@Test
	void aCycleBetweenTwoSubpackagesFails() {
		assertFails(AutoConfigureRules.noCyclesBetweenSubpackages(BASE), "Cycle detected", "client", "embedded");
	}

	@Test
	void subpackagesWithoutACyclePass() {
		JavaClasses withoutTheCycle = new ClassFileImporter().importClasses(FixtureAutoConfiguration.class,
				FixtureClientSettings.class, LeakyPlanUser.class);
		assertThatCode(() -> AutoConfigureRules.noCyclesBetweenSubpackages(BASE).check(withoutTheCycle))
			.doesNotThrowAnyException();
	}

	@Test
	void aPublicInterfaceInASubpackageFails() {
		assertFails(AutoConfigureRules.extensionPointsOnlyInTheRoot(BASE), BASE + ".web.LeakyWebCustomizer");
	}

	@Test
	void aPublicInterfaceInTheRootPasses() {
		JavaClasses root = new ClassFileImporter().importClasses(FixtureCustomizer.class,
				FixtureAutoConfiguration.class);
		assertThatCode(() -> AutoConfigureRules.extensionPointsOnlyInTheRoot(BASE).check(root))
			.doesNotThrowAnyException();
	}

	@Test
	void anInternalTypeThatIsNotListedFails() {
		assertFails(AutoConfigureRules.internalsOnlyAsListed(BASE, Map.of()),
				BASE + ".data.LeakyPlanUser uses the internal type " + PLAN);
	}

	@Test
	void aListedInternalTypePasses() {
		ArchRule rule = AutoConfigureRules.internalsOnlyAsListed(BASE, Map.of(PLAN, "plans the next step"));
		assertThatCode(() -> rule.check(FIXTURE)).doesNotThrowAnyException();
	}

	@Test
	void aListedInternalTypeThatIsNoLongerUsedFails() {
		assertFails(AutoConfigureRules.internalsOnlyAsListed(BASE,
				Map.of(PLAN, "plans the next step", DRIVER, "sent requests once")),
				"listed internal type " + DRIVER + " is not used any more");
	}

	private static void assertFails(ArchRule rule, String... named) {
		assertThatThrownBy(() -> rule.check(FIXTURE)).isInstanceOf(AssertionError.class)
			.message()
			.contains(named);
	}

}
