package dev.singletable.core.internal.write.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The plan of a send of {@link WriteUnit}s, the same for one write and for a transaction of many, run by the
 * blocking and the reactive driver alike: all items go in one request — a {@code PutItem} or {@code DeleteItem} for
 * a single write of one item, else one {@code TransactWriteItems} ({@link TransientRetry#transact}: one client
 * request token, sent again after a backoff while cancelled for a transient reason). When conditions fail, each
 * unit whose items failed says what that means ({@link WriteRounds#afterFailure}): a replacement to send instead
 * (the units unaffected are sent again with it, all still in one request) or its exception. The per-type counts
 * unit ({@link TypeCounts}) joins every request that creates or deletes, redone each round; a counts row without its
 * map is created before the request is sent again. The audit rows of a request get its transaction id
 * ({@link AuditRecords#stamped}), one per send, kept when the request is sent again with replacements. Once the
 * items are written, the units' after-commit plans run ({@link WriteUnit#afterCommit()}); they never fail the send.
 */
public final class UnitSend {

	private static final Log logger = LogFactory.getLog(UnitSend.class);

	/** The most items one {@code TransactWriteItems} holds. */
	public static final int MAX_ITEMS = 100;

	private final TypeCounts counts;

	private final AuditRecords audit;

	private final BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate;

	/**
	 * @param counts the per-type counts added to the requests while they are enabled
	 * @param audit what makes the transaction ids of audit rows
	 * @param translate translates a failure no unit interprets (the driver's executor's translation)
	 */
	public UnitSend(TypeCounts counts, AuditRecords audit,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		this.counts = counts;
		this.audit = audit;
		this.translate = translate;
	}

	/**
	 * How many items of a transaction the send adds itself: the per-type counts when they are kept.
	 */
	public int reservedItems() {
		return this.counts.enabled() ? 1 : 0;
	}

	/**
	 * The plan of one write.
	 * @return the entity as stored (by the unit finally sent), {@literal null} for an operation without one
	 * @throws RuntimeException (from the plan) the operation's exception, translated, when it fails
	 */
	public Step<Object> write(WriteUnit unit) {
		return resultOf(send(List.of(unit), false));
	}

	/**
	 * The plan of one write's result, given the plan of its send (inside a blob stage, say).
	 * @return the entity as stored (by the unit finally sent), {@literal null} for an operation without one
	 * @throws RuntimeException (from the plan) the operation's exception, translated, when it fails
	 */
	public Step<Object> resultOf(Step<Result> send) {
		return send.then((result) -> {
			if (!result.failures().isEmpty()) {
				throw this.translate.apply(result.failures().get(0).exception(), null);
			}
			return Step.done(result.written().get(0).result());
		});
	}

	/**
	 * The plan of a send of units, alone ({@code transactional = false}: a single write of one item goes as a
	 * {@code PutItem} or {@code DeleteItem}) or as one {@code TransactWriteItems}, all or nothing.
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public Step<Result> send(List<WriteUnit> units, boolean transactional) {
		return send(units, transactional, this.counts::with);
	}

	/**
	 * The plan of a send of the units a transaction collected from several templates of one database factory, as
	 * one {@code TransactWriteItems}: the per-type counts of the senders that keep them in one counts item, each
	 * unit counted under the type name of its own template, and one transaction id for the audit rows, by the first
	 * sender.
	 * @param senders the sender of each unit, by position
	 * @return what was written, or the failed units (then nothing was written)
	 */
	public static Step<Result> sendAll(List<WriteUnit> units, List<UnitSend> senders) {
		List<TypeCounts> counts = senders.stream().map((sender) -> sender.counts).toList();
		return senders.get(0).send(units, true, (current) -> TypeCounts.with(current, counts));
	}

	/**
	 * The senders of units, distinct, in the order of their first unit.
	 */
	public static <W> Map<W, List<WriteUnit>> bySender(List<WriteUnit> units, List<W> senders) {
		Map<W, List<WriteUnit>> bySender = new LinkedHashMap<>();
		for (int i = 0; i < units.size(); i++) {
			bySender.computeIfAbsent(senders.get(i), (sender) -> new ArrayList<>()).add(units.get(i));
		}
		return bySender;
	}

	/**
	 * The type of each unit, in order: what a commit's observation is tagged with.
	 */
	public static List<Class<?>> types(List<WriteUnit> units) {
		Class<?>[] types = new Class<?>[units.size()];
		for (int i = 0; i < types.length; i++) {
			types[i] = units.get(i).type();
		}
		return List.of(types);
	}

	private Step<Result> send(List<WriteUnit> units, boolean transactional, UnaryOperator<List<WriteUnit>> counted) {
		return Step.defer(() -> {
			// made at the first request that carries an audit row, then kept for every round of this send
			Supplier<String> transactionId = SingletonSupplier.of(this.audit::transactionId);
			return round(units, transactional, counted, transactionId, 1);
		});
	}

	private Step<Result> round(List<WriteUnit> current, boolean transactional, UnaryOperator<List<WriteUnit>> counted,
			Supplier<String> transactionId, int round) {
		// the per-type counts join every request that creates or deletes (see TypeCounts), redone each round
		List<WriteUnit> sent = counted.apply(current);
		Function<Answer, Step<Result>> answered = (answer) -> {
			RuntimeException failure = answer.failure();
			if (failure == null) {
				return written(current);
			}
			WriteRounds.Next next = WriteRounds.afterFailure(failure, current, sent, round, this.translate);
			if (next.written()) {
				return written(current);
			}
			if (!next.failures().isEmpty()) {
				return Step.done(new Result(List.of(), next.failures()));
			}
			// the replacements, read first where a unit's is built from what is stored now
			Step<List<WriteUnit>> replacements = Step.all(next.next()).then((units) -> Step.done(List.copyOf(units)));
			if (next.countsRowMissing()) {
				return Step.send(new Request.Plain(this.counts.createRowRequest()), (created) -> {
					created.orThrow();
					return replacements.then((units) -> round(units, transactional, counted, transactionId, round + 1));
				});
			}
			return replacements.then((units) -> round(units, transactional, counted, transactionId, round + 1));
		};
		return WriteRounds.isSingleItem(sent, transactional) ? Step.send(single(sent.get(0).items().get(0)), answered)
				: TransientRetry.transact(AuditRecords.stamped(WriteRounds.items(sent), transactionId), answered);
	}

	/**
	 * The units are written: their after-commit plans run (side by side), then the send is done. They never fail
	 * the send: a failure a plan does not handle itself is logged.
	 */
	private static Step<Result> written(List<WriteUnit> units) {
		List<Step<Object>> work = new ArrayList<>();
		for (WriteUnit unit : units) {
			Step<?> after = unit.afterCommit();
			if (after != null) {
				work.add(Step.<Object>defer(() -> after.then((ignored) -> Step.done(null))).recover((ex) -> {
					logger.warn("The " + unit.describe() + " was written, but what follows its commit failed", ex);
					return Step.done(null);
				}));
			}
		}
		return Step.all(work).then((done) -> Step.done(new Result(units, List.of())));
	}

	private static Request single(TransactWriteItem item) {
		Put put = item.put();
		return (put != null) ? new Request.Write(WriteRounds.putItem(put))
				: new Request.Write(WriteRounds.deleteItem(item.delete()));
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
