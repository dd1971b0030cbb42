package dev.singletable.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.HeuristicCompletionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.util.Assert;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.SingleTableTransactionObject;
import dev.singletable.core.internal.transaction.ThreadCaller;
import dev.singletable.core.internal.transaction.TransactionRules;

/**
 * A Spring {@link org.springframework.transaction.PlatformTransactionManager} for one
 * {@link SingleTableDatabaseFactory}: the writes made through every {@link SingleTableTemplate} built on the factory
 * (and the repositories built on those) inside a Spring-managed transaction are collected, not sent, and go to
 * DynamoDB together as one {@code TransactWriteItems} when the transaction commits, all or nothing. A rollback sends
 * nothing.
 *
 * <pre class="code">
 * &#64;Bean
 * SingleTableTransactionManager singleTableTransactionManager(SingleTableDatabaseFactory databaseFactory) {
 *     return new SingleTableTransactionManager(databaseFactory);
 * }
 * </pre>
 *
 * Semantics, since DynamoDB is not a database with sessions:
 * <ul>
 * <li>Reads inside a transaction see the store, not the transaction's pending writes.</li>
 * <li>One DynamoDB transaction holds at most 100 items; the template refuses more, naming the writes, and nothing
 * is sent.</li>
 * <li>A failed commit (a stale version, an existing or missing item, a failed condition) throws the template's
 * typed exception, a {@link org.springframework.dao.DataAccessException} such as
 * {@link TransactionCancelledException}, and nothing was written.</li>
 * <li>A commit whose answer is lost after every retry may have been applied: it fails with Spring's
 * {@link HeuristicCompletionException} of outcome {@code STATE_UNKNOWN}, whose cause, a
 * {@link CommitOutcomeUnknownException}, names the client request token (retrying the same transaction with it
 * within 10 minutes is idempotent); synchronizations are told {@code STATUS_UNKNOWN}.</li>
 * <li>Propagation {@code REQUIRED}, {@code REQUIRES_NEW}, {@code SUPPORTS}, {@code NOT_SUPPORTED} and
 * {@code MANDATORY} behave as Spring defines them; the others are refused before the method runs: {@code NESTED}
 * ({@link NestedTransactionNotSupportedException}), DynamoDB having no savepoints, and {@code NEVER}
 * ({@link IllegalTransactionStateException}; {@code NOT_SUPPORTED} runs without a transaction). Isolation levels other than the default are refused: DynamoDB serializes the transaction's writes,
 * and its reads are never isolated.</li>
 * <li>In a read-only transaction every write fails at once ({@link org.springframework.dao.InvalidDataAccessApiUsageException}), and
 * nothing is sent.</li>
 * <li>A timeout is checked when the transaction commits: a transaction past its deadline sends nothing.</li>
 * <li>Synchronizations run around the write: {@code beforeCommit} callbacks may still add writes,
 * {@code afterCommit} ones (and {@code @TransactionalEventListener(phase = AFTER_COMMIT)}) run once DynamoDB has
 * accepted it; writes they make are sent at once.</li>
 * </ul>
 * A transaction is bound to the thread under the database factory as key (Spring Data MongoDB's manager binds its
 * session under its {@code MongoDatabaseFactory} alike): each template built on the factory finds it there and joins
 * it, whichever template or manager began it; the writes of a template on another factory (another table) are not
 * part of it. The manager depends on the factory only, never on a template, and
 * {@link SingleTableTemplate#transaction template.transaction(..)} runs through it once the template is given it
 * ({@link SingleTableTemplate#setTransactionManager}, which Spring Boot does for the manager of the template's
 * factory). When the application has several transaction managers, select this one with
 * {@link SingleTableTransactional @SingleTableTransactional} or
 * {@code @Transactional("singleTableTransactionManager")}.
 */
public class SingleTableTransactionManager extends AbstractPlatformTransactionManager
		implements ResourceTransactionManager {

	/**
	 * The bean name the Spring Boot auto-configuration gives its transaction manager, and the one
	 * {@link SingleTableTransactional @SingleTableTransactional} selects.
	 */
	public static final String BEAN_NAME = "singleTableTransactionManager";

	private final SingleTableDatabaseFactory databaseFactory;

	/**
	 * Creates a transaction manager for the writes of the templates built on the given database factory.
	 * @param databaseFactory the factory whose templates' writes the transactions collect; must not be
	 * {@literal null}
	 * @see SingleTableTemplate#getDatabaseFactory()
	 */
	public SingleTableTransactionManager(SingleTableDatabaseFactory databaseFactory) {
		Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
		this.databaseFactory = databaseFactory;
		// NESTED reaches createSavepoint() and fails there with a message of ours instead of Spring's generic one
		setNestedTransactionAllowed(true);
		// Nothing of a failed commit reached the table (DynamoDB transactions are all or nothing): report a rollback
		setRollbackOnCommitFailure(true);
	}

	/**
	 * Returns the database factory whose templates' writes this manager's transactions collect, the key its
	 * transactions are bound to the thread under.
	 * @return the database factory
	 */
	@Override
	public SingleTableDatabaseFactory getResourceFactory() {
		return this.databaseFactory;
	}

	@Override
	protected Object doGetTransaction() {
		return new SingleTableTransactionObject(TransactionSynchronizationManager.getResource(this.databaseFactory));
	}

	/**
	 * Refuses propagation {@code NEVER} where Spring would run the method without a transaction: singletable
	 * supports {@code REQUIRED}, {@code REQUIRES_NEW}, {@code SUPPORTS}, {@code NOT_SUPPORTED} and {@code MANDATORY}
	 * (inside a transaction Spring refuses {@code NEVER} itself).
	 */
	@Override
	protected void prepareSynchronization(DefaultTransactionStatus status, TransactionDefinition definition) {
		TransactionRules.refuseNever(definition);
		super.prepareSynchronization(status, definition);
	}

	@Override
	protected boolean isExistingTransaction(Object transaction) {
		return SingleTableTransactionObject.of(transaction).isExisting();
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		TransactionSynchronizationManager.bindResource(this.databaseFactory,
				SingleTableTransactionObject.of(transaction).begin(definition, determineTimeout(definition)));
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		// Writes made once the transaction is over (in afterCommit callbacks, AFTER_COMMIT listeners) are sent at
		// once rather than joining a transaction that was already sent
		TransactionSynchronizationManager.unbindResourceIfPossible(this.databaseFactory);
		CollectedWrites writes = SingleTableTransactionObject.of(status.getTransaction())
			.toCommit(logger, status.isDebug());
		// A cancellation comes as the template's typed DataAccessException (TransactionCancelledException, ...):
		// users of @Transactional catch those, so it is not wrapped
		try {
			ThreadCaller.commit(writes);
		}
		catch (CommitOutcomeUnknownException ex) {
			throw outcomeUnknown(status, ex);
		}
	}

	/**
	 * The commit's answer was lost: the transaction may have been applied. Spring reports every
	 * {@code TransactionException} of a commit as a rollback to the synchronizations while rollback on commit
	 * failure is on (as it is here: any other failed commit wrote nothing), so they are told
	 * {@code STATUS_UNKNOWN} here, and Spring finds none left to tell.
	 */
	private static HeuristicCompletionException outcomeUnknown(DefaultTransactionStatus status,
			CommitOutcomeUnknownException ex) {
		if (status.isNewSynchronization() && TransactionSynchronizationManager.isSynchronizationActive()) {
			List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
			TransactionSynchronizationManager.clearSynchronization();
			TransactionSynchronizationManager.initSynchronization();
			TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations,
					TransactionSynchronization.STATUS_UNKNOWN);
		}
		return new HeuristicCompletionException(HeuristicCompletionException.STATE_UNKNOWN, ex);
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.databaseFactory);
		SingleTableTransactionObject.of(status.getTransaction()).rollback(logger, status.isDebug());
	}

	@Override
	protected void doSetRollbackOnly(DefaultTransactionStatus status) {
		SingleTableTransactionObject.of(status.getTransaction()).setRollbackOnly();
	}

	@Override
	protected Object doSuspend(Object transaction) {
		SingleTableTransactionObject.of(transaction).suspend();
		return TransactionSynchronizationManager.unbindResource(this.databaseFactory);
	}

	@Override
	protected void doResume(@Nullable Object transaction, Object suspendedResources) {
		TransactionSynchronizationManager.bindResource(this.databaseFactory, suspendedResources);
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.databaseFactory);
		SingleTableTransactionObject.of(transaction).complete();
	}

	@Override
	public String toString() {
		return "SingleTableTransactionManager[" + this.databaseFactory + "]";
	}

}
