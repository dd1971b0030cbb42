package dev.singletable.architecture;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of singletable's {@code core}, for a base package: {@code <base>.core} holds the API (the
 * operations interface, the template and transaction manager, exceptions, values users see) and is the facade over
 * the internal packages {@code <base>.core.internal.*}; the other subpackages of {@code core} ({@code mapping},
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
	 * The packages of core's internals that the evolution subsystem may use: plans of requests ({@code plan}), the
	 * stored item's attributes and layout ({@code format}, {@code item}), the write path's condition failures and
	 * audit switch ({@code write}); beyond them, only the classes of {@link #PORT_CLASSES}.
	 */
	static final List<String> CORE_PORT = List.of("format", "item", "plan", "write");

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
	 * A class of the root package {@code <base>.core} that uses internal packages: the template, the transaction
	 * manager and whatever else sits on the layers rather than being an API value, exception or interface.
	 */
	static DescribedPredicate<JavaClass> facade(String base) {
		DescribedPredicate<JavaClass> internal = internal(base);
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
		return noClasses().that()
			.resideInAPackage(base + "." + subsystem + "..")
			.should()
			.callConstructorWhere(DescribedPredicate.describe("the constructor is of a class of " + execution,
					(call) -> call.getTargetOwner().getPackageName().startsWith(execution)))
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

}
