package dev.singletable.core.internal.write.item;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;


/**
 * What failed among the items of one {@code WriteUnit}, whichever request carried them: the cancellation reasons of
 * a {@code TransactWriteItems} (the slice that belongs to the unit), or the failed condition of a single
 * {@code PutItem}/{@code DeleteItem}. Indexes are the unit's own, from 0.
 */
public final class ItemFailures {

	static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

	private final List<CancellationReason> reasons;

	private ItemFailures(List<CancellationReason> reasons) {
		this.reasons = reasons;
	}

	/**
	 * The reasons of a cancelled transaction for the items {@code from} (inclusive) to {@code to} (exclusive).
	 */
	public static ItemFailures of(TransactionCanceledException ex, int from, int to) {
		List<CancellationReason> all = ex.hasCancellationReasons() ? ex.cancellationReasons() : List.of();
		return new ItemFailures(all.subList(Math.min(from, all.size()), Math.min(to, all.size())));
	}

	/**
	 * The failed condition of a single-item write, as the item's only reason.
	 */
	public static ItemFailures of(ConditionalCheckFailedException ex) {
		return new ItemFailures(List.of(CancellationReason.builder()
			.code(CONDITIONAL_CHECK_FAILED)
			.item(ex.hasItem() ? ex.item() : null)
			.message(ex.getMessage())
			.build()));
	}

	/**
	 * Returns whether the condition of the item at {@code index} failed.
	 */
	public boolean failed(int index) {
		return CONDITIONAL_CHECK_FAILED.equals(code(index));
	}

	/**
	 * Returns whether any condition of the unit failed.
	 */
	public boolean anyFailed() {
		for (int i = 0; i < this.reasons.size(); i++) {
			if (failed(i)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether the item at {@code index}, and no other, failed its condition.
	 */
	public boolean onlyFailed(int index) {
		for (int i = 0; i < this.reasons.size(); i++) {
			if (failed(i) != (i == index)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the first reason that is neither "None" nor a failed condition (a validation error, say), as
	 * {@code "Code (message)"}; {@literal null} when there is none.
	 */
	public @Nullable String rejection() {
		for (CancellationReason reason : this.reasons) {
			String code = reason.code();
			if (code != null && !"None".equals(code) && !CONDITIONAL_CHECK_FAILED.equals(code)) {
				return code + ((reason.message() != null) ? " (" + reason.message() + ")" : "");
			}
		}
		return null;
	}

	/**
	 * Returns the stored item the failed condition at {@code index} found ({@code ALL_OLD}), {@literal null} when
	 * there was none or it was not asked for.
	 */
	public @Nullable Map<String, AttributeValue> oldItem(int index) {
		if (!failed(index)) {
			return null;
		}
		Map<String, AttributeValue> item = this.reasons.get(index).item();
		return (item == null || item.isEmpty()) ? null : item;
	}

	private @Nullable String code(int index) {
		return (index < this.reasons.size()) ? this.reasons.get(index).code() : null;
	}

}
