package dev.singletable.core.internal.write.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobSend;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import software.amazon.awssdk.core.SdkRequest;

/**
 * How a template sends its {@link WriteUnit}s, as a plan value both drivers run: the send's plan ({@link UnitSend}:
 * one request, the per-type counts, the audit rows' transaction id, the rounds after failed conditions) inside the
 * template's blob stage ({@link BlobSend#around}: S3 first, then the items). The commit of a transaction
 * ({@link #commit}) sends the units every template that joined it collected, each inside its own template's blob
 * stage, as one {@code TransactWriteItems}.
 */
public final class UnitSender {

	private final BlobStage blobs;

	private final UnitSend send;

	/**
	 * @param blobs the template's blob stage (its codec the storage's)
	 * @param counts the template's per-type counts, added to the requests while they are enabled
	 * @param audit what makes the transaction ids of audit rows
	 * @param translate translates a failure no unit interprets (the template's executor's translation)
	 */
	public UnitSender(BlobStage blobs, TypeCounts counts, AuditRecords audit,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		this.blobs = blobs;
		this.send = new UnitSend(counts, audit, translate);
	}

	/**
	 * How many items of a transaction the send adds itself: the per-type counts when they are kept.
	 */
	public int reservedItems() {
		return this.send.reservedItems();
	}

	/**
	 * The plan of one write, inside the blob stage it carries.
	 * @return the entity as stored (by the unit finally sent), {@literal null} for an operation without one
	 * @throws RuntimeException (from the plan) the operation's exception, translated, when it fails
	 */
	public Step<Object> write(WriteUnit unit) {
		return this.send.resultOf(around(List.of(unit), false));
	}

	/**
	 * The plan of a send of units as one {@code TransactWriteItems}, all or nothing, inside the blob stage they
	 * carry.
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public Step<UnitSend.Result> transact(List<WriteUnit> units) {
		return around(units, true);
	}

	private Step<UnitSend.Result> around(List<WriteUnit> units, boolean transactional) {
		return this.blobs.send().around(units, (leases) -> {
			BlobLocks.checkUsable(leases);
			return this.send.send(units, transactional);
		}, (result) -> result.failures().isEmpty());
	}

	/**
	 * The plan of the commit of the units a transaction collected from the templates of one database factory, as
	 * one {@code TransactWriteItems}, all or nothing. The units of one template go through its
	 * {@link #transact(List)}. Those of several are sent with one plan ({@link UnitSend#sendAll}: one counts item,
	 * one transaction id) inside the blob stage of each template around its own units: each stage entered in the
	 * order the templates joined and left in reverse, on its own template ({@code placement}: its driver's blob
	 * storage), every stage's locks checked right before the request; a stage entered is left (discarding what it
	 * uploaded) when a later one cannot be entered or the items fail.
	 * @param units the units, in the order they were collected
	 * @param templates the template of each unit, by position
	 * @param senderOf the sender of a template
	 * @param placement runs a part of the plan on a given template
	 * @param <T> what identifies a template
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public static <T> Step<UnitSend.Result> commit(List<WriteUnit> units, List<T> templates,
			Function<T, UnitSender> senderOf, Placement<T> placement) {
		Map<T, List<WriteUnit>> byTemplate = UnitSend.bySender(units, templates);
		if (byTemplate.size() == 1) {
			return senderOf.apply(templates.get(0)).transact(units);
		}
		List<Map.Entry<T, List<WriteUnit>>> stages = List.copyOf(byTemplate.entrySet());
		List<UnitSend> sends = templates.stream().map((template) -> senderOf.apply(template).send).toList();
		return enter(stages, 0, List.of(), senderOf, placement)
			.then((entered) -> Step.defer(() -> {
				entered.forEach((stage) -> BlobLocks.checkUsable(stage.leases()));
				return UnitSend.sendAll(units, sends);
			})
				.recover((ex) -> exit(stages, entered, false, senderOf, placement).then((ignored) -> {
					throw ex;
				}))
				.then((result) -> exit(stages, entered, result.failures().isEmpty(), senderOf, placement)
					.then((ignored) -> Step.done(result))));
	}

	/**
	 * Enters the stages from {@code index} on, one after another; when one cannot be entered, those entered are left
	 * before the failure goes on.
	 */
	private static <T> Step<List<BlobSend.Entered>> enter(List<Map.Entry<T, List<WriteUnit>>> stages, int index,
			List<BlobSend.Entered> entered, Function<T, UnitSender> senderOf, Placement<T> placement) {
		if (index == stages.size()) {
			return Step.done(entered);
		}
		Map.Entry<T, List<WriteUnit>> own = stages.get(index);
		return placement.on(own.getKey(), senderOf.apply(own.getKey()).blobs.send().enter(own.getValue()))
			.recover((ex) -> exit(stages, entered, false, senderOf, placement).then((ignored) -> {
				throw ex;
			}))
			.then((stage) -> {
				List<BlobSend.Entered> next = new ArrayList<>(entered);
				next.add(stage);
				return enter(stages, index + 1, List.copyOf(next), senderOf, placement);
			});
	}

	/**
	 * Leaves the entered stages in reverse order, each on its own template.
	 */
	private static <T> Step<Void> exit(List<Map.Entry<T, List<WriteUnit>>> stages, List<BlobSend.Entered> entered,
			boolean written, Function<T, UnitSender> senderOf, Placement<T> placement) {
		Step<Void> exits = Step.done(null);
		for (int i = entered.size() - 1; i >= 0; i--) {
			T template = stages.get(i).getKey();
			BlobSend.Entered stage = entered.get(i);
			exits = exits.then((ignored) -> placement.on(template, senderOf.apply(template).blobs.send().exit(stage, written)));
		}
		return exits;
	}

	/**
	 * Runs a part of a commit's plan on a given template: with its driver (its blob storage) and its caller.
	 * @param <T> what identifies a template
	 */
	@FunctionalInterface
	public interface Placement<T> {

		/**
		 * The plan that runs {@code plan} on {@code template}.
		 */
		<R> Step<R> on(T template, Step<R> plan);

	}

}
