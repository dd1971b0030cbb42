package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.autoconfigure.transaction.ReactiveMethodInBlockingTransactionException;

/**
 * Explains a start-up refused because {@code @Transactional} methods returning a publisher (or Kotlin
 * {@code suspend} functions, described as {@code suspend fun createTwo(Task, Task)}), of beans that reach reactive
 * singletable operations, resolve to a blocking transaction manager: names each bean, method and manager, and the
 * fix, {@code @ReactiveSingleTableTransactional}.
 */
class ReactiveMethodInBlockingTransactionFailureAnalyzer
		extends AbstractFailureAnalyzer<ReactiveMethodInBlockingTransactionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ReactiveMethodInBlockingTransactionException cause) {
		return new FailureAnalysis(ReactiveMethodInBlockingTransactionException.describe(cause.getOffences()),
				ReactiveMethodInBlockingTransactionException.action(cause.getOffences()), cause);
	}

}
