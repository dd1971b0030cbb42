package dev.singletable.core.internal.query;

import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.Timestamps;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A reactive template's cursor secrets: the {@link CursorSecrets} its {@link CursorCodec} seals and opens with, and
 * {@link #ready()}, which every reactive read that makes or reads cursors subscribes first. It reads (or creates)
 * the table's {@link StoredCursorSecret} on the async client, as the blocking template does on its thread, so that
 * no event loop thread ever waits for it; once read, the secret is kept and {@code ready()} sends nothing.
 */
public final class ReactiveCursorSecrets {

	private final CursorSecrets secrets;

	private final CursorCodec codec;

	private final Mono<Void> load;

	/**
	 * Creates the cursor secrets of a table.
	 * @param executor the table's async executor
	 * @param time the template's time source
	 */
	public ReactiveCursorSecrets(ReactiveDynamoDbExecutor executor, Timestamps time) {
		this.secrets = new CursorSecrets(time, null);
		this.codec = new CursorCodec(this.secrets);
		// concurrent first reads share one load; a failed load is tried again by the next read
		this.load = Mono.defer(() -> readOrCreate(executor, time))
			.doOnNext(this.secrets::generated)
			.then()
			.cache((value) -> java.time.Duration.ofMillis(Long.MAX_VALUE), (error) -> java.time.Duration.ZERO,
					() -> java.time.Duration.ofMillis(Long.MAX_VALUE));
	}

	/**
	 * The secrets, to configure.
	 * @return the secrets
	 */
	public CursorSecrets secrets() {
		return this.secrets;
	}

	/**
	 * The codec sealing and opening with the secrets; use it only after {@link #ready()}.
	 * @return the codec
	 */
	public CursorCodec codec() {
		return this.codec;
	}

	/**
	 * Completes once the current key is known: at once when the secret is configured or was read, else after
	 * reading (or creating) the table's secret.
	 * @return completion, or the failure of the read
	 */
	public Mono<Void> ready() {
		return Mono.defer(() -> this.secrets.ready() ? Mono.empty() : this.load);
	}

	private static Mono<byte[]> readOrCreate(ReactiveDynamoDbExecutor executor, Timestamps time) {
		String table = executor.getTableName();
		return executor.getItem(StoredCursorSecret.key(), true)
			.map((item) -> StoredCursorSecret.secretOf(item, table))
			.switchIfEmpty(Mono.defer(() -> {
				PutItemRequest create = StoredCursorSecret.createRequest(table, time.now());
				return executor.executeConditional((client) -> client.putItem(create))
					.map((created) -> StoredCursorSecret.secretOf(create.item(), table))
					.onErrorResume(ConditionalCheckFailedException.class, (ex) -> ex.hasItem()
							? Mono.just(StoredCursorSecret.secretOf(ex.item(), table))
							: executor.getItem(StoredCursorSecret.key(), true)
								.map((item) -> StoredCursorSecret.secretOf(item, table))
								.switchIfEmpty(Mono.fromCallable(() -> StoredCursorSecret.secretOf(null, table))));
			}));
	}

}
