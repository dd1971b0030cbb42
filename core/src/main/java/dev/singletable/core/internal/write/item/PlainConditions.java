package dev.singletable.core.internal.write.item;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The optimistic conditions of plain types, in one place: on {@code version}, or else on the modification time the
 * entity was read with — also for the items the Python library writes, whose {@code updated_at} may be spelled
 * without a zero fraction or, for a compressed type with its own type index sort key, be only inside {@code data}
 * (then the condition is that the whole {@code data} is still the one checked).
 */
public final class PlainConditions {

	private final SingleTableConverter converter;

	public PlainConditions(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * The optimistic condition of a plain type without a version: {@code updated_at} (or, for items without one,
	 * the type index sort key) is still the one the entity was read with.
	 */
	public static String modifiedCondition(Map<String, String> names, Map<String, AttributeValue> values,
			String expected) {
		names.put("#updated", ItemAttributes.UPDATED_AT);
		names.put("#typesk", ItemAttributes.GSI_TYPE_SK);
		values.put(":expected", AttributeValue.fromS(expected));
		// Python writes isoformat(), which leaves out a zero fraction: accept that spelling too.
		values.put(":short", AttributeValue.fromS(expected.replace(".000000+", "+")));
		return "#updated IN (:expected, :short) OR (attribute_not_exists(#updated) AND #typesk IN (:expected, :short))";
	}

	/**
	 * The condition that the item is still exactly the one whose content was checked: its whole {@code data}
	 * value, which holds its modification time, is unchanged (and it has no top-level {@code updated_at}).
	 */
	public static String unchangedDataCondition(Map<String, String> names, Map<String, AttributeValue> values,
			Map<String, AttributeValue> old) {
		names.put("#updated", ItemAttributes.UPDATED_AT);
		names.put("#data", ItemAttributes.DATA);
		names.remove("#typesk");
		values.clear();
		values.put(":data", old.get(ItemAttributes.DATA));
		return "attribute_exists(#pk) AND attribute_not_exists(#updated) AND #data = :data";
	}

	/**
	 * Returns the modification time inside the {@code data} of a compressed item without a top-level
	 * {@code updated_at}, as the Python library writes a plain compressed type whose type index sort key is not
	 * {@code updated_at}; {@literal null} for any other item.
	 */
	public @Nullable Instant unstampedModification(SingleTablePersistentEntity<?> metadata,
			@Nullable Map<String, AttributeValue> old) {
		SingleTablePersistentProperty modified = metadata.getLastModifiedDateProperty();
		AttributeValue data = (old != null) ? old.get(ItemAttributes.DATA) : null;
		if (!metadata.isCompressed() || metadata.isVersioned() || modified == null || data == null || data.b() == null
				|| old.containsKey(ItemAttributes.UPDATED_AT)) {
			return null;
		}
		Object stored = this.converter.read(metadata.getRootType(), old);
		SingleTablePersistentEntity<?> storedType = this.converter.getRequiredEntity(stored.getClass());
		SingleTablePersistentProperty same = storedType.getLastModifiedDateProperty();
		return (same != null) ? Stamps.toInstant(storedType.getPropertyAccessor(stored).getProperty(same)) : null;
	}

	/**
	 * What a stored item holds in place of what an optimistic condition expected: its version, or its modification
	 * time.
	 */
	public static @Nullable Object storedState(SingleTablePersistentEntity<?> metadata, Map<String, AttributeValue> old,
			@Nullable Instant unstamped) {
		if (metadata.getVersionProperty() != null) {
			return ConditionFailures.storedVersion(old);
		}
		if (unstamped != null) {
			return StorageTimestamps.format(unstamped);
		}
		AttributeValue modified = old.getOrDefault(ItemAttributes.UPDATED_AT, old.get(ItemAttributes.GSI_TYPE_SK));
		return (modified != null) ? modified.s() : null;
	}

}
