package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.autoconfigure.transaction.TransactionManagerDisabledException;

/**
 * Explains a start-up refused because {@code @Transactional} methods would run without a transaction, their
 * singletable transaction manager switched off by {@code singletable.transaction.enabled=false} or
 * {@code singletable.transaction.reactive.enabled=false}: names each method and the property.
 */
class TransactionManagerDisabledFailureAnalyzer extends AbstractFailureAnalyzer<TransactionManagerDisabledException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TransactionManagerDisabledException cause) {
		return new FailureAnalysis(TransactionManagerDisabledException.describe(cause.getOffences()),
				TransactionManagerDisabledException.action(cause.getOffences()), cause);
	}

}
