package dev.singletable.core.reactive;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.Assert;

import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What runs a reactive template's {@code transaction(..)}: a {@link TransactionalOperator} of propagation
 * {@code REQUIRED} on the template's transaction manager (its own, or the application's of its factory), around
 * the work, which is handed the template's operations joined to the transaction bound for the factory. While the
 * work's callback runs, the writes the templates of the factory return are handed out by the transaction too: it
 * fails at its commit unless each was subscribed by then (see {@link dev.singletable.core.internal.transaction.HandedOutWrites}).
 */
final class ReactiveTransactionRunner {

	/** The template's components as they are when a transaction starts. */
	private final Supplier<ReactiveComponents> parts;

	private final ReactiveSingleTableDatabaseFactory databaseFactory;

	private volatile TransactionalOperator operator;

	ReactiveTransactionRunner(Supplier<ReactiveComponents> parts, ReactiveSingleTableDatabaseFactory databaseFactory) {
		this.parts = parts;
		this.databaseFactory = databaseFactory;
		this.operator = TransactionalOperator.create(new ReactiveSingleTableTransactionManager(databaseFactory));
	}

	void setTransactionManager(@Nullable ReactiveSingleTableTransactionManager transactionManager) {
		if (transactionManager != null) {
			TransactionRules.checkManagerOf(transactionManager, transactionManager.getResourceFactory(),
					this.databaseFactory);
		}
		this.operator = TransactionalOperator.create((transactionManager != null) ? transactionManager
				: new ReactiveSingleTableTransactionManager(this.databaseFactory));
	}

	/**
	 * Runs the work in a transaction.
	 * @return what the work's publisher emits, each value as it comes; completes once the transaction is stored
	 */
	<R> Flux<R> transaction(Function<ReactiveSingleTableTransaction, ? extends Publisher<? extends R>> work) {
		Assert.notNull(work, "Transaction work must not be null");
		ReactiveComponents parts = this.parts.get();
		Flux<R> joined = parts.caller().current().flatMapMany((bound) -> {
			CollectedWrites writes = bound.orElseThrow(() -> new IllegalStateException(
					"No reactive singletable transaction is bound for " + this.databaseFactory));
			DefaultReactiveSingleTableTransaction handle = new DefaultReactiveSingleTableTransaction(parts, writes);
			return Flux.from(writes.handedOut().during(this.databaseFactory, () -> work.apply(handle)));
		});
		return this.operator.transactional(joined);
	}


}
