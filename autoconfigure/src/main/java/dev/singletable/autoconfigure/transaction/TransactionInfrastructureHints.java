package dev.singletable.autoconfigure.transaction;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;

/**
 * The runtime hints Spring's {@code ProxyTransactionManagementConfiguration} imports for the transaction attributes'
 * enums (their fields read reflectively when {@code @Transactional} is parsed in a native image). That configuration is
 * no longer defined once {@link TransactionInfrastructurePostProcessor} has redefined its beans, so these hints are
 * registered in its place, through {@code META-INF/spring/aot.factories}: Spring reads that file only at
 * {@code process-aot}, where an {@code @ImportRuntimeHints} on the advisor's factory method was also read at every start
 * (an annotation proxy, its class spun, and the registrar's class loaded).
 */
final class TransactionInfrastructureHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection()
			.registerTypes(TypeReference.listOf(Isolation.class, Propagation.class),
					TypeHint.builtWith(MemberCategory.ACCESS_DECLARED_FIELDS));
	}

}
