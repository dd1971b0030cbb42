package dev.singletable.core.spi;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.transaction.IllegalTransactionStateException;

import dev.singletable.core.internal.transaction.TransactionRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rule that keeps a blocking singletable transaction from silently wrapping a reactive write
 * ({@link TransactionRules#reactiveWriteInBlocking}), for the reactive template's writes and those a module built on
 * core makes itself (a repository's derived delete): the write could never join the transaction bound to the calling
 * thread and would be sent on its own when subscribed, so it is refused, the refusal its error signal, nothing sent.
 * Checked when the write is called (Spring's {@code TransactionInterceptor} with a blocking manager runs a method
 * returning a {@code Mono} inside its transaction and commits before anything subscribes) and again when it is
 * subscribed (a {@code block()} inside a blocking transaction).
 */
public final class ReactiveWriteGuards {

	private ReactiveWriteGuards() {
	}

	/**
	 * Guards a write returning one value.
	 * @param <T> the type of the value
	 * @param operation the operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @param write makes the write's publisher, called only when no blocking transaction is bound
	 * @return the write, or an error signal when a blocking transaction is bound to the calling thread
	 */
	public static <T> Mono<T> guard(String operation, @Nullable Class<?> type, Supplier<Mono<T>> write) {
		return guarded(operation, type, write, Mono::error, Mono::defer);
	}

	/**
	 * Guards a write returning many values, as {@link #guard(String, Class, Supplier)} does.
	 * @param <T> the type of the values
	 * @param operation the operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @param write makes the write's publisher, called only when no blocking transaction is bound
	 * @return the write, or an error signal when a blocking transaction is bound to the calling thread
	 */
	public static <T> Flux<T> guardMany(String operation, @Nullable Class<?> type, Supplier<Flux<T>> write) {
		return guarded(operation, type, write, Flux::error, Flux::defer);
	}

	/**
	 * Returns the refusal of a reactive write called now.
	 * @param operation the operation, for the message
	 * @param type the resource type written, or {@literal null} when unknown
	 * @return the exception to signal, or {@literal null} when no blocking singletable transaction is bound to the
	 * calling thread
	 */
	public static @Nullable IllegalTransactionStateException refusal(String operation, @Nullable Class<?> type) {
		return TransactionRules.reactiveWriteInBlocking(operation, type);
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

}
