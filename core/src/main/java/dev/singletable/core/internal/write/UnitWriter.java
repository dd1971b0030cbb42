package dev.singletable.core.internal.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.TransactionWriter;

/**
 * Sends {@link WriteUnit}s and interprets their failure, the same way for one write and for a transaction of many:
 * all items go in one request — a {@code PutItem} or {@code DeleteItem} for a single write of one item, else one
 * {@code TransactWriteItems} through the {@link TransactionWriter} (client request token, transient retries). When
 * conditions fail, each unit whose items failed says what that means: a replacement to send instead (the units
 * unaffected are sent again with it, all still in one request) or its exception. Once the items are written, each
 * unit's after-commit action runs. The audit rows of a request get its transaction id ({@link AuditRecords#stamped}),
 * one per send, kept when the request is sent again with replacements.
 */
public final class UnitWriter {

	/** The most items one {@code TransactWriteItems} holds. */
	public static final int MAX_ITEMS = 100;

	private final DynamoDbExecutor executor;

	private final TransactionWriter transactions;

	private final BlobStage blobs;

	private final TypeCounts counts;

	private final AuditRecords audit;

	public UnitWriter(DynamoDbExecutor executor, TransactionWriter transactions, BlobStage blobs, TypeCounts counts,
			AuditRecords audit) {
		this.executor = executor;
		this.audit = audit;
		this.transactions = transactions;
		this.blobs = blobs;
		this.counts = counts;
	}

	/**
	 * How many items of a transaction the writer adds itself: the per-type counts when they are kept.
	 */
	public int reservedItems() {
		return this.counts.isEnabled() ? 1 : 0;
	}

	/**
	 * Sends one write.
	 * @return the entity as stored (by the unit finally sent), if the operation has one
	 * @throws RuntimeException the operation's exception (translated) when it fails
	 */
	public @Nullable Object write(WriteUnit unit) {
		Result result = send(List.of(unit), false);
		if (!result.failures().isEmpty()) {
			throw this.executor.translate(result.failures().get(0).exception());
		}
		return result.written().get(0).result();
	}

	/**
	 * Sends units as one {@code TransactWriteItems}, all or nothing.
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public Result writeAll(List<WriteUnit> units) {
		return this.executor.observations().observeCommit(types(units), () -> send(units, true));
	}

	/**
	 * The type of each unit, in order: what a commit's observation is tagged with.
	 */
	public static List<Class<?>> types(List<WriteUnit> units) {
		return units.stream().<Class<?>>map(WriteUnit::type).toList();
	}

	/**
	 * Sends the units a transaction collected from the templates of one database factory as one
	 * {@code TransactWriteItems}, all or nothing, each unit with the writer of the template that made it: the units of
	 * one writer go through {@link #writeAll(List)}; those of several are sent inside each writer's blob stage around
	 * its own units (its blob storage and mapping), the per-type counts of the writers that keep them in one counts
	 * item, and one transaction id for the audit rows, by the first writer (its executor and observation).
	 * @param units the units, in the order they were collected
	 * @param writers the writer of each unit, by position
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public static Result writeAll(List<WriteUnit> units, List<UnitWriter> writers) {
		Map<UnitWriter, List<WriteUnit>> byWriter = new LinkedHashMap<>();
		for (int i = 0; i < units.size(); i++) {
			byWriter.computeIfAbsent(writers.get(i), (writer) -> new ArrayList<>()).add(units.get(i));
		}
		UnitWriter first = writers.get(0);
		if (byWriter.size() == 1) {
			return first.writeAll(units);
		}
		List<TypeCounts> counts = writers.stream().map((writer) -> writer.counts).toList();
		Supplier<Result> sendItems = () -> first.sendItems(units, true, (current) -> TypeCounts.with(current, counts));
		return first.executor.observations()
			.observeCommit(types(units),
					() -> withEachWritersBlobs(List.copyOf(byWriter.entrySet()), 0, List.of(), sendItems));
	}

	/**
	 * Sends the items of several writers' units inside the blob stage of each writer (from the given one on) around
	 * its own units; every stage's locks are checked right before the request.
	 */
	private static Result withEachWritersBlobs(List<Map.Entry<UnitWriter, List<WriteUnit>>> byWriter, int next,
			List<BlobUploads.Send> stages, Supplier<Result> sendItems) {
		if (next == byWriter.size()) {
			stages.forEach(BlobUploads.Send::checkLocks);
			return sendItems.get();
		}
		Map.Entry<UnitWriter, List<WriteUnit>> own = byWriter.get(next);
		return own.getKey().withBlobs(own.getValue(), (stage) -> {
			List<BlobUploads.Send> entered = new ArrayList<>(stages);
			entered.add(stage);
			return withEachWritersBlobs(byWriter, next + 1, entered, sendItems);
		});
	}

	/**
	 * Sends units, running the blob stage they carry ({@link BlobStage}) around their items.
	 */
	private Result send(List<WriteUnit> units, boolean transactional) {
		return withBlobs(units, (stage) -> {
			stage.checkLocks();
			return sendItems(units, transactional, this.counts::with);
		});
	}

	/**
	 * Runs the blob stage of units around the sending of items: S3 first — holding the blob locks of their
	 * resources, the objects their items refer to are uploaded before, and deleted again when the items are not
	 * written.
	 * @param sendItems checks that the locks last long enough ({@link BlobUploads.Send#checkLocks}) and sends the
	 * items (of these units, and of others sent with them)
	 */
	private Result withBlobs(List<WriteUnit> units, Function<BlobUploads.Send, Result> sendItems) {
		// the blob locks of the resources whose objects the units change, held until their clean-ups are done
		try (BlobUploads.Send stage = this.blobs.beforeSend(units)) {
			Result result;
			try {
				result = sendItems.apply(stage);
			}
			catch (RuntimeException ex) {
				stage.failed();
				throw ex;
			}
			if (result.failures().isEmpty()) {
				stage.committed();
			}
			else {
				stage.failed();
			}
			return result;
		}
	}

	/**
	 * Sends the units' items, again with replacements while failed conditions ask for them (see
	 * {@link WriteRounds}).
	 * @param counted adds the per-type counts to the units of a request (see {@link TypeCounts})
	 */
	private Result sendItems(List<WriteUnit> units, boolean transactional, UnaryOperator<List<WriteUnit>> counted) {
		List<WriteUnit> current = units;
		// made at the first request that carries an audit row, then kept for every round of this send
		Supplier<String> transactionId = SingletonSupplier.of(this.audit::transactionId);
		for (int round = 1;; round++) {
			// the per-type counts join every request that creates or deletes (see TypeCounts), redone each round
			List<WriteUnit> sent = counted.apply(current);
			WriteRounds.Next next = null;
			try {
				if (WriteRounds.isSingleItem(sent, transactional)) {
					sendSingle(sent.get(0).items().get(0));
				}
				else {
					this.transactions.write(AuditRecords.stamped(WriteRounds.items(sent), transactionId));
				}
			}
			catch (RuntimeException ex) {
				next = WriteRounds.afterFailure(ex, current, sent, round, this.executor::translate);
			}
			if (next == null || next.written()) {
				return written(current);
			}
			if (!next.failures().isEmpty()) {
				return new Result(List.of(), next.failures());
			}
			if (next.countsRowMissing()) {
				this.counts.createRow();
			}
			current = next.next();
		}
	}

	private static Result written(List<WriteUnit> units) {
		for (WriteUnit unit : units) {
			if (unit.afterCommit() != null) {
				unit.afterCommit().run();
			}
		}
		return new Result(units, List.of());
	}

	private void sendSingle(TransactWriteItem item) {
		Put put = item.put();
		if (put != null) {
			this.executor.executeWrite((client) -> client.putItem(WriteRounds.putItem(put)), "PutItem", null);
			return;
		}
		this.executor.executeWrite((client) -> client.deleteItem(deleteItem(item.delete())), "DeleteItem", null);
	}

	/**
	 * The {@code DeleteItem} request of a transaction's delete, with its condition.
	 */
	public static DeleteItemRequest deleteItem(Delete delete) {
		return WriteRounds.deleteItem(delete);
	}

	/**
	 * What a send did: the units written (the replacements where units were replaced), or the units that failed.
	 */
	public record Result(List<WriteUnit> written, List<Failure> failures) {
	}

	/**
	 * A unit that failed, its position among the units sent, and its exception.
	 */
	public record Failure(int index, WriteUnit unit, RuntimeException exception) {
	}

}
