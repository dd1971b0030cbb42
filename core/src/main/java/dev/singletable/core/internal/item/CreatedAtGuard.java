package dev.singletable.core.internal.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rule that an update never changes the stored creation time, for items that keep {@code created_at} at the
 * top level (uncompressed types): the update's condition requires the stored {@code created_at} to be the one the
 * update writes. When it is not, the update is written again with the stored value, which the failed condition
 * returned. An item without a stored creation time (absent or {@code NULL}) accepts the one the update carries.
 * <p>
 * Compressed types keep {@code created_at} inside the gzip {@code data}, where no condition reaches: for them the
 * template writes what the entity carries, and reads the stored value (one strongly consistent {@code GetItem})
 * only when the entity carries none.
 */
public final class CreatedAtGuard {

	private final List<AttributeValue> accepted;

	private final boolean acceptsNone;

	private CreatedAtGuard(List<AttributeValue> accepted, boolean acceptsNone) {
		this.accepted = accepted;
		this.acceptsNone = acceptsNone;
	}

	/**
	 * Returns the guard of an update.
	 * @param compressed whether the type is compressed (no guard then)
	 * @param carried the creation time the entity carries, if any
	 * @param stored the stored {@code created_at} attribute when it was read back, if any
	 * @return the guard, or {@literal null} when there is nothing to guard
	 */
	public static @Nullable CreatedAtGuard of(boolean compressed, @Nullable Instant carried, @Nullable AttributeValue stored) {
		if (compressed) {
			return null;
		}
		if (stored != null && stored.s() != null) {
			return new CreatedAtGuard(List.of(stored), false);
		}
		if (carried == null) {
			return null;
		}
		String formatted = StorageTimestamps.format(carried);
		List<AttributeValue> accepted = new ArrayList<>(2);
		accepted.add(AttributeValue.fromS(formatted));
		// Python's isoformat() leaves out a zero fraction: accept that spelling too
		String shortForm = formatted.replace(".000000+", "+");
		if (!shortForm.equals(formatted)) {
			accepted.add(AttributeValue.fromS(shortForm));
		}
		return new CreatedAtGuard(List.copyOf(accepted), true);
	}

	/**
	 * Adds the guard's names and values and returns its condition.
	 * @param names the expression attribute names to add to
	 * @param values the expression attribute values to add to
	 * @return the condition
	 */
	public String condition(Map<String, String> names, Map<String, AttributeValue> values) {
		names.put("#created", ItemAttributes.CREATED_AT);
		StringBuilder condition = new StringBuilder("(#created IN (");
		for (int i = 0; i < this.accepted.size(); i++) {
			values.put(":created" + i, this.accepted.get(i));
			condition.append((i > 0) ? ", " : "").append(":created").append(i);
		}
		condition.append(')');
		if (this.acceptsNone) {
			values.put(":nullType", AttributeValue.fromS("NULL"));
			condition.append(" OR attribute_not_exists(#created) OR attribute_type(#created, :nullType)");
		}
		return condition.append(')').toString();
	}

	/**
	 * Returns whether the guard is what failed the condition on an item the failure returned: the item holds
	 * another creation time.
	 * @param old the item as stored, empty when there is none
	 * @return whether to write again with the stored creation time
	 */
	public boolean failedOn(@Nullable Map<String, AttributeValue> old) {
		if (old == null || old.isEmpty()) {
			return false;
		}
		AttributeValue created = old.get(ItemAttributes.CREATED_AT);
		if (created == null || created.s() == null) {
			return !this.acceptsNone;
		}
		return !this.accepted.contains(created);
	}

}
