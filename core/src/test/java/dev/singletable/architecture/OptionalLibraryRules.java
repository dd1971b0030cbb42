package dev.singletable.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Optional libraries stay behind their adapters, so that an application without one never links a class of it.
 * A blocking application carries neither Reactor nor Netty nor the KCL, nor Spring Modulith, Micrometer's core, the S3
 * client or Kotlin unless it uses the feature that needs them; the JVM links a class's references when the class is
 * loaded or a method runs, so a blocking class that names {@code Mono} fails with {@code NoClassDefFoundError} at the
 * first operation that loads it (as {@code BlobStorageRequests} did at the first blob write). Two kinds of rule:
 * <ul>
 * <li>the blocking side (every class that is not on the reactive side: the plan packages, the blocking driver, the
 * blocking template and repositories, evolution, the outbox, the change stream) depends neither on Reactor nor on a
 * class of the reactive side (whose classes are named {@code Reactive…} or live in a {@code reactive} package). Not
 * even in a method's signature: Spring introspects a bean's methods, which links every type they name, so a bean of
 * the blocking side with one method returning a {@code Flux} fails the start-up of an application without Reactor
 * (as {@code SingleTableChangeStream.changes(Class)} did: it is now {@code ReactiveSingleTableChangeStream}'s);</li>
 * <li>each other optional library is used only by its adapter packages.</li>
 * </ul>
 * The rules take the base package so that {@link OptionalLibraryRulesFailureTests} can show each failing on a planted
 * violation. {@code BlockingClasspathIntegrationTests} proves the same at run time, in a JVM without the libraries.
 */
final class OptionalLibraryRules {

	/** Reactor's packages. */
	static final String[] REACTOR = { "reactor.." };

	private OptionalLibraryRules() {
	}

	/**
	 * No class of the blocking side depends on Reactor or on a class of the reactive side.
	 * @param base the base package
	 */
	static ArchRule blockingSideLinksNoReactor(String base) {
		DescribedPredicate<JavaClass> reactiveSide = reactiveSide(base);
		return noClasses().that()
			.resideInAPackage(base + "..")
			.and(DescribedPredicate.not(reactiveSide))
			.should()
			.dependOnClassesThat(resideInAnyPackage(REACTOR).or(reactiveSide))
			.because("Reactor is optional: a blocking application has none, and a class of the blocking side that links "
					+ "Reactor (or a reactive class that does) fails it with NoClassDefFoundError at the first operation "
					+ "that loads the class; put the reactive half in a Reactive… class");
	}

	/**
	 * Only the adapters of an optional library use it.
	 * @param base the base package
	 * @param library the library's name and its Maven coordinates, for the message
	 * @param libraryPackages the library's packages
	 * @param adapters the packages (under {@code base.}) or classes (their names under {@code base.}, a trailing
	 * {@code $} for a class's nested classes) allowed to use it; empty when no class may
	 */
	static ArchRule onlyAdaptersUse(String base, String library, String[] libraryPackages, List<String> adapters) {
		DescribedPredicate<JavaClass> adapter = adapters(base, adapters);
		return noClasses().that()
			.resideInAPackage(base + "..")
			.and(DescribedPredicate.not(adapter))
			.should()
			.dependOnClassesThat(resideInAnyPackage(libraryPackages))
			.because(library + " is optional: an application that does not use the feature it serves has none, and "
					+ "only " + (adapters.isEmpty() ? "no class" : String.join(", ", adapters))
					+ " may link it, loaded only when the feature is used");
	}

	private static DescribedPredicate<JavaClass> reactiveSide(String base) {
		return DescribedPredicate.describe("are on the reactive side (Reactive… or a reactive package)",
				(javaClass) -> {
					String name = javaClass.getName();
					String packageName = javaClass.getPackageName();
					if (!name.startsWith(base + ".") || packageName.isEmpty()) {
						return false;
					}
					return name.substring(packageName.length() + 1).contains("Reactive")
							|| ("." + packageName + ".").contains(".reactive.");
				});
	}

	private static DescribedPredicate<JavaClass> adapters(String base, List<String> adapters) {
		return DescribedPredicate.describe("are adapters " + adapters, (javaClass) -> {
			String name = javaClass.getName();
			for (String adapter : adapters) {
				String qualified = base + "." + adapter;
				if (adapter.endsWith("$") ? name.startsWith(qualified) || name.equals(qualified.substring(0,
						qualified.length() - 1)) : (javaClass.getPackageName() + ".").startsWith(qualified + ".")
								|| topLevel(name).equals(qualified) || name.equals(qualified)
						|| name.startsWith(qualified + "$")) {
					return true;
				}
			}
			return false;
		});
	}

	private static String topLevel(String name) {
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

}
