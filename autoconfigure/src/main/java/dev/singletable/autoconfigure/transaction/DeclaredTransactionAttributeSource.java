package dev.singletable.autoconfigure.transaction;

import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;

/**
 * Spring's default transaction attribute source, as {@code ProxyTransactionManagementConfiguration} makes it
 * (protected methods accepted, the same annotation parsers), that also tells the transaction advisor's class filter to
 * pass over a class none of whose types declares a transaction annotation ({@link TransactionalDeclarations}). Spring's
 * own answer is {@code true} for any class outside {@code java.*}, so the auto-proxy creator asked this source for an
 * attribute for every method of every later bean: the SDK's {@code DynamoDbClient} alone has some 420. A search of a
 * type hierarchy for a transaction annotation only finds one that a type of the hierarchy declares, so every
 * attribute it would have found is still found; classes it passes over had none. Shared by the advisor and the
 * interceptor on every thread, its answers are kept in concurrent maps.
 */
@SuppressWarnings("serial")
final class DeclaredTransactionAttributeSource extends AnnotationTransactionAttributeSource {

	private final TransactionalDeclarations declarations = TransactionalDeclarations.sharedOfAttributeSourceAnnotations();

	DeclaredTransactionAttributeSource() {
		super(false);
	}

	/** The declarations the class filter reads, shared with the transaction checks of the same application. */
	TransactionalDeclarations declarations() {
		return this.declarations;
	}

	@Override
	public boolean isCandidateClass(Class<?> targetClass) {
		return super.isCandidateClass(targetClass) && this.declarations.mayBeTransactional(targetClass);
	}

}
