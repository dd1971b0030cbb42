package dev.singletable.core.internal.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.plan.Step;

/**
 * Sends {@link WriteUnit}s on the blocking client: runs the send's plan ({@link UnitSend}) on the
 * {@link BlockingDriver}, inside the blob stage the units carry ({@link BlobStage}: S3 first, then the items), and
 * observes a send of many as one commit. Once the items are written, each unit's after-commit action runs.
 */
public final class UnitWriter {

	private final DynamoDbExecutor executor;

	private final BlockingDriver driver;

	private final BlobStage blobs;

	private final UnitSend plans;

	public UnitWriter(DynamoDbExecutor executor, BlobStage blobs, TypeCounts counts, AuditRecords audit) {
		this.executor = executor;
		this.driver = new BlockingDriver(executor);
		this.blobs = blobs;
		this.plans = new UnitSend(counts, audit, executor::translate);
	}

	/**
	 * How many items of a transaction the writer adds itself: the per-type counts when they are kept.
	 */
	public int reservedItems() {
		return this.plans.reservedItems();
	}

	/**
	 * Sends one write.
	 * @return the entity as stored (by the unit finally sent), if the operation has one
	 * @throws RuntimeException the operation's exception (translated) when it fails
	 */
	public @Nullable Object write(WriteUnit unit) {
		UnitSend.Result result = send(List.of(unit), false);
		if (!result.failures().isEmpty()) {
			throw this.executor.translate(result.failures().get(0).exception());
		}
		return result.written().get(0).result();
	}

	/**
	 * Sends units as one {@code TransactWriteItems}, all or nothing.
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public UnitSend.Result writeAll(List<WriteUnit> units) {
		return this.executor.observations().observeCommit(UnitSend.types(units), () -> send(units, true));
	}

	/**
	 * Sends the units a transaction collected from the templates of one database factory as one
	 * {@code TransactWriteItems}, all or nothing, each unit with the writer of the template that made it: the units of
	 * one writer go through {@link #writeAll(List)}; those of several are sent inside each writer's blob stage around
	 * its own units (its blob storage and mapping), with one plan ({@link UnitSend#sendAll}), by the first writer (its
	 * executor and observation).
	 * @param units the units, in the order they were collected
	 * @param writers the writer of each unit, by position
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public static UnitSend.Result writeAll(List<WriteUnit> units, List<UnitWriter> writers) {
		Map<UnitWriter, List<WriteUnit>> byWriter = UnitSend.bySender(units, writers);
		UnitWriter first = writers.get(0);
		if (byWriter.size() == 1) {
			return first.writeAll(units);
		}
		List<UnitSend> plans = writers.stream().map((writer) -> writer.plans).toList();
		Supplier<UnitSend.Result> sendItems = () -> first.run(UnitSend.sendAll(units, plans));
		return first.executor.observations()
			.observeCommit(UnitSend.types(units),
					() -> withEachWritersBlobs(List.copyOf(byWriter.entrySet()), 0, List.of(), sendItems));
	}

	/**
	 * Sends the items of several writers' units inside the blob stage of each writer (from the given one on) around
	 * its own units; every stage's locks are checked right before the request.
	 */
	private static UnitSend.Result withEachWritersBlobs(List<Map.Entry<UnitWriter, List<WriteUnit>>> byWriter,
			int next, List<BlobUploads.Send> stages, Supplier<UnitSend.Result> sendItems) {
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
	private UnitSend.Result send(List<WriteUnit> units, boolean transactional) {
		return withBlobs(units, (stage) -> {
			stage.checkLocks();
			return run(this.plans.send(units, transactional));
		});
	}

	/**
	 * Runs the blob stage of units around the sending of items: S3 first — holding the blob locks of their
	 * resources, the objects their items refer to are uploaded before, and deleted again when the items are not
	 * written.
	 * @param sendItems checks that the locks last long enough ({@link BlobUploads.Send#checkLocks}) and sends the
	 * items (of these units, and of others sent with them)
	 */
	private UnitSend.Result withBlobs(List<WriteUnit> units, Function<BlobUploads.Send, UnitSend.Result> sendItems) {
		// the blob locks of the resources whose objects the units change, held until their clean-ups are done
		try (BlobUploads.Send stage = this.blobs.beforeSend(units)) {
			UnitSend.Result result;
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
	 * Runs a send's plan, then the after-commit actions of the units it wrote.
	 */
	private UnitSend.Result run(Step<UnitSend.Result> plan) {
		UnitSend.Result result = this.driver.run(plan);
		for (WriteUnit unit : result.written()) {
			if (unit.afterCommit() != null) {
				unit.afterCommit().run();
			}
		}
		return result;
	}

	/**
	 * The {@code DeleteItem} request of a transaction's delete, with its condition.
	 */
	public static DeleteItemRequest deleteItem(Delete delete) {
		return WriteRounds.deleteItem(delete);
	}

}
