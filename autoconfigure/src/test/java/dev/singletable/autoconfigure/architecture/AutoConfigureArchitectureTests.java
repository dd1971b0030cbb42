package dev.singletable.autoconfigure.architecture;

import java.util.Map;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The design of the auto-configuration module, checked on its main classes (see {@link AutoConfigureRules}):
 * no cycles between its subpackages, the interfaces an application implements only in its root package, and no use
 * of singletable's internal packages. {@link AutoConfigureRulesFailureTests} shows each rule failing where it is
 * broken.
 */
@AnalyzeClasses(packages = AutoConfigureArchitectureTests.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class AutoConfigureArchitectureTests {

	static final String BASE = "dev.singletable.autoconfigure";

	/**
	 * The internal types of singletable the auto-configuration may use, each with its reason: none today. A type
	 * added here needs its reason; one no longer used fails the rule until it is taken off.
	 */
	static final Map<String, String> ALLOWED_INTERNALS = Map.of();

	@ArchTest
	static final ArchRule noCyclesBetweenSubpackages = AutoConfigureRules.noCyclesBetweenSubpackages(BASE);

	@ArchTest
	static final ArchRule extensionPointsOnlyInTheRoot = AutoConfigureRules.extensionPointsOnlyInTheRoot(BASE);

	@ArchTest
	static final ArchRule internalsOnlyAsListed = AutoConfigureRules.internalsOnlyAsListed(BASE, ALLOWED_INTERNALS);

}
