package dev.singletable.core.internal.write.send;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.internal.plan.Step;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.ItemFailures;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.internal.write.unit.WriteUnit;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The rules of one round of a send of {@link WriteUnit}s, with no I/O, for the send's plan ({@link UnitSend}):
 * which request a round is (a {@code PutItem} or {@code DeleteItem} for a single write of one item, else
 * {@code TransactWriteItems} of every unit's items), and what a failed request means ({@link #afterFailure}) — each unit whose items failed interpreted
 * through {@link ItemFailures} and its own {@link WriteUnit#onFailure()}: a replacement to send in the next round
 * (with the units unaffected), or its exception.
 */
public final class WriteRounds {

	/** How often a transaction is sent with replacements before a unit that still asks for one fails. */
	static final int MAX_ROUNDS = 3;

	private WriteRounds() {
	}

	/**
	 * Whether a round is sent as a single {@code PutItem} or {@code DeleteItem}: one unit of one put or delete,
	 * outside a transaction.
	 */
	public static boolean isSingleItem(List<WriteUnit> units, boolean transactional) {
		if (transactional || units.size() != 1 || units.get(0).items().size() != 1) {
			return false;
		}
		TransactWriteItem item = units.get(0).items().get(0);
		return item.put() != null || item.delete() != null;
	}

	/**
	 * The {@code PutItem} request of a transaction's put, with its condition.
	 */
	public static PutItemRequest putItem(Put put) {
		return ItemRequests.copied(put, PutItemRequest.builder());
	}

	/**
	 * The {@code DeleteItem} request of a transaction's delete, with its condition.
	 */
	public static DeleteItemRequest deleteItem(Delete delete) {
		return ItemRequests.copied(delete, DeleteItemRequest.builder());
	}

	/**
	 * The items of units, in order: what one {@code TransactWriteItems} sends.
	 */
	public static List<TransactWriteItem> items(List<WriteUnit> units) {
		List<TransactWriteItem> items = new ArrayList<>();
		for (WriteUnit unit : units) {
			items.addAll(unit.items());
		}
		return items;
	}

	/**
	 * What a round's failed request means.
	 * @param ex what the request failed with (as the executor let it through: failed conditions and cancellations
	 * untranslated)
	 * @param current the units of the round
	 * @param sent the units the request held: {@code current} with what the writer added (see {@link TypeCounts})
	 * @param round the round, from 1
	 * @param translate translates an exception no unit interprets, given the request (which names the hot key of a
	 * throttled one)
	 * @return the next step: the units written after all (a lost answer to an applied put), the failed units, or
	 * the units of the next round
	 * @throws RuntimeException what the request failed with, translated, when no unit interprets it
	 */
	public static Next afterFailure(RuntimeException ex, List<WriteUnit> current, List<WriteUnit> sent, int round,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		List<Step<WriteUnit>> next = new ArrayList<>(current.size());
		List<UnitSend.Failure> failures = new ArrayList<>();
		boolean countsRepaired = false;
		if (ex instanceof InvalidDataAccessApiUsageException rejected) {
			throw rejected(current, rejected);
		}
		if (ex instanceof CommitOutcomeUnknownException unknown) {
			throw unknown.about(current.stream().map(WriteUnit::describe).collect(Collectors.joining(", ")));
		}
		if (ex instanceof ConditionalCheckFailedException failed) {
			WriteUnit unit = current.get(0);
			Put put = unit.items().get(0).put();
			if (put != null && ConditionFailures.isOwnRetry(failed, put.item())) {
				// an earlier attempt of its own was applied and only its answer was lost
				return new Next(true, List.of(), List.of());
			}
			interpret(0, unit, ItemFailures.of(failed), round, next, failures);
		}
		else if (ex instanceof TransactionCanceledException cancelled) {
			if (!cancelled.hasCancellationReasons() || TransientRetry.isTransient(cancelled)) {
				throw translate.apply(cancelled, request(sent));
			}
			int offset = 0;
			for (int i = 0; i < sent.size(); i++) {
				WriteUnit unit = sent.get(i);
				int size = unit.items().size();
				ItemFailures failed = ItemFailures.of(cancelled, offset, offset + size);
				if (TypeCounts.isCounts(unit)) {
					countsRepaired = failed.anyFailed() && failed.rejection() == null && round < MAX_ROUNDS;

				}
				else {
					interpret(i, unit, failed, round, next, failures);
				}
				offset += size;
			}
			if (failures.isEmpty() && unchanged(next, current) && !countsRepaired) {
				throw translate.apply(cancelled, request(sent));
			}
		}
		else {
			throw ex;
		}
		return new Next(false, failures.isEmpty() ? List.copyOf(next) : List.of(), List.copyOf(failures),
				countsRepaired && failures.isEmpty());
	}

	/**
	 * The request the units were sent as, so that the translation names the hot key of a throttled one.
	 */
	private static SdkRequest request(List<WriteUnit> sent) {
		return TransactWriteItemsRequest.builder()
			.transactItems(sent.stream().flatMap((unit) -> unit.items().stream()).toList())
			.build();
	}

	private static void interpret(int index, WriteUnit unit, ItemFailures failed, int round,
			List<Step<WriteUnit>> next, List<UnitSend.Failure> failures) {
		String rejection = failed.rejection();
		if (rejection != null) {
			failures.add(new UnitSend.Failure(index, unit, new InvalidDataAccessApiUsageException(
					"DynamoDB rejected the " + unit.describe() + ": " + rejection + "; nothing was written")));
			return;
		}
		if (!failed.anyFailed()) {
			next.add(Step.done(unit));
			return;
		}
		WriteUnit.Outcome outcome = unit.onFailure().apply(failed);
		if (outcome.retry() != null && round < MAX_ROUNDS) {
			next.add(outcome.retry());
		}
		else {
			failures.add(new UnitSend.Failure(index, unit, (outcome.failure() != null) ? outcome.failure()
					: new ConcurrencyFailureException("The " + unit.describe() + " kept failing its conditions after "
							+ MAX_ROUNDS + " attempts; nothing was written")));
		}
	}

	/**
	 * A request DynamoDB rejected as a whole (a validation error reported for the request rather than per item):
	 * names the operations it held.
	 */
	private static InvalidDataAccessApiUsageException rejected(List<WriteUnit> units,
			InvalidDataAccessApiUsageException ex) {
		String operations = units.stream().map(WriteUnit::describe).collect(Collectors.joining(", "));
		return new InvalidDataAccessApiUsageException("DynamoDB rejected the request of " + ((units.size() == 1)
				? "the " + operations : units.size() + " operations (" + operations + ")") + ": "
				+ ex.getMostSpecificCause().getMessage() + "; nothing was written", ex);
	}

	/**
	 * Whether the next round would send the same units as the current one: no unit was replaced.
	 */
	private static boolean unchanged(List<Step<WriteUnit>> next, List<WriteUnit> current) {
		if (next.size() != current.size()) {
			return false;
		}
		for (int i = 0; i < next.size(); i++) {
			if (!(next.get(i) instanceof Step.Done<WriteUnit> done) || !current.get(i).equals(done.result())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The step after a failed round.
	 * @param written whether the units were written after all
	 * @param next the plans of the units of the next round, each done at once or reading what it needs first
	 * (empty when the send is over)
	 * @param failures the units that failed (then nothing was written)
	 * @param countsRowMissing whether the per-type counts unit failed because the counts row has no map yet: the
	 * writer sends {@link TypeCounts#createRowRequest} before the next round
	 */
	public record Next(boolean written, List<Step<WriteUnit>> next, List<UnitSend.Failure> failures,
			boolean countsRowMissing) {

		public Next(boolean written, List<Step<WriteUnit>> next, List<UnitSend.Failure> failures) {
			this(written, next, failures, false);
		}

	}

}
