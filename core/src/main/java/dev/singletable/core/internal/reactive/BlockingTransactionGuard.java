package dev.singletable.core.internal.reactive;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.transaction.IllegalTransactionStateException;

import dev.singletable.core.internal.transaction.TransactionRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies to a reactive write the rule that keeps a blocking singletable transaction from silently wrapping it
 * ({@link TransactionRules#reactiveWriteInBlocking}): the refusal becomes the write's error signal, and nothing is
 * sent. Checked when the write is called (Spring's {@code TransactionInterceptor} with a blocking manager runs a
 * method returning a {@code Mono} inside its transaction and commits before anything subscribes) and again when it
 * is subscribed (a {@code block()} inside a blocking transaction).
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
		IllegalTransactionStateException refused = TransactionRules.reactiveWriteInBlocking(operation, type);
		if (refused != null) {
			return error.apply(refused);
		}
		P assembled = write.get();
		return defer.apply(() -> {
			IllegalTransactionStateException late = TransactionRules.reactiveWriteInBlocking(operation, type);
			return (late != null) ? error.apply(late) : assembled;
		});
	}

}
