package dev.singletable.core.internal.reactive;

import java.util.List;
import java.util.function.Supplier;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.write.AtomicUpdates;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Sends the atomic updates of {@link AtomicUpdates} (counters, string sets, lists) on the async client, as
 * {@link AtomicUpdates.Update#send} does on the blocking one, with the update's own item, requests and meaning of
 * failures: a single-item {@code TransactWriteItems} with a client request token; a property stored as NULL is
 * replaced by an empty value first when DynamoDB rejects the update for it, and the update sent once more; an
 * increment then reads its counter's new value.
 */
public final class ReactiveAtomicUpdates {

	private final ReactiveDynamoDbExecutor executor;

	private final AtomicUpdates updates;

	private final SingleTableConverter converter;

	ReactiveAtomicUpdates(ReactiveDynamoDbExecutor executor, AtomicUpdates updates, SingleTableConverter converter) {
		this.executor = executor;
		this.updates = updates;
		this.converter = converter;
	}

	/**
	 * Adds to a number property (or a map entry, {@code property.key}) and reads its new value, when subscribed.
	 */
	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return Mono.defer(() -> {
			String checked = ResourceIds.check(type, id);
			return increment(this.updates.incrementUpdate(this.converter.getRequiredEntity(type), property, delta),
					checked);
		});
	}

	/** Adds strings to a string set property, when subscribed. */
	public <T> Mono<Void> addToSet(Class<T> type, String id, String property, String... values) {
		return send(type, id, () -> this.updates.setUpdate(this.converter.getRequiredEntity(type), property, true,
				values));
	}

	/** Removes strings from a string set property, when subscribed. */
	public <T> Mono<Void> removeFromSet(Class<T> type, String id, String property, String... values) {
		return send(type, id, () -> this.updates.setUpdate(this.converter.getRequiredEntity(type), property, false,
				values));
	}

	/** Appends values to a list property, when subscribed. */
	public <T> Mono<Void> appendToList(Class<T> type, String id, String property, Object... values) {
		return send(type, id, () -> this.updates.appendUpdate(this.converter.getRequiredEntity(type), property,
				values));
	}

	private Mono<Void> send(Class<?> type, String id, Supplier<AtomicUpdates.Update> update) {
		return Mono.defer(() -> {
			AtomicUpdates.Update planned = update.get();
			return send(planned, ResourceIds.check(type, id));
		});
	}

	/**
	 * Sends an update when subscribed.
	 * @param id the checked id of the resource
	 */
	Mono<Void> send(AtomicUpdates.Update update, String id) {
		return Mono.defer(() -> {
			Mono<Void> write = write(update, id);
			return write
				.onErrorResume((ex) -> ex instanceof RuntimeException runtime && update.replacesNullAfter(runtime),
						(ex) -> replaceNull(update, id).then(write))
				.onErrorMap(RuntimeException.class, (ex) -> update.failure(id, ex));
		});
	}

	/**
	 * Sends an increment when subscribed and reads its counter's new value (strongly consistent).
	 */
	Mono<Long> increment(AtomicUpdates.Update update, String id) {
		return send(update, id).then(this.executor
			.execute((client) -> client.getItem(update.readValueRequest(id)))
			.map((response) -> update.readValue(response.hasItem() ? response.item() : null)));
	}

	private Mono<Void> write(AtomicUpdates.Update update, String id) {
		// the same item for the second attempt after a NULL was replaced, as the blocking send
		var item = update.item(id);
		return Mono.defer(() -> this.executor.transactWriteItems(List.of(item)))
			.onErrorMap(TransactionCanceledException.class, (ex) -> update.cancelled(id, ex));
	}

	private Mono<Void> replaceNull(AtomicUpdates.Update update, String id) {
		return this.executor.executeConditional((client) -> client.updateItem(update.replaceNullRequest(id)))
			.then()
			// someone else replaced the NULL meanwhile: the update sent again applies to their value
			.onErrorResume(ConditionalCheckFailedException.class, (ex) -> Mono.empty());
	}

}
