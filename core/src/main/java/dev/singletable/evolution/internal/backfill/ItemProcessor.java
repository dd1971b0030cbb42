package dev.singletable.evolution.internal.backfill;

import java.util.Map;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a run does with each selected item it reads: one attempt, whose writes are conditioned on the item as
 * given. When a condition fails (a concurrent write changed the item; {@code ConditionFailures.isStale}) or the
 * processor throws {@link StaleItemException}, the run reads the item again, strongly consistent, and gives the
 * fresh copy to another attempt; an item gone by then is skipped.
 */
@FunctionalInterface
public interface ItemProcessor {

	/**
	 * Works one item.
	 * @param item the stored item as read
	 * @param requests the run's requests (capacity limited and counted)
	 * @return whether it wrote or found the item already as it should be
	 */
	Outcome process(Map<String, AttributeValue> item, RunRequests requests);

	/**
	 * A processor whose work on an item is a plan ({@link Step}) of requests to the table, which the run sends
	 * capacity limited and counted: unit-tested on scripted answers.
	 */
	interface Planned extends ItemProcessor {

		/**
		 * The plan of the work on one item: a failed condition fails it as DynamoDB reports it.
		 * @param tableName the table's name
		 * @param item the stored item as read
		 */
		Step<Outcome> plan(String tableName, Map<String, AttributeValue> item);

		@Override
		default Outcome process(Map<String, AttributeValue> item, RunRequests requests) {
			return requests.run(plan(requests.tableName(), item));
		}

	}

	/**
	 * Thrown by a processor whose write found the item changed since it was read (through a path that reports it
	 * as a domain exception, such as the template's {@code VersionConflictException}).
	 */
	final class StaleItemException extends RuntimeException {

		public StaleItemException(Throwable cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * The key of an item.
	 */
	static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
		return Map.of(ItemAttributes.PK, item.get(ItemAttributes.PK), ItemAttributes.SK, item.get(ItemAttributes.SK));
	}

}
