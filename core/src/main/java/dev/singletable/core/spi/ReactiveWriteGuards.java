package dev.singletable.core.spi;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.IllegalTransactionStateException;

import dev.singletable.core.internal.reactive.BlockingTransactionGuard;
import dev.singletable.core.internal.transaction.TransactionRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rule that keeps a blocking singletable transaction from silently wrapping a reactive write, for the reactive
 * writes a module built on core makes itself (a repository's derived delete): the write could never join the
 * transaction bound to the calling thread and would be sent on its own when subscribed, so it is refused, checked
 * when it is called and again when it is subscribed.
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
		return BlockingTransactionGuard.guard(operation, type, write);
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
		return BlockingTransactionGuard.guardMany(operation, type, write);
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

}
