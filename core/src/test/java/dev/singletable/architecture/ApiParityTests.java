package dev.singletable.architecture;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.singletable.core.SingleTableAccessor;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.reactive.ReactiveSingleTableAccessor;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocking and the reactive API offer the same capabilities: their operations and transaction interfaces are
 * equal method by method ({@link ApiParity}: names, parameters, {@code Mono}/{@code Flux} results), and both
 * templates are configured in the same place, their accessors, through setters of the same names, the templates
 * declaring nothing but their operations. What differs is named in the short lists below, each entry with why; a new
 * asymmetry fails here, and so does an entry no longer needed. {@link ApiParityFailureTests} shows the comparison
 * failing on a planted asymmetry.
 */
class ApiParityTests {

	/** The blocking API types that stand, in a parameter or result, for a reactive one. */
	static final Map<String, String> COUNTERPARTS = Map.of(SingleTableTransaction.class.getName(),
			ReactiveSingleTableTransaction.class.getName(), SingleTableQuery.class.getName(),
			ReactiveSingleTableQuery.class.getName());

	/** The methods of the operations interfaces that differ, and why. */
	static final Map<String, String> OPERATIONS_THAT_DIFFER = Map.of("transaction",
			"the work is a Consumer of the blocking transaction, and a Function returning the Publisher the reactive "
					+ "transaction runs while it is open",
			"inTransaction", "the work returns the value itself on the blocking transaction, and the Mono of it the "
					+ "reactive transaction runs while it is open (the result is the value, and a Mono of it)");

	/** The methods of the transaction interfaces that differ, and why: none. */
	static final Map<String, String> TRANSACTION_METHODS_THAT_DIFFER = Map.of();

	/** The configuration only the blocking template has, and why. */
	static final Map<String, String> BLOCKING_ONLY_CONFIGURATION = Map.of(
			"setMaxConcurrentRequests", "the blocking template sends a step's requests side by side on helper threads;"
					+ " the reactive one sends them all at once, by demand",
			"setStreamPrefetch", "only a blocking stream reads its next page on a helper thread; a Flux reads by demand",
			"destroy", "it stops the blocking template's helper threads; the reactive template has none",
			"unwrap", "only the blocking template hands its driver to the modules built on core (evolution, events), "
					+ "and its plans to a reactive template built on it (core.TemplateWrapper)");

	/** The configuration only the reactive template has, and why. */
	static final Map<String, String> REACTIVE_ONLY_CONFIGURATION = Map.of(
			"setReactiveAuditorAware", "an auditor that does not block exists only for the reactive API",
			"setAfterConvertCallbacks", "the blocking setEntityCallbacks carries the after-convert callbacks with the "
					+ "others; the reactive one takes ReactiveEntityCallbacks, which cannot run inside a read's plan");

	@Test
	void theOperationsInterfacesAreEqualButForTheListedMethods() {
		assertEqualBut(SingleTableOperations.class, ReactiveSingleTableOperations.class, OPERATIONS_THAT_DIFFER);
	}

	@Test
	void theTransactionInterfacesAreEqualButForTheListedMethods() {
		assertEqualBut(SingleTableTransaction.class, ReactiveSingleTableTransaction.class,
				TRANSACTION_METHODS_THAT_DIFFER);
	}

	@Test
	void bothTemplatesAreConfiguredOnTheirAccessorsWithTheSameSettersButTheListedOnes() {
		Set<String> blocking = ApiParity.declaredNames(SingleTableAccessor.class);
		Set<String> reactive = ApiParity.declaredNames(ReactiveSingleTableAccessor.class);
		Set<String> blockingOnly = new TreeSet<>(blocking);
		blockingOnly.removeAll(reactive);
		Set<String> reactiveOnly = new TreeSet<>(reactive);
		reactiveOnly.removeAll(blocking);
		assertThat(blockingOnly).as("public methods of SingleTableAccessor alone; add them to the reactive accessor "
				+ "(or, with a reason, to BLOCKING_ONLY_CONFIGURATION)")
			.isEqualTo(BLOCKING_ONLY_CONFIGURATION.keySet());
		assertThat(reactiveOnly).as("public methods of ReactiveSingleTableAccessor alone; add them to the blocking "
				+ "accessor (or, with a reason, to REACTIVE_ONLY_CONFIGURATION)")
			.isEqualTo(REACTIVE_ONLY_CONFIGURATION.keySet());
	}

	@Test
	void theTemplatesDeclareNothingButTheirOperations() {
		assertThat(ApiParity.declaredNames(SingleTableTemplate.class))
			.as("public methods of SingleTableTemplate that are no operation: configuration goes on the accessor")
			.isSubsetOf(ApiParity.declaredNames(SingleTableOperations.class));
		assertThat(ApiParity.declaredNames(ReactiveSingleTableTemplate.class))
			.as("public methods of ReactiveSingleTableTemplate that are no operation: configuration goes on the "
					+ "accessor")
			.isSubsetOf(ApiParity.declaredNames(ReactiveSingleTableOperations.class));
	}

	private static void assertEqualBut(Class<?> blocking, Class<?> reactive, Map<String, String> allowed) {
		Map<String, String> asymmetries = ApiParity.asymmetries(blocking, reactive, COUNTERPARTS);
		assertThat(asymmetries.keySet())
			.as("methods that differ between %s and %s: make them equal (or, with a reason, list them): %s",
					blocking.getSimpleName(), reactive.getSimpleName(), asymmetries)
			.isSubsetOf(allowed.keySet());
		assertThat(allowed.keySet()).as("listed as differing between %s and %s, but equal now: take them off the list",
				blocking.getSimpleName(), reactive.getSimpleName())
			.isSubsetOf(asymmetries.keySet());
	}

}
