package dev.singletable.core.internal.reactive;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteRounds;
import dev.singletable.core.internal.write.WriteUnit;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Sends {@link WriteUnit}s on the async client, the reactive counterpart of {@link UnitWriter}, with the same rules
 * ({@link WriteRounds}): a {@code PutItem} or {@code DeleteItem} for a single write of one item, else one
 * {@code TransactWriteItems} (client request token, transient retries) of every unit's items; when conditions fail,
 * each unit whose items failed says through its own {@link WriteUnit#onFailure()} what that means — a replacement
 * sent in the next round with the units unaffected, or its exception. Once the items are written the units'
 * after-commit actions run, and the send completes when the work they hand over ({@link AfterCommitWork}) is done;
 * that work never fails the write.
 * <p>
 * The audit rows among a request's items get the send's transaction id, as with the blocking writer. Units carrying
 * a blob stage are sent inside it ({@link ReactiveBlobStage}: S3 first, then the items). With per-type counts
 * ({@link TypeCounts}, when enabled) each request gets the same counts unit as the blocking writer's, and a counts
 * row without its map is created (the request sent again) as there.
 */
public final class ReactiveUnitWriter {

	/** What a request that succeeded means: its units are written. */
	private static final WriteRounds.Next WRITTEN = new WriteRounds.Next(true, List.of(), List.of());

	private final ReactiveDynamoDbExecutor executor;

	/** The per-type counts added to each request, {@literal null} for none. */
	private final @Nullable TypeCounts counts;

	/** Makes the transaction ids of audit rows; {@literal null}: the rows of a request are left as built. */
	private final @Nullable AuditRecords audit;

	private volatile @Nullable ReactiveBlobStage blobs;

	public ReactiveUnitWriter(ReactiveDynamoDbExecutor executor) {
		this(executor, null, null);
	}

	/**
	 * A writer that adds the per-type counts unit to each request that creates or deletes, as {@link UnitWriter}
	 * does, while the counts are enabled, and gives the audit rows of each send one transaction id
	 * ({@link AuditRecords#stamped}): one per send, kept when the request is sent again with replacements.
	 */
	public ReactiveUnitWriter(ReactiveDynamoDbExecutor executor, @Nullable TypeCounts counts,
			@Nullable AuditRecords audit) {
		this.executor = executor;
		this.counts = counts;
		this.audit = audit;
	}

	/**
	 * Sends one write when subscribed.
	 * @return the entity as stored (by the unit finally sent), empty for an operation without one; or the
	 * operation's exception (translated)
	 */
	public Mono<Object> write(WriteUnit unit) {
		return send(List.of(unit), false).flatMap((result) -> result.failures().isEmpty()
				? Mono.justOrEmpty(result.written().get(0).result())
				: Mono.error(this.executor.translate(result.failures().get(0).exception())));
	}

	/**
	 * Sends units as one {@code TransactWriteItems}, all or nothing, when subscribed, observed as a {@code commit}
	 * (as {@link UnitWriter#writeAll(List)} is).
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public Mono<UnitWriter.Result> writeAll(List<WriteUnit> units) {
		return this.executor.observations().observeCommit(UnitWriter.types(units), send(units, true));
	}

	/**
	 * Sets the blob stage that units carrying one are sent inside ({@link ReactiveBlobStage}); without it, they are
	 * refused.
	 */
	void setBlobStage(@Nullable ReactiveBlobStage blobs) {
		this.blobs = blobs;
	}

	private Mono<UnitWriter.Result> send(List<WriteUnit> units, boolean transactional) {
		ReactiveBlobStage stage = this.blobs;
		if (stage == null) {
			for (WriteUnit unit : units) {
				if (unit.blobs() != null) {
					return Mono.error(new UnsupportedOperationException("This writer does not write blob "
							+ "properties (" + unit.describe() + "); write " + unit.type().getSimpleName()
							+ " with a template that has blob storage"));
				}
			}
		}
		AuditRecords records = this.audit;
		// made at the first request that carries an audit row, then kept for every round of this send
		Supplier<String> transactionId = (records != null) ? SingletonSupplier.of(records::transactionId) : () -> {
			throw new IllegalStateException("This writer stamps no audit rows");
		};
		Mono<UnitWriter.Result> items = Mono.defer(() -> round(units, transactional, 1, transactionId));
		return (stage != null) ? stage.around(units, items) : items;
	}

	private Mono<UnitWriter.Result> round(List<WriteUnit> current, boolean transactional, int round,
			Supplier<String> transactionId) {
		// the per-type counts join every request that creates or deletes (see TypeCounts), redone each round
		List<WriteUnit> sent = (this.counts != null) ? this.counts.with(current) : current;
		Mono<Void> request = WriteRounds.isSingleItem(sent, transactional)
				? sendSingle(sent.get(0).items().get(0))
				: Mono.defer(() -> this.executor.transactWriteItems((this.audit != null)
						? AuditRecords.stamped(WriteRounds.items(sent), transactionId) : WriteRounds.items(sent)));
		return request.thenReturn(WRITTEN)
			.onErrorResume(RuntimeException.class, (ex) -> Mono
				.fromCallable(() -> WriteRounds.afterFailure(ex, current, sent, round, this.executor::translate)))
			.flatMap((next) -> {
				if (next.written()) {
					return written(current);
				}
				if (!next.failures().isEmpty()) {
					return Mono.just(new UnitWriter.Result(List.of(), next.failures()));
				}
				Mono<Void> repair = (next.countsRowMissing() && this.counts != null) ? this.executor
					.execute((client) -> client.updateItem(this.counts.createRowRequest()))
					.then() : Mono.empty();
				return repair.then(Mono.defer(() -> round(next.next(), transactional, round + 1, transactionId)));
			});
	}

	private static Mono<UnitWriter.Result> written(List<WriteUnit> units) {
		return Mono.defer(() -> AfterCommitWork.run(units.stream().map(WriteUnit::afterCommit)
			.filter(Objects::nonNull)
			.toList())).thenReturn(new UnitWriter.Result(units, List.of()));
	}

	private Mono<Void> sendSingle(TransactWriteItem item) {
		Put put = item.put();
		if (put != null) {
			return this.executor.executeWrite((client) -> client.putItem(WriteRounds.putItem(put)), "PutItem", null)
				.then();
		}
		return this.executor
			.executeWrite((client) -> client.deleteItem(WriteRounds.deleteItem(item.delete())), "DeleteItem", null)
			.then();
	}

}
