package dev.singletable.archfixture.core.internal.reactive;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Broken: a reactive adapter deciding by the blocking transaction bound to the thread, a rule of its own. */
public class DecidingAdapter {

	boolean blockingTransactionBound() {
		return !TransactionSynchronizationManager.getResourceMap().isEmpty();
	}

}
