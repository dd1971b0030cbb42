package dev.singletable.architecture;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Only drivers touch the SDK clients: planning code returns the next request and accepts the answer (as
 * {@code PartitionMerge} does), and a driver sends it. A class outside {@link #DRIVER_PACKAGES} that references a
 * client ({@link #CLIENT_TYPES}) fails the rule, unless it is listed as one of two kinds, each with its reason:
 * <ul>
 * <li>an entry point: a public type that receives the user's client (a constructor or factory taking a
 * {@code DynamoDbClient}) and hands it on. It may name the client in its signatures and fields, but not call it;</li>
 * <li>a known client holder: a class that references a client today and will not once the write engine's drivers
 * send its requests. The list can only shrink: a listed holder that references no client any more fails the rule
 * until it is taken off the list (and an entry point that is also a listed holder fails once it no longer calls the
 * client itself: it is then an entry point only).</li>
 * </ul>
 * An entry point that references no client any more fails too. Inner and anonymous classes count as their top-level
 * class. The rules take the base package so that {@link ClientRulesFailureTests} can show them failing on a fixture.
 */
final class ClientRules {

	/**
	 * The packages, under {@code <base>.}, whose classes may use the clients: the drivers that send requests (the
	 * template's; those of the public types that take a user's client, in the foundation), and the KCL's wiring, which hands the lease table's client to the KCL that reads the stream.
	 */
	static final List<String> DRIVER_PACKAGES = List.of("core.internal.execution", "internal.direct",
			"events.internal.kcl");

	/** The SDK clients only drivers may use. */
	static final Set<String> CLIENT_TYPES = Set.of("software.amazon.awssdk.services.dynamodb.DynamoDbClient",
			"software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient",
			"software.amazon.awssdk.services.s3.S3Client", "software.amazon.awssdk.services.s3.S3AsyncClient");

	private ClientRules() {
	}

	/**
	 * No class of {@code <base>..} outside the driver packages references a client, except the entry points (which
	 * may only receive and hand it on) and the known holders; both lists map a top-level class name to its reason,
	 * and each listed class must still reference a client.
	 */
	static ArchRule clientsOnlyInDrivers(String base, Map<String, String> entryPoints,
			Map<String, String> knownHolders) {
		return classes().that()
			.resideInAPackage(base + "..")
			.should(referenceClientsOnlyAsListed(base, entryPoints, knownHolders))
			.because("only drivers send requests: planning code returns the next request and accepts the answer");
	}

	private static ArchCondition<JavaClass> referenceClientsOnlyAsListed(String base, Map<String, String> entryPoints,
			Map<String, String> knownHolders) {
		return new ArchCondition<>("reference " + String.join(", ", simpleNames(CLIENT_TYPES)) + " only in "
				+ DRIVER_PACKAGES + ", a listed entry point or a listed known client holder") {

			/** Per top-level class outside the drivers: the client types it references. */
			private final Map<String, Set<String>> referenced = new TreeMap<>();

			/** Per top-level class outside the drivers: the members of clients it calls. */
			private final Map<String, Set<String>> called = new TreeMap<>();

			/** A class of each top-level class, to report on. */
			private final Map<String, JavaClass> reported = new TreeMap<>();

			@Override
			public void init(Collection<JavaClass> allObjectsToTest) {
				this.referenced.clear();
				this.called.clear();
				this.reported.clear();
			}

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				if (inDriverPackage(base, type)) {
					return;
				}
				String topLevel = topLevelName(type);
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getName();
					if (CLIENT_TYPES.contains(target)) {
						this.referenced.computeIfAbsent(topLevel, (name) -> new TreeSet<>()).add(simpleName(target));
						this.reported.putIfAbsent(topLevel, type);
					}
				}
				for (JavaAccess<?> access : type.getAccessesFromSelf()) {
					String owner = access.getTargetOwner().getName();
					if (CLIENT_TYPES.contains(owner)) {
						this.called.computeIfAbsent(topLevel, (name) -> new TreeSet<>())
							.add(simpleName(owner) + "." + access.getName());
					}
				}
			}

			@Override
			public void finish(ConditionEvents events) {
				this.referenced.forEach((name, clients) -> {
					JavaClass type = this.reported.get(name);
					Set<String> calls = this.called.getOrDefault(name, Set.of());
					if (knownHolders.containsKey(name)) {
						return;
					}
					if (!entryPoints.containsKey(name)) {
						events.add(SimpleConditionEvent.violated(type, name + " references " + clients
								+ " outside " + DRIVER_PACKAGES + (calls.isEmpty() ? "" : " and calls " + calls)
								+ ": only drivers use clients (or list it as an entry point that receives the user's "
								+ "client)"));
					}
					else if (!calls.isEmpty()) {
						events.add(SimpleConditionEvent.violated(type, "entry point " + name + " calls " + calls
								+ ": an entry point only receives the user's client and hands it on to a driver"));
					}
				});
				knownHolders.keySet().forEach((name) -> {
					if (!this.referenced.containsKey(name)) {
						events.add(SimpleConditionEvent.violated(name, "known client holder " + name
								+ " references no client any more: take it off the list of known client holders"));
					}
					else if (entryPoints.containsKey(name) && !this.called.containsKey(name)) {
						events.add(SimpleConditionEvent.violated(name, "known client holder " + name
								+ " no longer calls a client: it is an entry point only, take it off the list of known "
								+ "client holders"));
					}
				});
				entryPoints.keySet().forEach((name) -> {
					if (!this.referenced.containsKey(name)) {
						events.add(SimpleConditionEvent.violated(name, "entry point " + name
								+ " references no client any more: take it off the list of entry points"));
					}
				});
			}

		};
	}

	private static boolean inDriverPackage(String base, JavaClass type) {
		String name = type.getPackageName();
		return DRIVER_PACKAGES.stream()
			.map((driver) -> base + "." + driver)
			.anyMatch((driver) -> name.equals(driver) || name.startsWith(driver + "."));
	}

	private static String topLevelName(JavaClass type) {
		String name = type.getName();
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

	private static String simpleName(String name) {
		return name.substring(name.lastIndexOf('.') + 1);
	}

	private static Set<String> simpleNames(Set<String> names) {
		Set<String> simple = new TreeSet<>();
		names.forEach((name) -> simple.add(simpleName(name)));
		return simple;
	}

}
