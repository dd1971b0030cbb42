package dev.singletable.architecture;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.ViolationHandler;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of singletable's {@code core}, for a base package: {@code <base>.core} holds the API (the
 * operations interface, the template and transaction manager, exceptions, values users see) and is the facade over
 * the internal packages {@code <base>.core.internal.*}, core's engine; below the API stands the foundation,
 * {@code <base>.internal.*} (the stored format, the plan protocol, the drivers of the public types that take a
 * user's client), which the API packages and the engine use and which uses nothing else of singletable
 * ({@link #FOUNDATION_LAYERS}); the other subpackages of {@code core} ({@code mapping},
 * {@code convert}, {@code query}, {@code audit}, {@code blob}, ...) hold API types, and {@code <base>.repository}
 * sits on top. So does {@code <base>.evolution} (backfills, migrations, drift detection), with its own internal
 * packages {@code <base>.evolution.internal.*}: it uses core's API and a narrow set of core's internals (the
 * {@link #CORE_PORT}), and core reaches it only through interfaces core defines ({@code core.schema.IndexDriftGuard}).
 * The rules take the base package so that {@link LayerRulesFailureTests} can show each of them failing on a broken
 * fixture.
 */
final class LayerRules {

	private LayerRules() {
	}

	/**
	 * The packages of core's internals that the evolution subsystem may use: the stored item's layout
	 * ({@code item}), one item's write requests and what their failed conditions mean ({@code write.item}) and the
	 * write as a value ({@code write.unit}); beyond them, only the classes of {@link #PORT_CLASSES}. The foundation
	 * below core's API ({@code <base>.internal.*}: the stored format, plans of requests) is open to every subsystem.
	 */
	static final List<String> CORE_PORT = List.of("item", "write.item", "write.unit");

	/**
	 * The subsystems built on core whose root package is an API over internal packages of their own, as core's is:
	 * their internals may use the root's API values (the change a listener gets, the exception it sees).
	 */
	static final List<String> SUBSYSTEM_ROOTS = List.of("events");

	/**
	 * The classes of core's other internal packages that evolution may use: the port that hands out the template's
	 * driver ({@code template.TemplateExecutors}), that driver ({@code execution.BlockingDriver}), which runs its
	 * plans, and the requests a plan makes of the template's blob storage ({@code blob.BlobRequest}, for moves of
	 * resources with blobs); nothing else of {@code execution} (no executor, no client).
	 */
	static final List<String> PORT_CLASSES = List.of("template.TemplateExecutors", "execution.BlockingDriver",
			"blob.BlobRequest");

	/**
	 * The packages of plans, under {@code <base>.}: they name their next requests and accept the answers, and never
	 * send them ({@link #plansDoNotRun}). A name ending in {@code ..} takes its subpackages too; otherwise the package
	 * alone: {@code core.internal.query} holds the query plans, and its runners in {@code query.run} are no plan
	 * package. The write path's four packages ({@code write.item}, {@code write.unit}, {@code write.send},
	 * {@code write.build}) are all plans. Change the list here when a package moves.
	 */
	static final List<String> PLAN_PACKAGES = List.of("internal.plan", "core.internal.item", "core.internal.audit",
			"core.internal.blob", "core.internal.write.item", "core.internal.write.unit", "core.internal.write.send",
			"core.internal.write.build", "core.internal.query", "core.internal.operation");

	/**
	 * The internal packages of {@code core} as layers, top to bottom ({@link #layersUseOnlyThoseAbove}): each uses
	 * only the layers above it. The plans come before the template's drivers ({@code execution}), which send what
	 * they ask, and the code that runs them; this is the order of issue 51's plan, which {@code docs/ARCHITECTURE.md}
	 * states. A name is a package under {@code <base>.core.internal.}, with its subpackages unless one of them is a
	 * layer of its own; {@code "a|b"} is one layer of two packages. The API packages ({@code core}, {@code core.mapping}, ...) sit outside the layers.
	 * {@code query} is that package alone: its runners, {@code query.run}, come after {@code transaction}. The write
	 * path is four layers: one item's requests, conditions and rules ({@code write.item}); the write as a value with
	 * the stages it carries ({@code write.unit}: a unit holds what its blob stage prepared); the send of units
	 * ({@code write.send}); the operations that build units ({@code write.build}). Change the list here when a
	 * package moves.
	 */
	static final List<String> CORE_LAYERS = List.of("item", "audit|blob", "write.item", "write.unit", "write.send",
			"write.build", "query", "operation", "execution", "transaction", "query.run", "reactive", "template");

	/**
	 * The packages of the foundation, {@code <base>.internal.*}, as layers, top to bottom: the stored format's
	 * vocabulary ({@code format}), the protocol of a plan without I/O and its general plans ({@code plan}), the
	 * drivers of the public types that take a user's client and the loops every driver runs plans on
	 * ({@code direct}). Each uses only those above it, and the foundation uses nothing else of singletable
	 * ({@link #foundationStandsOnNothingElse}): core's API packages and its engine stand on it.
	 */
	static final List<String> FOUNDATION_LAYERS = List.of("format", "plan", "direct");

	/**
	 * Every class of core's internals is in a package that {@code layers} places ({@link #CORE_LAYERS}): a new
	 * internal package gets its place in the order before it holds code, so that {@link #layersUseOnlyThoseAbove}
	 * checks it.
	 */
	static ArchRule internalPackagesAreLayers(String base, List<String> layers) {
		return packagesAreLayers(base + ".core.internal.", layers, "LayerRules.CORE_LAYERS");
	}

	/**
	 * Every class of the foundation is in a package that {@code layers} places ({@link #FOUNDATION_LAYERS}), so
	 * that {@link #foundationLayersUseOnlyThoseAbove} checks it.
	 */
	static ArchRule foundationPackagesAreLayers(String base, List<String> layers) {
		return packagesAreLayers(base + ".internal.", layers, "LayerRules.FOUNDATION_LAYERS");
	}

	private static ArchRule packagesAreLayers(String prefix, List<String> layers, String list) {
		String[] placed = layers.stream()
			.flatMap((layer) -> List.of(packagesOf(prefix, layer, layers)).stream())
			.toArray(String[]::new);
		return classes().that()
			.resideInAPackage(prefix + ".")
			.should()
			.resideInAnyPackage(placed)
			.because("a package the layer rule does not place is not checked by it: give it its place in " + list
					+ " (and in ARCHITECTURE.md's order)");
	}

	/** What every client of the SDK implements ({@code DynamoDbClient}, {@code S3AsyncClient}, ...). */
	private static final String SDK_CLIENT = "software.amazon.awssdk.core.SdkClient";

	/**
	 * Plans do not run: no class of the plan packages ({@link #PLAN_PACKAGES}) depends on the drivers' package
	 * ({@code core.internal.execution..}), on Reactor, or on an SDK client ({@code SdkClient} and what is assignable
	 * to it: {@code DynamoDbClient}, {@code S3AsyncClient}, ...), but the classes excepted (top-level class name →
	 * why, and which step removes the exception; their nested classes count as them).
	 */
	static ArchRule plansDoNotRun(String base, List<String> planPackages, Map<String, String> excepted) {
		GivenClassesConjunction plans = noClasses().that().resideInAnyPackage(qualified(base, planPackages));
		if (!excepted.isEmpty()) {
			plans = plans.and(DescribedPredicate.not(listed(excepted)));
		}
		return plans.should()
			.dependOnClassesThat(running(base))
			.because("a plan names its next requests and accepts their answers; only drivers send (ARCHITECTURE.md)");
	}

	/** What only a driver uses: core's drivers ({@code core.internal.execution..}), Reactor and the SDK's clients. */
	static DescribedPredicate<JavaClass> running(String base) {
		DescribedPredicate<JavaClass> client = assignableTo(SDK_CLIENT)
			.or(DescribedPredicate.describe("one of " + ClientRules.CLIENT_TYPES,
					(type) -> ClientRules.CLIENT_TYPES.contains(type.getName())));
		return resideInAnyPackage(base + ".core.internal.execution..", base + ".internal.direct..", "reactor..")
			.or(client)
			.as("are drivers (" + base + ".core.internal.execution.., " + base + ".internal.direct..), Reactor "
					+ "(reactor..) or SDK clients (" + SDK_CLIENT + " or assignable to it)");
	}

	/**
	 * Each layer of core's internals uses only the layers above it in {@code layers} ({@link #CORE_LAYERS}); every
	 * layer must hold a class (a layer gone from the code is a stale entry: take it off the list). The dependencies of
	 * the classes excepted (top-level class name → why, and which step removes the exception; their nested classes
	 * count as them) are not checked. A package that is no layer is not seen by this rule:
	 * {@link #internalPackagesAreLayers} fails on it.
	 */
	static ArchRule layersUseOnlyThoseAbove(String base, List<String> layers, Map<String, String> excepted) {
		return layered(base + ".core.internal.", layers, excepted);
	}

	/**
	 * Each layer of the foundation uses only the layers above it in {@code layers} ({@link #FOUNDATION_LAYERS}); every
	 * layer must hold a class.
	 */
	static ArchRule foundationLayersUseOnlyThoseAbove(String base, List<String> layers) {
		return layered(base + ".internal.", layers, Map.of());
	}

	/**
	 * The foundation ({@code <base>.internal.*}) uses nothing else of singletable: neither core's API (its exceptions
	 * included: a plan that fails with one is given it, as {@code BatchWrite.Incomplete}) nor its engine nor a
	 * subsystem. It stands below them all, so that the API packages can use it without a cycle.
	 */
	static ArchRule foundationStandsOnNothingElse(String base) {
		return noClasses().that()
			.resideInAPackage(base + ".internal..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("are of " + base + " outside its foundation ("
					+ base + ".internal..)", (type) -> type.getPackageName().startsWith(base + ".")
							&& !type.getPackageName().startsWith(base + ".internal.")))
			.because("the foundation stands below core's API and its engine, which use it: it is given what it "
					+ "needs as values of its own or of the SDK");
	}

	private static ArchRule layered(String prefix, List<String> layers, Map<String, String> excepted) {
		LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
		for (String layer : layers) {
			architecture = architecture.layer(layer).definedBy(packagesOf(prefix, layer, layers));
		}
		for (int i = 0; i < layers.size() - 1; i++) {
			architecture = architecture.whereLayer(layers.get(i))
				.mayOnlyBeAccessedByLayers(layers.subList(i + 1, layers.size()).toArray(String[]::new));
		}
		architecture = architecture.whereLayer(layers.get(layers.size() - 1)).mayNotBeAccessedByAnyLayer();
		if (!excepted.isEmpty()) {
			architecture = architecture.ignoreDependency(listed(excepted), DescribedPredicate.alwaysTrue());
		}
		return architecture.because("layers use only those above them, as ARCHITECTURE.md's package table draws them");
	}

	/**
	 * The classes of a rule's exceptions that it no longer needs: listed, yet not the origin of any violation of the
	 * same rule without exceptions. An exception is taken off the list once its class is fixed.
	 */
	static Set<String> exceptionsNoLongerNeeded(ArchRule withoutExceptions, JavaClasses classes,
			Map<String, String> excepted) {
		Set<String> violators = violators(withoutExceptions.evaluate(classes));
		Set<String> unneeded = new TreeSet<>(excepted.keySet());
		unneeded.removeAll(violators);
		return unneeded;
	}

	/** The top-level classes a dependency rule's violations start from. */
	static Set<String> violators(EvaluationResult result) {
		Set<String> origins = new TreeSet<>();
		result.handleViolations(new ViolationHandler<Dependency>() {

			@Override
			public void handle(Collection<Dependency> violatingObjects, String message) {
				violatingObjects.forEach((dependency) -> origins.add(topLevelName(dependency.getOriginClass())));
			}

		});
		return origins;
	}

	/**
	 * A rule's exceptions from pairs of a top-level class name and why it is excepted (which step removes it), in
	 * order of name.
	 */
	static Map<String, String> exceptions(String... namesAndReasons) {
		Map<String, String> reasons = new TreeMap<>();
		for (int i = 0; i < namesAndReasons.length; i += 2) {
			if (reasons.put(namesAndReasons[i], namesAndReasons[i + 1]) != null) {
				throw new IllegalArgumentException(namesAndReasons[i] + " is listed twice");
			}
		}
		return reasons;
	}

	/** The classes excepted from a rule: the listed top-level classes and their nested classes. */
	private static DescribedPredicate<JavaClass> listed(Map<String, String> excepted) {
		return DescribedPredicate.describe("excepted " + new TreeSet<>(excepted.keySet()),
				(type) -> excepted.containsKey(topLevelName(type)));
	}

	private static String topLevelName(JavaClass type) {
		String name = type.getName();
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

	private static String[] qualified(String base, List<String> packages) {
		return packages.stream().map((name) -> base + "." + name).toArray(String[]::new);
	}

	/**
	 * The package identifiers of one layer ({@code "a|b"}: two packages): each package with its subpackages, unless
	 * one of them is a layer of its own, then the package alone.
	 */
	private static String[] packagesOf(String prefix, String layer, List<String> layers) {
		Set<String> all = layers.stream()
			.flatMap((each) -> List.of(each.split("\\|")).stream())
			.collect(Collectors.toSet());
		return List.of(layer.split("\\|"))
			.stream()
			.map((name) -> all.stream().anyMatch((other) -> other.startsWith(name + ".")) ? prefix + name
					: prefix + name + "..")
			.toArray(String[]::new);
	}

	/** A class of an internal package (of core, evolution or events): not API, free to change. */
	static DescribedPredicate<JavaClass> internal(String base) {
		return DescribedPredicate.describe("internal (in " + base + "..internal..)",
				(type) -> type.getPackageName().startsWith(base + ".") && (type.getPackageName().endsWith(".internal")
						|| type.getPackageName().contains(".internal.")));
	}

	/**
	 * A class of core's internal packages that is not part of the port evolution uses ({@link #CORE_PORT} and
	 * {@link #PORT_CLASSES}).
	 */
	static DescribedPredicate<JavaClass> coreInternalBeyondThePort(String base) {
		String internal = base + ".core.internal";
		List<String> port = PORT_CLASSES.stream().map((name) -> internal + "." + name).toList();
		return DescribedPredicate.describe("core internals beyond the port (" + internal + "." + CORE_PORT + " and "
				+ port + ")", (type) -> {
					String name = type.getPackageName();
					if (!name.startsWith(internal + ".") || port.stream()
						.anyMatch((allowed) -> type.getName().equals(allowed)
								|| type.getName().startsWith(allowed + "$"))) {
						return false;
					}
					return CORE_PORT.stream()
						.noneMatch((allowed) -> name.equals(internal + "." + allowed)
								|| name.startsWith(internal + "." + allowed + "."));
				});
	}

	/**
	 * A class of the engine: internal, but not of the foundation below the API ({@code <base>.internal.*}).
	 */
	static DescribedPredicate<JavaClass> engine(String base) {
		DescribedPredicate<JavaClass> internal = internal(base);
		return DescribedPredicate.describe("of an engine (internal, not in " + base + ".internal..)",
				(type) -> internal.test(type) && !type.getPackageName().startsWith(base + ".internal."));
	}

	/**
	 * A class of the root package {@code <base>.core} that uses the engine's internal packages: the template, the
	 * transaction manager and whatever else sits on the layers rather than being an API value, exception or
	 * interface. Using the foundation below the API (the stored format's names, the transient-retry rule) makes no
	 * facade: the API stands on it.
	 */
	static DescribedPredicate<JavaClass> facade(String base) {
		DescribedPredicate<JavaClass> internal = engine(base);
		return DescribedPredicate.describe("a facade of " + base + ".core (a root class using internal packages)",
				(type) -> isRoot(base, type.getPackageName()) && type.getDirectDependenciesFromSelf()
					.stream()
					.anyMatch((dependency) -> internal.test(dependency.getTargetClass())));
	}

	/**
	 * Whether a package is the root of {@code core} or of a subsystem built on it with internal packages of its own
	 * ({@link #SUBSYSTEM_ROOTS}): an API over layers, which the layers may use the API values of.
	 */
	private static boolean isRoot(String base, String packageName) {
		return packageName.equals(base + ".core") || SUBSYSTEM_ROOTS.stream()
			.anyMatch((root) -> packageName.equals(base + "." + root));
	}

	/** The root package's types that are no facade: exceptions, interfaces, values the API hands out. */
	static DescribedPredicate<JavaClass> rootApi(String base) {
		DescribedPredicate<JavaClass> facade = facade(base);
		return DescribedPredicate.describe("the API of " + base + ".core (or of a subsystem's root)",
				(type) -> isRoot(base, type.getPackageName()) && !facade.test(type));
	}

	/**
	 * No cycles between packages. A dependency on the root's API (an exception a layer throws, an interface it
	 * implements) does not count: the root is the facade over the layers, and they may use its API, but nothing
	 * else of it ({@link #subpackagesUseOnlyTheRootsApi}).
	 */
	static ArchRule noPackageCycles(String base) {
		DescribedPredicate<JavaClass> rootApi = rootApi(base);
		return slices().matching(base + ".(**)")
			.namingSlices("$1")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(DescribedPredicate.alwaysTrue(), rootApi)
			.because("packages are layers: a package that needs another's types must not be needed by it");
	}

	/** The subpackages of {@code core} use the root's API only, never its facades. */
	static ArchRule subpackagesUseOnlyTheRootsApi(String base) {
		return noClasses().that()
			.resideInAPackage(base + ".core.(*)..")
			.should()
			.dependOnClassesThat(facade(base))
			.because("a layer is given what it needs and never calls back into the template");
	}

	/** {@code core} never depends on the repository support built on it. */
	static ArchRule coreDoesNotDependOnRepositories(String base) {
		return noClasses().that()
			.resideInAPackage(base + ".core..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(base + ".repository..")
			.because("Spring Data repository support is a layer above core");
	}

	/**
	 * {@code core} never depends on the evolution subsystem, its API or its internals: what core needs of it at run
	 * time (the drift of an index a query reads, whether a write's definitions are stale) it asks through an
	 * interface of its own that evolution implements ({@code core.schema.IndexDriftGuard}).
	 */
	static ArchRule coreDoesNotDependOnEvolution(String base) {
		return coreDoesNotDependOn(base, "evolution");
	}

	/**
	 * {@code core} never depends on a subsystem built on it ({@code evolution}, {@code events}).
	 */
	static ArchRule coreDoesNotDependOn(String base, String subsystem) {
		return noClasses().that()
			.resideInAPackage(base + ".core..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(base + "." + subsystem + "..")
			.because(subsystem + " is a subsystem above core, which reaches it only through the interfaces core "
					+ "defines");
	}

	/**
	 * A module built on core outside it (the repository support, {@code <base>.repository}; the console and the
	 * Kotlin extensions have this rule in their own tests) uses core through its API and its SPI,
	 * {@code <base>.core.spi}, the facades core opens for them; none of core's internal packages, nor the foundation
	 * below them ({@code <base>.internal.*}).
	 */
	static ArchRule usesCoreThroughItsApiAndSpi(String base, String module) {
		return noClasses().that()
			.resideInAPackage(base + "." + module + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(base + ".core.internal..", base + ".internal..")
			.because(module + " is built on core: it uses core's API and its SPI (" + base
					+ ".core.spi), so that core's internals and the foundation below them change without it");
	}

	/** The internal packages of evolution serve evolution only. */
	static ArchRule evolutionInternalsServeOnlyEvolution(String base) {
		return internalsServeOnly(base, "evolution");
	}

	/** The internal packages of a subsystem built on core serve that subsystem only. */
	static ArchRule internalsServeOnly(String base, String subsystem) {
		return noClasses().that()
			.resideOutsideOfPackage(base + "." + subsystem + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(base + "." + subsystem + ".internal..")
			.because("the engine of " + subsystem + " is internal to it: everything else uses its API ("
					+ base + "." + subsystem + ")");
	}

	/**
	 * Evolution uses core through its API and the narrow port of core's internals ({@link #CORE_PORT}), nothing
	 * else of them.
	 */
	static ArchRule evolutionUsesCoreThroughItsApiAndPort(String base) {
		return usesCoreThroughItsApiAndPort(base, "evolution");
	}

	/** A subsystem built on core uses it through its API and the port ({@link #CORE_PORT}), nothing else of it. */
	static ArchRule usesCoreThroughItsApiAndPort(String base, String subsystem) {
		return noClasses().that()
			.resideInAPackage(base + "." + subsystem + "..")
			.should()
			.dependOnClassesThat(coreInternalBeyondThePort(base))
			.because(subsystem + " is a layer above core: it sees core's API and the port core opens for it");
	}

	/**
	 * Evolution builds no driver, executor, client wrapper or other request machinery of core's {@code execution}
	 * package: it runs its plans on the template's own driver, which {@code core.internal.template.TemplateExecutors}
	 * hands out.
	 */
	static ArchRule evolutionSendsThroughTheTemplatesExecutor(String base) {
		return sendsThroughTheTemplatesExecutor(base, "evolution");
	}

	/** A subsystem built on core builds none of core's request machinery: it runs plans on the template's driver. */
	static ArchRule sendsThroughTheTemplatesExecutor(String base, String subsystem) {
		String execution = base + ".core.internal.execution";
		String direct = base + ".internal.direct";
		return noClasses().that()
			.resideInAPackage(base + "." + subsystem + "..")
			.should()
			.callConstructorWhere(DescribedPredicate.describe(
					"the constructor is of a class of " + execution + " or " + direct,
					(call) -> call.getTargetOwner().getPackageName().startsWith(execution)
							|| call.getTargetOwner().getPackageName().startsWith(direct)))
			.because("its requests must go through the template's client, exception translation and metrics "
					+ "rules, as the template's own do");
	}

	/**
	 * The public and protected members of public API types (outside the internal packages) name no internal type:
	 * in parameters, results, fields, type arguments, thrown exceptions, super types and their type arguments, the
	 * bounds of the type's own type parameters; nor do the public and protected members it inherits from a
	 * superclass that is not public itself (which the rule does not check on their own), reachable through it.
	 */
	static ArchRule apiSignaturesNameNoInternalType(String base) {
		DescribedPredicate<JavaClass> internal = internal(base);
		return classes().that()
			.resideInAPackage(base + "..")
			.and()
			.arePublic()
			.and(DescribedPredicate.not(internal))
			.should(nameNoInternalTypeInPublicSignatures(internal))
			.because("internal types are not API: an application must never need to import one");
	}

	private static ArchCondition<JavaClass> nameNoInternalTypeInPublicSignatures(
			DescribedPredicate<JavaClass> internal) {
		return new ArchCondition<>("name no internal type in public signatures") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (JavaClass parent : superTypes(type)) {
					if (internal.test(parent)) {
						events.add(SimpleConditionEvent.violated(type,
								type.getName() + " extends or implements internal " + parent.getName()));
					}
				}
				for (JavaClass argument : superTypeArgumentsAndBounds(type)) {
					if (internal.test(argument)) {
						events.add(SimpleConditionEvent.violated(type, type.getName()
								+ " names internal " + argument.getName() + " in a type argument or bound"));
					}
				}
				for (JavaMember member : visibleMembers(type)) {
					if (!visible(member)) {
						continue;
					}
					for (JavaClass involved : involvedTypes(member)) {
						if (internal.test(involved)) {
							String inherited = member.getOwner().equals(type) ? ""
									: type.getName() + " inherits ";
							events.add(SimpleConditionEvent.violated(type, inherited + member.getFullName()
									+ " names internal " + involved.getName() + " in its signature"));
						}
					}
				}
			}

		};
	}

	/**
	 * The raw types the type's generic super types and its own type parameters name, beyond the super types
	 * themselves: their type arguments and bounds.
	 */
	private static Set<JavaClass> superTypeArgumentsAndBounds(JavaClass type) {
		Set<JavaClass> involved = new HashSet<>();
		type.getSuperclass().ifPresent((parent) -> involved.addAll(parent.getAllInvolvedRawTypes()));
		type.getInterfaces().forEach((parent) -> involved.addAll(parent.getAllInvolvedRawTypes()));
		type.getTypeParameters().forEach((parameter) -> involved.addAll(parameter.getAllInvolvedRawTypes()));
		involved.removeAll(superTypes(type));
		return involved;
	}

	/**
	 * The members an application reaches through the type: its own, and those it inherits from superclasses that
	 * are not public (whose members the rule does not check otherwise).
	 */
	private static Set<JavaMember> visibleMembers(JavaClass type) {
		Set<JavaMember> members = new HashSet<>(type.getMembers());
		for (JavaClass parent : type.getAllRawSuperclasses()) {
			if (!parent.getModifiers().contains(JavaModifier.PUBLIC)) {
				parent.getMembers()
					.stream()
					.filter((member) -> !(member instanceof JavaConstructor))
					.forEach(members::add);
			}
		}
		return members;
	}

	private static Set<JavaClass> superTypes(JavaClass type) {
		Set<JavaClass> supers = type.getRawInterfaces().stream().collect(Collectors.toSet());
		type.getRawSuperclass().ifPresent(supers::add);
		return supers;
	}

	private static boolean visible(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

	private static Set<JavaClass> involvedTypes(JavaMember member) {
		if (member instanceof JavaCodeUnit codeUnit) {
			Set<JavaClass> types = codeUnit.getAllInvolvedRawTypes().stream().collect(Collectors.toSet());
			codeUnit.getThrowsClause().getTypes().forEach((thrown) -> types.add(thrown.toErasure()));
			return types;
		}
		if (member instanceof JavaField field) {
			JavaType fieldType = field.getType();
			return fieldType.getAllInvolvedRawTypes();
		}
		return Set.of();
	}

	/**
	 * No global mutable state: every static field of singletable's classes is final, so nothing is installed in a
	 * static place for another class to look up (a template hands what it is made of to whoever holds it,
	 * {@code core.TemplateWrapper}). A final static field may still hold a thread-safe shared resource.
	 */
	static ArchRule noStaticFieldIsReassignable(String base) {
		return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
			.that()
			.areDeclaredInClassesThat()
			.resideInAPackage(base + "..")
			.and()
			.areStatic()
			.should()
			.beFinal()
			.because("a static field set at run time is a global port: state every template, test and application in "
					+ "the JVM shares, installed once and looked up by all; pass what a class needs explicitly");
	}

	/**
	 * No class keeps state bound to a thread but the blocking API's documented {@code AuditScope}: what an operation
	 * needs travels with it (Micrometer's observation scope and Spring's transaction synchronization are the
	 * libraries' own).
	 * @param auditScope the fully qualified name of the one class allowed a {@link ThreadLocal}
	 */
	static ArchRule noThreadBoundStateButTheAuditScope(String auditScope) {
		return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
			.that()
			.doNotHaveFullyQualifiedName(auditScope)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(ThreadLocal.class)
			.because("state bound to a thread is lost on the reactive API and on helper threads; only the blocking"
					+ " API's AuditScope is documented as thread-bound");
	}

	/**
	 * The reactive internals adapt, they decide nothing (issue 51): no class of {@code core.internal.reactive} reads
	 * the blocking, thread-bound transaction binding (spring-tx's {@code org.springframework.transaction.support}),
	 * stamps an entity ({@code core.internal.item.Stamps}) or builds writes ({@code core.internal.write.build}, where
	 * the blocking callbacks are). Those rules live in the transaction, item and write layers, one copy for both APIs;
	 * the reactive side answers a plan's requests from the subscriber's context.
	 */
	static ArchRule reactiveInternalsOnlyAdapt(String base) {
		return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(base + ".core.internal.reactive..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.transaction.support..", base + ".core.internal.write.build..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(base + ".core.internal.item.Stamps")
			.because("a rule written in the reactive internals is a second copy of the blocking one; the reactive side"
					+ " only answers a plan's requests from the Reactor context (ARCHITECTURE.md)");
	}

}
