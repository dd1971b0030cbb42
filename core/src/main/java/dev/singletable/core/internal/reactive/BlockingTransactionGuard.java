package dev.singletable.core.internal.reactive;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.internal.transaction.SingleTableResourceHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one rule that keeps a blocking singletable transaction from silently wrapping reactive writes: a reactive
 * write called, or subscribed, on a thread to which a {@code SingleTableTransactionManager} has bound a transaction
 * (a {@link SingleTableResourceHolder} under a {@link SingleTableDatabaseFactory}) could never join it — it would be
 * sent on its own when subscribed, typically after that transaction committed — so it is refused with an
 * {@link IllegalTransactionStateException} as its error signal, and nothing is sent. Checked when the write is
 * called (Spring's {@code TransactionInterceptor} with a blocking manager runs a method returning a {@code Mono}
 * inside its transaction and commits before anything subscribes) and again when it is subscribed (a
 * {@code block()} inside a blocking transaction).
 */
public final class BlockingTransactionGuard {

	private BlockingTransactionGuard() {
	}

	/**
	 * Guards a write returning one value.
	 * @param operation the template operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @param write makes the write's publisher, called only when no blocking transaction is bound
	 * @return the write, or an error signal when a blocking transaction is bound to the calling thread
	 */
	public static <T> Mono<T> guard(String operation, @Nullable Class<?> type, Supplier<Mono<T>> write) {
		return guarded(operation, type, write, Mono::error, Mono::defer);
	}

	/**
	 * Guards a write returning many values, as {@link #guard(String, Class, Supplier)} does.
	 * @param operation the template operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @param write makes the write's publisher, called only when no blocking transaction is bound
	 * @return the write, or an error signal when a blocking transaction is bound to the calling thread
	 */
	public static <T> Flux<T> guardMany(String operation, @Nullable Class<?> type, Supplier<Flux<T>> write) {
		return guarded(operation, type, write, Flux::error, Flux::defer);
	}

	/**
	 * The refusal checked when the write is called and again when it is subscribed, for a publisher of either kind.
	 * @param error the publisher signalling an error
	 * @param defer the publisher made when subscribed
	 */
	private static <P extends Publisher<?>> P guarded(String operation, @Nullable Class<?> type, Supplier<P> write,
			Function<Throwable, P> error, Function<Supplier<P>, P> defer) {
		IllegalTransactionStateException refused = refusal(operation, type);
		if (refused != null) {
			return error.apply(refused);
		}
		P assembled = write.get();
		return defer.apply(() -> {
			IllegalTransactionStateException late = refusal(operation, type);
			return (late != null) ? error.apply(late) : assembled;
		});
	}

	/**
	 * Returns the refusal of a reactive write on the current thread, or {@literal null} when no blocking
	 * singletable transaction is bound to it.
	 * @param operation the template operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @return the exception to signal, or {@literal null}
	 */
	public static @Nullable IllegalTransactionStateException refusal(String operation, @Nullable Class<?> type) {
		String table = boundTable();
		if (table == null) {
			return null;
		}
		return new IllegalTransactionStateException("The reactive " + operation + "("
				+ ((type != null) ? type.getSimpleName() : "") + ") was called inside a blocking singletable "
				+ "transaction (of table '" + table + "', bound to this thread by a SingleTableTransactionManager, "
				+ "for example for a @Transactional method): a reactive write cannot join it and would be sent on "
				+ "its own when subscribed, after that transaction ended, so it is refused and nothing is sent. Run "
				+ "reactive writes in a reactive transaction (@ReactiveSingleTableTransactional, a "
				+ "TransactionalOperator of the ReactiveSingleTableTransactionManager, or template.transaction(..)), "
				+ "or use the blocking template and repositories inside the blocking transaction.");
	}

	private static @Nullable String boundTable() {
		for (var entry : TransactionSynchronizationManager.getResourceMap().entrySet()) {
			if (entry.getValue() instanceof SingleTableResourceHolder<?>
					&& entry.getKey() instanceof SingleTableDatabaseFactory factory) {
				return factory.getTableName();
			}
		}
		return null;
	}

}
