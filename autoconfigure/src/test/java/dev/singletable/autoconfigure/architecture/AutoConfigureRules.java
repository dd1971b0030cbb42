package dev.singletable.autoconfigure.architecture;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The design rules of the auto-configuration module, for a base package: its root {@code <base>} holds the
 * auto-configurations of the template, their properties, the connection details and the interfaces an application
 * implements (the customizers); each subpackage ({@code client}, {@code embedded}, {@code data}, {@code transaction},
 * {@code web}, {@code actuate}, {@code diagnostics}, ...) configures one concern; and the module uses singletable
 * through its API, never its internal packages ({@code dev.singletable..internal..}), but for the internal types
 * listed with their reasons. The rules take the base package so that {@link AutoConfigureRulesFailureTests} can show
 * each of them failing on a fixture.
 */
final class AutoConfigureRules {

	/** The internal packages of singletable, which are not API and change without notice. */
	static final String INTERNAL_PACKAGES = "dev.singletable..internal..";

	private AutoConfigureRules() {
	}

	/**
	 * No cycles between the subpackages of the base: a concern that needs another's types is not needed by it.
	 * @param base the root package of the auto-configuration
	 * @return the rule
	 */
	static ArchRule noCyclesBetweenSubpackages(String base) {
		return slices().matching(base + ".(*)..")
			.namingSlices("$1")
			.should()
			.beFreeOfCycles()
			.because("each subpackage configures one concern: a package that needs another's types must not be "
					+ "needed by it");
	}

	/**
	 * The public interfaces, the extension points an application implements (customizers, connection details), are
	 * in the root package, where the application looks for them; a subpackage declares none.
	 * @param base the root package of the auto-configuration
	 * @return the rule
	 */
	static ArchRule extensionPointsOnlyInTheRoot(String base) {
		return classes().that()
			.resideInAPackage(base + "..")
			.and()
			.areInterfaces()
			.and()
			.arePublic()
			.should()
			.resideInAPackage(base)
			.because("an application implements the customizers and connection details of the root package; the "
					+ "subpackages hold the configuration of one concern each");
	}

	/**
	 * No class of the base uses a type of singletable's internal packages ({@value #INTERNAL_PACKAGES}, other than
	 * the base's own), except the listed ones; the list maps the internal type's name to the reason it is used, and
	 * each listed type must still be used, so that the list can only shrink.
	 * @param base the root package of the auto-configuration
	 * @param allowed the internal types the auto-configuration may use, with their reasons
	 * @return the rule
	 */
	static ArchRule internalsOnlyAsListed(String base, Map<String, String> allowed) {
		return classes().that()
			.resideInAPackage(base + "..")
			.should(useInternalsOnlyAsListed(base, allowed))
			.because("the auto-configuration builds on singletable's API: internal types change without notice");
	}

	private static ArchCondition<JavaClass> useInternalsOnlyAsListed(String base, Map<String, String> allowed) {
		DescribedPredicate<JavaClass> internal = internal(base);
		return new ArchCondition<>("use no type of " + INTERNAL_PACKAGES + " but " + allowed.keySet()) {

			/** Per internal type used: the classes that use it. */
			private final Map<String, Set<String>> used = new TreeMap<>();

			@Override
			public void init(Collection<JavaClass> allObjectsToTest) {
				this.used.clear();
			}

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Set<String> reported = new TreeSet<>();
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass().getBaseComponentType();
					if (!internal.test(target)) {
						continue;
					}
					this.used.computeIfAbsent(target.getName(), (name) -> new TreeSet<>()).add(type.getName());
					if (!allowed.containsKey(target.getName()) && reported.add(target.getName())) {
						events.add(SimpleConditionEvent.violated(type, type.getName() + " uses the internal type "
								+ target.getName() + ": use singletable's API (or list the type with the reason it is "
								+ "needed)"));
					}
				}
			}

			@Override
			public void finish(ConditionEvents events) {
				allowed.keySet().forEach((name) -> {
					if (!this.used.containsKey(name)) {
						events.add(SimpleConditionEvent.violated(name, "listed internal type " + name
								+ " is not used any more: take it off the list"));
					}
				});
			}

		};
	}

	/** A type of singletable's internal packages that is not in the base itself. */
	private static DescribedPredicate<JavaClass> internal(String base) {
		PackageMatcher internals = PackageMatcher.of(INTERNAL_PACKAGES);
		PackageMatcher own = PackageMatcher.of(base + "..");
		return DescribedPredicate.describe("in " + INTERNAL_PACKAGES + " outside " + base,
				(type) -> internals.matches(type.getPackageName()) && !own.matches(type.getPackageName()));
	}

}
