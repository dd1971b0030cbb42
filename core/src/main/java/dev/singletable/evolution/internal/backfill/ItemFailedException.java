package dev.singletable.evolution.internal.backfill;

import java.util.Map;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A processor failed on one item for a reason of its own (a transform that threw): the run fails, naming the item
 * and the run, and keeps its checkpoints so that it resumes once the cause is fixed.
 */
public final class ItemFailedException extends RuntimeException {

	private final String pk;

	private final String sk;

	ItemFailedException(BackfillPlan plan, Map<String, AttributeValue> key, RuntimeException cause) {
		super("Backfill " + plan.describe() + " failed on the item pk '" + key.get(ItemAttributes.PK).s() + "', sk '"
				+ key.get(ItemAttributes.SK).s() + "': " + cause, cause);
		this.pk = key.get(ItemAttributes.PK).s();
		this.sk = key.get(ItemAttributes.SK).s();
	}

	/**
	 * Returns the partition key of the item the run failed on.
	 */
	public String getPk() {
		return this.pk;
	}

	/**
	 * Returns the sort key of the item the run failed on.
	 */
	public String getSk() {
		return this.sk;
	}

}
