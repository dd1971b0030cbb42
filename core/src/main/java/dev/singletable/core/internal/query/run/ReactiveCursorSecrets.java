package dev.singletable.core.internal.query.run;

import java.time.Duration;

import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.StoredCursorSecret;
import reactor.core.publisher.Mono;

/**
 * A reactive template's cursor secrets: the {@link CursorSecrets} its {@link CursorCodec} seals and opens with, and
 * {@link #ready()}, which every reactive read that makes or reads cursors subscribes first. It runs the plan that
 * reads (or creates) the table's {@link StoredCursorSecret} on the reactive driver, as the blocking template runs
 * it on its own, so that no event loop thread ever waits for it; once read, the secret is kept and {@code ready()}
 * sends nothing.
 */
public final class ReactiveCursorSecrets {

	private final CursorSecrets secrets;

	private final CursorCodec codec;

	private final Mono<Void> load;

	/**
	 * Creates the cursor secrets of a table.
	 * @param driver the driver of the table's async executor
	 * @param time the template's time source
	 */
	public ReactiveCursorSecrets(ReactiveDriver driver, Timestamps time) {
		this.secrets = new CursorSecrets(time, null);
		this.codec = new CursorCodec(this.secrets);
		String tableName = driver.executor().getTableName();
		// concurrent first reads share one load; a failed load is tried again by the next read
		this.load = driver.run(StoredCursorSecret.readOrCreate(tableName, time))
			.doOnNext(this.secrets::generated)
			.then()
			.cache((value) -> Duration.ofMillis(Long.MAX_VALUE), (error) -> Duration.ZERO,
					() -> Duration.ofMillis(Long.MAX_VALUE));
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

}
