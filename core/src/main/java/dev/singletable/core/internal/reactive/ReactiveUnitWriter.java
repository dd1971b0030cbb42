package dev.singletable.core.internal.reactive;

import java.util.List;

import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.UnitSend;
import dev.singletable.core.internal.write.WriteUnit;
import reactor.core.publisher.Mono;

/**
 * Sends {@link WriteUnit}s on the async client: runs the send's plan ({@link UnitSend}, the blocking writer's) on
 * the {@link ReactiveDriver}, inside the blob stage the units carry ({@link dev.singletable.core.internal.write.BlobSend#around}: S3 first, then the
 * items), and observes a send of many as one commit; the send completes once the units' after-commit work (part
 * of the plan) is done.
 */
public final class ReactiveUnitWriter {

	private final ReactiveDynamoDbExecutor executor;

	private final ReactiveDriver driver;

	private final BlobStage blobs;

	private final UnitSend plans;

	/**
	 * A writer that sends units inside the blob stage they carry, adds the per-type counts unit to each request
	 * that creates or deletes while the counts are enabled, and gives the audit rows of each send one transaction id
	 * (see {@link UnitSend}).
	 * @param driver the driver the plans run on (its executor, and the template's blob storage)
	 * @param blobs the template's blob stage (its codec the storage's)
	 */
	public ReactiveUnitWriter(ReactiveDriver driver, BlobStage blobs, TypeCounts counts, AuditRecords audit) {
		ReactiveDynamoDbExecutor executor = driver.executor();
		this.executor = executor;
		this.driver = driver;
		this.blobs = blobs;
		this.plans = new UnitSend(counts, audit, executor::translate);
	}

	/**
	 * The driver this writer runs its plans on.
	 */
	public ReactiveDriver driver() {
		return this.driver;
	}

	/**
	 * Sends one write when subscribed.
	 * @return the entity as stored (by the unit finally sent), empty for an operation without one; or the
	 * operation's exception (translated)
	 */
	public Mono<Object> write(WriteUnit unit) {
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
	 * Sends units as one {@code TransactWriteItems}, all or nothing, when subscribed, observed as a {@code commit}.
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public Mono<UnitSend.Result> writeAll(List<WriteUnit> units) {
		return this.executor.observations().observeCommit(UnitSend.types(units), send(units, true));
	}

	private Mono<UnitSend.Result> send(List<WriteUnit> units, boolean transactional) {
		return this.driver.run(sendPlan(units, transactional));
	}

	private Step<UnitSend.Result> sendPlan(List<WriteUnit> units, boolean transactional) {
		return this.blobs.send().around(units, (leases) -> {
			BlobLocks.checkUsable(leases);
			return this.plans.send(units, transactional);
		});
	}

}
