package dev.singletable.autoconfigure.transaction.accounts;

import java.util.concurrent.Callable;

import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.SingleTableTransactional;

/**
 * Runs work in Spring transactions of every kind the checks need: each method is one transaction attribute, so a
 * test composes propagation by calling them from inside each other.
 */
public class Transactions {

	/**
	 * Runs work in a {@code REQUIRED} transaction.
	 * @param work the work
	 */
	@Transactional
	public void required(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a {@code REQUIRED} transaction and returns its result.
	 * @param work the work
	 * @param <T> the result type
	 * @return the result
	 * @throws Exception what the work throws
	 */
	@Transactional
	public <T> T requiredCalling(Callable<T> work) throws Exception {
		return work.call();
	}

	/**
	 * Runs work in a transaction that also rolls back for checked exceptions.
	 * @param work the work
	 * @param <T> the result type
	 * @return the result
	 * @throws Exception what the work throws
	 */
	@Transactional(rollbackFor = Exception.class)
	public <T> T rollingBackForCheckedExceptions(Callable<T> work) throws Exception {
		return work.call();
	}

	/**
	 * Runs work in a transaction that commits when it throws an {@link IllegalArgumentException}.
	 * @param work the work
	 */
	@Transactional(noRollbackFor = IllegalArgumentException.class)
	public void committingDespiteIllegalArguments(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a transaction of its own.
	 * @param work the work
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void requiresNew(Runnable work) {
		work.run();
	}

	/**
	 * Runs work outside any transaction.
	 * @param work the work
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void notSupported(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in the caller's transaction, if any.
	 * @param work the work
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public void supports(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in the caller's transaction, which must exist.
	 * @param work the work
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void mandatory(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a nested transaction, which singletable refuses.
	 * @param work the work
	 */
	@Transactional(propagation = Propagation.NESTED)
	public void nested(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a serializable transaction, which singletable refuses.
	 * @param work the work
	 */
	@Transactional(isolation = Isolation.SERIALIZABLE)
	public void serializable(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a read-only transaction.
	 * @param work the work
	 */
	@Transactional(readOnly = true)
	public void readOnly(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a transaction of at most one second.
	 * @param work the work
	 */
	@Transactional(timeout = 1)
	public void withinOneSecond(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a transaction of the singletable manager, named by qualifier.
	 * @param work the work
	 */
	@Transactional(SingleTableTransactionManager.BEAN_NAME)
	public void qualified(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a transaction of the singletable manager, selected by its annotation.
	 * @param work the work
	 */
	@SingleTableTransactional
	public void ours(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a new transaction of the singletable manager.
	 * @param work the work
	 */
	@SingleTableTransactional(propagation = Propagation.REQUIRES_NEW)
	public void oursRequiresNew(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a read-only transaction of the singletable manager.
	 * @param work the work
	 */
	@SingleTableTransactional(readOnly = true)
	public void oursReadOnly(Runnable work) {
		work.run();
	}

	/**
	 * Runs work in a transaction of the singletable manager that rolls back for checked exceptions too.
	 * @param work the work
	 * @param <T> the result type
	 * @return the result
	 * @throws Exception what the work throws
	 */
	@SingleTableTransactional(rollbackFor = Exception.class)
	public <T> T oursRollingBackForCheckedExceptions(Callable<T> work) throws Exception {
		return work.call();
	}

	/**
	 * Runs work in a transaction of the singletable manager that ends after one second.
	 * @param work the work
	 */
	@SingleTableTransactional(timeout = 1)
	public void oursWithinOneSecond(Runnable work) {
		work.run();
	}

}
