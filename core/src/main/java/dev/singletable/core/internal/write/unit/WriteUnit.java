package dev.singletable.core.internal.write.unit;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemFailures;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One write as a value: the items and conditions one operation (a versioned create, update, restore or delete, a
 * plain put, update or delete, an atomic update, a condition check) needs, how to interpret their failure, and what
 * to do once they are written. Each write operation (the operation classes of {@code core.internal.write}:
 * {@code CreateOperation}, {@code VersionedUpdateOperation}, {@code RestoreVersionOperation},
 * {@code PlainUpdateOperation}, {@code UpsertOperation}, {@code PutAllOperation}, {@code DeleteOperation},
 * {@code DeleteByIdOperation}, {@code DeleteVersionOperation}, {@code ConditionCheckOperation}; the atomic updates
 * of {@code AtomicUpdates}) makes its own; stages add to it what their rule needs ({@link AuditRecords} its audit row, {@link BlobStage} the
 * objects in S3). A single write, a batch and a multi-item transaction all send units through the
 * {@code UnitSender}.
 * @param operation the operation, as named to users ({@code "update"}, {@code "increment"})
 * @param type the entity type
 * @param id the resource id
 * @param items the items, in the order they are sent
 * @param onFailure what failed conditions mean, as the operation that made the unit says it: a replacement unit to
 * send instead (a retry, which the operation builds again itself), or the exception
 * @param afterCommit the plan of what to do once the items are written ({@literal null} for nothing), such as
 * trimming a longer history; never part of the transaction, and never failing the write (a failure is logged)
 * @param result the entity as stored, if the operation has one
 * @param blobs what the {@link BlobStage} prepared for the unit (the objects it uploads before its items are sent,
 * the resource whose blob lock it holds), {@literal null} for a unit without objects
 */
public record WriteUnit(String operation, Class<?> type, String id, List<TransactWriteItem> items,
		Function<ItemFailures, Outcome> onFailure, @Nullable Step<?> afterCommit, @Nullable Object result,
		BlobStage.@Nullable Staged blobs) {

	/**
	 * A unit whose failed conditions always mean the given exception.
	 */
	public static WriteUnit failingWith(String operation, Class<?> type, String id, List<TransactWriteItem> items,
			Function<ItemFailures, RuntimeException> failure, @Nullable Object result) {
		return new WriteUnit(operation, type, id, List.copyOf(items), (failures) -> Outcome.fail(failure.apply(failures)),
				null, result, null);
	}

	/**
	 * Returns the same unit with another plan after the write.
	 */
	public WriteUnit afterCommit(@Nullable Step<?> work) {
		return new WriteUnit(this.operation, this.type, this.id, this.items, this.onFailure, work, this.result,
				this.blobs);
	}

	/**
	 * Returns the same unit with unconditioned items added after its own (such as the deletes of a versioned
	 * resource's history): the meaning of a failure, which only conditioned items can have, stays the same.
	 */
	public WriteUnit with(List<TransactWriteItem> unconditioned) {
		List<TransactWriteItem> all = new java.util.ArrayList<>(this.items);
		all.addAll(unconditioned);
		return new WriteUnit(this.operation, this.type, this.id, List.copyOf(all), this.onFailure, this.afterCommit,
				this.result, this.blobs);
	}

	/**
	 * Names the operation for messages: {@code "update of Order 'o1'"}.
	 */
	public String describe() {
		return this.operation + " of " + this.type.getSimpleName() + " '" + this.id + "'";
	}

	/**
	 * Names the operation with the items it takes, for the 100-item limit:
	 * {@code "update of Document 'x': 2 items (v5, v0)"}.
	 */
	public String describeItems() {
		return describe() + ": " + this.items.size() + ((this.items.size() == 1) ? " item (" : " items (")
				+ this.items.stream().map(this::itemLabel).collect(java.util.stream.Collectors.joining(", ")) + ")";
	}

	/**
	 * Names one item of the unit by its sort key: a version ({@code v5}), the latest item ({@code v0}), a deleted
	 * one ({@code delete v2}), a condition check ({@code check v1}), an
	 * audit row; a plain type's one item is {@code item}.
	 */
	private String itemLabel(TransactWriteItem item) {
		Map<String, AttributeValue> key = keyOf(item);
		AttributeValue pk = key.get(ItemAttributes.PK);
		AttributeValue sk = key.get(ItemAttributes.SK);
		// a plain type's one item has its partition key as sort key
		String sortKey = (sk == null || sk.s() == null || sk.equals(pk)) ? "item" : sk.s();
		if (pk != null && pk.s() != null && pk.s().startsWith(dev.singletable.core.internal.audit.AuditItems.PREFIX)) {
			return "audit row";
		}
		if (pk != null && pk.s() != null && pk.s().startsWith("_INTERNAL#") && item.put() != null) {
			// an internal item of its own unit, such as an event publication
			return this.operation;
		}
		if (item.delete() != null) {
			return "delete " + sortKey;
		}
		if (item.conditionCheck() != null) {
			return "check " + sortKey;
		}
		return (item.update() != null) ? "update " + sortKey : sortKey;
	}

	/**
	 * Returns the keys of the items, to find two operations on one item.
	 */
	public static Map<String, AttributeValue> keyOf(TransactWriteItem item) {
		if (item.put() != null) {
			Map<String, AttributeValue> stored = item.put().item();
			return Map.of(ItemAttributes.PK, stored.get(ItemAttributes.PK), ItemAttributes.SK, stored.get(ItemAttributes.SK));
		}
		if (item.update() != null) {
			return item.update().key();
		}
		if (item.delete() != null) {
			return item.delete().key();
		}
		return item.conditionCheck().key();
	}

	/**
	 * What a unit's failed conditions mean.
	 * @param retry the plan of the unit to send instead (done at once, or reading what it needs first)
	 * @param failure the exception the operation fails with
	 */
	public record Outcome(@Nullable Step<WriteUnit> retry, @Nullable RuntimeException failure) {

		public static Outcome retryWith(WriteUnit unit) {
			return new Outcome(Step.done(unit), null);
		}

		/**
		 * The unit to send instead is the one a plan builds: it reads what it needs (the stored versions again,
		 * say) before the next round is sent.
		 */
		public static Outcome retryWith(Step<WriteUnit> plan) {
			return new Outcome(plan, null);
		}

		public static Outcome fail(RuntimeException failure) {
			return new Outcome(null, failure);
		}

	}

}
