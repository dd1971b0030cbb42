package dev.singletable.core.internal.reactive;

import java.util.Optional;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.SingleTableResourceHolder;
import dev.singletable.core.internal.transaction.TransactionBinding;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Whether a reactive template's write joins a transaction — the reactive counterpart of {@code TransactionBinding}:
 * it does when a {@link SingleTableResourceHolder} is bound under the template's database factory in the transaction
 * context that Spring's reactive {@link TransactionSynchronizationManager} finds in the subscriber's Reactor context,
 * or when the write was made through a transaction's own operations, which pin its writes in the Reactor context.
 * What a write does then is its plan's ({@code core.internal.operation}); the {@link ReactorCaller} asks this class.
 */
public final class ReactiveTransactions {

	/** The Reactor context key of the writes a transaction's own operations pin. */
	private static final String PINNED = ReactiveTransactions.class.getName() + ".PINNED";

	private final Object databaseFactory;

	ReactiveTransactions(Object databaseFactory) {
		this.databaseFactory = databaseFactory;
	}

	/**
	 * Returns, when subscribed, the writes of the transaction the subscriber's write joins: those its context pins,
	 * else those of the transaction bound under the template's database factory, else none.
	 */
	public Mono<Optional<CollectedWrites>> current() {
		return Mono.deferContextual((context) -> {
			Optional<CollectedWrites> pinned = context.getOrEmpty(PINNED);
			if (pinned.isPresent()) {
				return Mono.just(pinned);
			}
			return TransactionSynchronizationManager.forCurrentTransaction()
				.map((manager) -> (manager.getResource(this.databaseFactory) instanceof SingleTableResourceHolder<?> holder
						&& holder.getWrites() instanceof CollectedWrites writes) ? Optional.of(writes)
								: Optional.<CollectedWrites>empty())
				.onErrorResume(NoTransactionException.class, (ex) -> Mono.just(Optional.empty()));
		});
	}

	/**
	 * Makes the writes of {@code work} join the given transaction, wherever they are subscribed from.
	 */
	public static <T> Mono<T> pinned(Mono<T> work, CollectedWrites transaction) {
		return work.contextWrite(Context.of(PINNED, transaction));
	}

}
