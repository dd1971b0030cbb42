package dev.singletable.core.internal.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.plan.Step;

/**
 * Sends {@link WriteUnit}s on the blocking client: runs the send's plan ({@link UnitSend}) on the
 * {@link BlockingDriver}, inside the blob stage the units carry ({@link BlobStage}: S3 first, then the items), and
 * observes a send of many as one commit.
 */
public final class UnitWriter {

	private final DynamoDbExecutor executor;

	private final BlockingDriver driver;

	private final BlobStage blobs;

	private final UnitSend plans;

	/**
	 * @param driver the driver the plans run on (its executor, and the template's blob storage)
	 */
	public UnitWriter(BlockingDriver driver, BlobStage blobs, TypeCounts counts, AuditRecords audit) {
		DynamoDbExecutor executor = driver.executor();
		this.executor = executor;
		this.driver = driver;
		this.blobs = blobs;
		this.plans = new UnitSend(counts, audit, executor::translate);
	}

	/**
	 * The driver this writer runs its plans on.
	 */
	public BlockingDriver driver() {
		return this.driver;
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
		return this.driver.run(plan(unit));
	}

	/**
	 * The plan of one write, inside the blob stage it carries.
	 * @return the entity as stored (by the unit finally sent), {@literal null} for an operation without one
	 * @throws RuntimeException (from the plan) the operation's exception, translated, when it fails
	 */
	public Step<Object> plan(WriteUnit unit) {
		return this.plans.resultOf(sendPlan(List.of(unit), false));
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
					() -> withEachWritersBlobs(List.copyOf(byWriter.entrySet()), sendItems));
	}

	/**
	 * Sends the items of several writers' units inside the blob stage of each writer around its own units, each
	 * stage entered and left on its writer's driver (its blob storage); every stage's locks are checked right before
	 * the request, and the stages are left in reverse order.
	 */
	private static UnitSend.Result withEachWritersBlobs(List<Map.Entry<UnitWriter, List<WriteUnit>>> byWriter,
			Supplier<UnitSend.Result> sendItems) {
		List<BlobSend.Entered> entered = new ArrayList<>();
		UnitSend.Result result;
		try {
			for (Map.Entry<UnitWriter, List<WriteUnit>> own : byWriter) {
				entered.add(own.getKey().driver.run(own.getKey().blobs.send().enter(own.getValue())));
			}
			entered.forEach((stage) -> BlobLocks.checkUsable(stage.leases()));
			result = sendItems.get();
		}
		catch (RuntimeException ex) {
			exit(byWriter, entered, false);
			throw ex;
		}
		exit(byWriter, entered, result.failures().isEmpty());
		return result;
	}

	private static void exit(List<Map.Entry<UnitWriter, List<WriteUnit>>> byWriter, List<BlobSend.Entered> entered,
			boolean written) {
		for (int i = entered.size() - 1; i >= 0; i--) {
			UnitWriter writer = byWriter.get(i).getKey();
			writer.driver.run(writer.blobs.send().exit(entered.get(i), written));
		}
	}

	/**
	 * Sends units inside the blob stage they carry ({@link BlobSend#around}), one plan.
	 */
	private UnitSend.Result send(List<WriteUnit> units, boolean transactional) {
		return run(sendPlan(units, transactional));
	}

	private Step<UnitSend.Result> sendPlan(List<WriteUnit> units, boolean transactional) {
		return this.blobs.send().around(units, (leases) -> {
			BlobLocks.checkUsable(leases);
			return this.plans.send(units, transactional);
		});
	}

	/**
	 * Runs a send's plan (its after-commit work included).
	 */
	private UnitSend.Result run(Step<UnitSend.Result> plan) {
		return this.driver.run(plan);
	}

	/**
	 * The {@code DeleteItem} request of a transaction's delete, with its condition.
	 */
	public static DeleteItemRequest deleteItem(Delete delete) {
		return WriteRounds.deleteItem(delete);
	}

}
