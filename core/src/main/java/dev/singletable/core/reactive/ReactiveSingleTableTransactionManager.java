package dev.singletable.core.reactive;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.HeuristicCompletionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.internal.reactive.ReactorCaller;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.SingleTableTransactionObject;
import dev.singletable.core.internal.transaction.TransactionRules;
import reactor.core.publisher.Mono;

/**
 * A Spring {@link ReactiveTransactionManager} for one {@link ReactiveSingleTableDatabaseFactory}, the reactive
 * counterpart of {@link SingleTableTransactionManager}: the writes made through every
 * {@link ReactiveSingleTableTemplate} built on the factory inside a reactive Spring-managed transaction — a
 * {@code @Transactional} method returning a {@code Mono} or {@code Flux}, a
 * {@link org.springframework.transaction.reactive.TransactionalOperator TransactionalOperator},
 * {@link ReactiveSingleTableTemplate#transaction template.transaction(..)} — are collected, not sent, and go to
 * DynamoDB together as one {@code TransactWriteItems} on the async client when the transaction commits, all or
 * nothing. A rollback sends nothing.
 *
 * <pre class="code">
 * &#64;Bean
 * ReactiveSingleTableTransactionManager reactiveSingleTableTransactionManager(ReactiveSingleTableDatabaseFactory factory) {
 *     return new ReactiveSingleTableTransactionManager(factory);
 * }
 * </pre>
 *
 * The transaction is bound in the transaction context Spring keeps in the subscriber's Reactor context, under the
 * database factory as key: each reactive template built on the factory finds it there and joins it. The semantics
 * are the blocking manager's:
 * <ul>
 * <li>Reads inside a transaction see the store, not the transaction's pending writes.</li>
 * <li>At most 100 items and one operation per item; a write that would exceed either fails at once, naming the
 * writes, and nothing is sent.</li>
 * <li>A cancelled commit fails with {@link TransactionCancelledException} (per operation: the entity and why), and
 * nothing was written; synchronizations are told the transaction rolled back.</li>
 * <li>A commit whose answer was lost fails with {@link HeuristicCompletionException} of outcome
 * {@code STATE_UNKNOWN}, caused by a {@link CommitOutcomeUnknownException} naming the client request token;
 * synchronizations are told {@code STATUS_UNKNOWN}.</li>
 * <li>Propagation {@code REQUIRED}, {@code REQUIRES_NEW}, {@code SUPPORTS}, {@code NOT_SUPPORTED} and
 * {@code MANDATORY} behave as Spring defines them; {@code NESTED} ({@link NestedTransactionNotSupportedException})
 * and {@code NEVER} ({@link IllegalTransactionStateException}) are refused before the work is subscribed, and so are
 * isolation levels other than the default.</li>
 * <li>In a read-only transaction every write fails at once, and nothing is sent.</li>
 * <li>A timeout is checked at the commit: a transaction past its deadline sends nothing. A participating
 * transaction that marked the transaction rollback-only makes the commit fail with
 * {@link UnexpectedRollbackException}, and nothing is sent.</li>
 * </ul>
 * When the application has several transaction managers, select this one by name
 * ({@code @Transactional("reactiveSingleTableTransactionManager")}, {@value #BEAN_NAME}): Spring picks a default
 * transaction manager by type, not by the method's return type.
 * <p>
 * It extends no Spring base class itself: it runs Spring's {@link AbstractReactiveTransactionManager} workflow
 * through a private subclass, and refuses propagation {@code NEVER} before handing a definition to it (the base class
 * never shows a definition that begins no transaction to its subclasses).
 */
public class ReactiveSingleTableTransactionManager implements ReactiveTransactionManager, ConfigurableTransactionManager {

	/**
	 * The bean name the Spring Boot auto-configuration gives its reactive transaction manager.
	 */
	public static final String BEAN_NAME = "reactiveSingleTableTransactionManager";

	private final ReactiveSingleTableDatabaseFactory databaseFactory;

	private final Workflow workflow = new Workflow();

	/**
	 * Creates a transaction manager for the writes of the reactive templates built on the given database factory.
	 * @param databaseFactory the factory whose templates' writes the transactions collect; must not be
	 * {@literal null}
	 */
	public ReactiveSingleTableTransactionManager(ReactiveSingleTableDatabaseFactory databaseFactory) {
		Assert.notNull(databaseFactory, "ReactiveSingleTableDatabaseFactory must not be null");
		this.databaseFactory = databaseFactory;
	}

	/**
	 * Returns the database factory whose templates' writes this manager's transactions collect, the key its
	 * transactions are bound under.
	 * @return the database factory
	 */
	public ReactiveSingleTableDatabaseFactory getResourceFactory() {
		return this.databaseFactory;
	}

	@Override
	public Mono<ReactiveTransaction> getReactiveTransaction(@Nullable TransactionDefinition definition) {
		TransactionDefinition given = (definition != null) ? definition : TransactionDefinition.withDefaults();
		try {
			TransactionRules.refuseNever(given);
		}
		catch (IllegalTransactionStateException ex) {
			return Mono.error(ex);
		}
		return this.workflow.getReactiveTransaction(given);
	}

	@Override
	public Mono<Void> commit(ReactiveTransaction transaction) {
		return this.workflow.commit(transaction);
	}

	@Override
	public Mono<Void> rollback(ReactiveTransaction transaction) {
		return this.workflow.rollback(transaction);
	}

	@Override
	public void setTransactionExecutionListeners(Collection<TransactionExecutionListener> listeners) {
		this.workflow.setTransactionExecutionListeners(listeners);
	}

	@Override
	public Collection<TransactionExecutionListener> getTransactionExecutionListeners() {
		return this.workflow.getTransactionExecutionListeners();
	}

	@Override
	public String toString() {
		return "ReactiveSingleTableTransactionManager[" + this.databaseFactory + "]";
	}

	/**
	 * Spring's reactive transaction workflow for the factory's transactions.
	 */
	@SuppressWarnings("serial")
	private final class Workflow extends AbstractReactiveTransactionManager {

		private Object key() {
			return ReactiveSingleTableTransactionManager.this.databaseFactory;
		}

		@Override
		protected Object doGetTransaction(TransactionSynchronizationManager synchronizationManager) {
			return new SingleTableTransactionObject(synchronizationManager.getResource(key()));
		}

		@Override
		protected boolean isExistingTransaction(Object transaction) {
			return SingleTableTransactionObject.of(transaction).isExisting();
		}

		@Override
		protected Mono<Void> doBegin(TransactionSynchronizationManager synchronizationManager, Object transaction,
				TransactionDefinition definition) {
			return Mono.fromRunnable(() -> synchronizationManager.bindResource(key(),
					SingleTableTransactionObject.of(transaction).begin(definition, definition.getTimeout())));
		}

		@Override
		protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
				GenericReactiveTransaction status) {
			return Mono.defer(() -> {
				// writes made once the transaction is over (in afterCommit callbacks) are sent at once
				synchronizationManager.unbindResourceIfPossible(key());
				CollectedWrites writes = SingleTableTransactionObject.of(status.getTransaction())
					.toCommit(this.logger, status.isDebug());
				// a cancellation comes as the template's typed DataAccessException, not wrapped; a lost answer as a
				// TransactionException, which Spring reports to the synchronizations as STATUS_UNKNOWN
				return ReactorCaller.commit(writes)
					.onErrorMap(CommitOutcomeUnknownException.class,
							(ex) -> new HeuristicCompletionException(HeuristicCompletionException.STATE_UNKNOWN, ex));
			});
		}

		@Override
		protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager,
				GenericReactiveTransaction status) {
			return Mono.fromRunnable(() -> {
				synchronizationManager.unbindResourceIfPossible(key());
				SingleTableTransactionObject.of(status.getTransaction()).rollback(this.logger, status.isDebug());
			});
		}

		@Override
		protected Mono<Void> doSetRollbackOnly(TransactionSynchronizationManager synchronizationManager,
				GenericReactiveTransaction status) {
			return Mono.fromRunnable(() -> SingleTableTransactionObject.of(status.getTransaction()).setRollbackOnly());
		}

		@Override
		protected Mono<Object> doSuspend(TransactionSynchronizationManager synchronizationManager, Object transaction) {
			return Mono.fromSupplier(() -> {
				SingleTableTransactionObject.of(transaction).suspend();
				return synchronizationManager.unbindResource(key());
			});
		}

		@Override
		protected Mono<Void> doResume(TransactionSynchronizationManager synchronizationManager,
				@Nullable Object transaction, Object suspendedResources) {
			return Mono.fromRunnable(() -> synchronizationManager.bindResource(key(), suspendedResources));
		}

		@Override
		protected Mono<Void> doCleanupAfterCompletion(TransactionSynchronizationManager synchronizationManager,
				Object transaction) {
			return Mono.fromRunnable(() -> {
				synchronizationManager.unbindResourceIfPossible(key());
				SingleTableTransactionObject.of(transaction).complete();
			});
		}

	}

}
