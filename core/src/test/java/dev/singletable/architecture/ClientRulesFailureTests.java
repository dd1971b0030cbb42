package dev.singletable.architecture;

import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ClientRules#clientsOnlyInDrivers} on {@code dev.singletable.archfixture}: {@code FixtureExecutor} uses a
 * client in the driver package, {@code FixtureEntryPoint} receives one, {@code FixtureClientHolder} calls one outside
 * the drivers. The rule fails on a client outside the drivers that is not listed, on an entry point that calls its
 * client, and on a listed class that no longer does what it is listed for, so the lists can only shrink.
 */
class ClientRulesFailureTests {

	private static final String BASE = "dev.singletable.archfixture";

	private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(BASE);

	private static final String HOLDER = BASE + ".core.FixtureClientHolder";

	private static final String ENTRY_POINT = BASE + ".core.FixtureEntryPoint";

	private static final String NO_CLIENT = BASE + ".core.FixtureTemplate";

	@Test
	void aClientOutsideTheDriverPackagesFails() {
		assertFails(ClientRules.clientsOnlyInDrivers(BASE, Map.of(), Map.of()),
				HOLDER + " references [DynamoDbClient] outside [core.internal.execution, internal.direct, events.internal.kcl] and calls "
						+ "[DynamoDbClient.listTables]",
				ENTRY_POINT + " references [DynamoDbClient] outside [core.internal.execution, internal.direct, events.internal.kcl]");
	}

	@Test
	void aClientInADriverPackagePasses() {
		JavaClasses driverOnly = new ClassFileImporter()
			.importClasses(dev.singletable.archfixture.core.internal.execution.FixtureExecutor.class);
		assertThatCode(() -> ClientRules.clientsOnlyInDrivers(BASE, Map.of(), Map.of()).check(driverOnly))
			.doesNotThrowAnyException();
	}

	@Test
	void listedEntryPointsAndKnownClientHoldersPass() {
		ArchRule rule = ClientRules.clientsOnlyInDrivers(BASE, Map.of(ENTRY_POINT, "takes the user's client"),
				Map.of(HOLDER, "calls it, until a driver does"));
		assertThatCode(() -> rule.check(FIXTURE)).doesNotThrowAnyException();
	}

	@Test
	void anEntryPointThatCallsItsClientFails() {
		assertFails(ClientRules.clientsOnlyInDrivers(BASE,
				Map.of(ENTRY_POINT, "takes the user's client", HOLDER, "takes the user's client"), Map.of()),
				"entry point " + HOLDER + " calls [DynamoDbClient.listTables]");
	}

	@Test
	void aKnownClientHolderThatReferencesNoClientAnyMoreFails() {
		assertFails(ClientRules.clientsOnlyInDrivers(BASE, Map.of(ENTRY_POINT, "takes the user's client"),
				Map.of(HOLDER, "calls it", NO_CLIENT, "called it once")),
				"known client holder " + NO_CLIENT + " references no client any more");
	}

	@Test
	void anEntryPointListedAsAKnownClientHolderFailsOnceItNoLongerCallsTheClient() {
		assertFails(ClientRules.clientsOnlyInDrivers(BASE, Map.of(ENTRY_POINT, "takes the user's client"),
				Map.of(HOLDER, "calls it", ENTRY_POINT, "called it once")),
				"known client holder " + ENTRY_POINT + " no longer calls a client");
	}

	@Test
	void anEntryPointThatReferencesNoClientAnyMoreFails() {
		assertFails(ClientRules.clientsOnlyInDrivers(BASE,
				Map.of(ENTRY_POINT, "takes the user's client", NO_CLIENT, "took it once"),
				Map.of(HOLDER, "calls it")), "entry point " + NO_CLIENT + " references no client any more");
	}

	private static void assertFails(ArchRule rule, String... named) {
		assertThatThrownBy(() -> rule.check(FIXTURE)).isInstanceOf(AssertionError.class)
			.message()
			.contains(named);
	}

}
