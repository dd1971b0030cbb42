package dev.singletable.core.internal.write.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.CreatedAtGuard;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The creation-time rule of updates, plain and versioned: an update writes the creation time the entity carries,
 * else the stored one, and never changes the stored creation values ({@code @CreatedBy}, an {@code Auditable}'s);
 * the update's condition guards it as {@link CreatedAtGuard} describes.
 */
public final class CreationTimes {

	private final SingleTableConverter converter;

	public CreationTimes(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * Settles the creation time of an update: the one the entity carries, else the one stored, from the stored
	 * latest item the update's plan read when {@link #needsStoredItem} says so. The entity's {@code @CreatedDate}
	 * property is set to the stored value when that is used. Reads nothing.
	 * @param storedItem the stored latest item, when the plan read it (or a failed write returned it)
	 * @throws NoSuchResourceException when the stored item is needed and there is none
	 */
	public Creation settle(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor, String id,
			@Nullable Map<String, AttributeValue> storedItem) {
		Instant carried = Stamps.createdAt(metadata, accessor);
		List<SingleTablePersistentProperty> creators = metadata.getCreationProperties();
		if (storedItem == null && !needsStoredItem(metadata, accessor)) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		if (storedItem == null) {
			throw new NoSuchResourceException(metadata.getType(), id, null);
		}
		Map<String, AttributeValue> item = storedItem;
		keepCreationValues(metadata, accessor, item, creators);
		Instant stored = this.converter.readCreatedAt(item);
		if (stored == null) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		Stamps.setTimestamp(accessor, metadata.getCreatedDateProperty(), stored);
		AttributeValue attribute = item.get(ItemAttributes.CREATED_AT);
		return new Creation(stored, attribute, CreatedAtGuard.of(metadata.isCompressed(), stored, attribute));
	}

	/**
	 * Whether settling an update's creation time needs the stored latest item: the entity carries no creation time,
	 * or the type has creation properties whose stored values the update keeps. The update's plan reads it first and
	 * hands it to {@link #settle}.
	 */
	public boolean needsStoredItem(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		return Stamps.createdAt(metadata, accessor) == null || !metadata.getCreationProperties().isEmpty();
	}

	/**
	 * Sets the stored values of the creation properties ({@code @CreatedBy}, an {@code Auditable}'s
	 * {@code createdBy}/{@code createdDate}) on the entity: an update never changes them, whether the entity carries
	 * {@literal null} (a bound request body) or another value. A property stored without value takes the entity's.
	 * The write's condition on the stored {@code created_at} makes sure the item is still the one read.
	 */
	@SuppressWarnings("unchecked")
	private void keepCreationValues(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor,
			Map<String, AttributeValue> item, List<SingleTablePersistentProperty> creators) {
		if (creators.isEmpty()) {
			return;
		}
		// the stored item may be another concrete type of a hierarchy: read it as the root, and its properties by name
		Object read = this.converter.read(metadata.getRootType(), item);
		SingleTablePersistentEntity<Object> entity = (SingleTablePersistentEntity<Object>) this.converter
			.getRequiredEntity(read.getClass());
		PersistentPropertyAccessor<Object> stored = entity.getPropertyAccessor(read);
		for (SingleTablePersistentProperty creator : creators) {
			SingleTablePersistentProperty same = (entity == metadata) ? creator
					: entity.getPersistentProperty(creator.getName());
			Object value = (same != null) ? stored.getProperty(same) : null;
			if (value != null) {
				accessor.setProperty(creator, value);
			}
		}
	}

	/**
	 * What an update writes as creation time and how its condition guards it.
	 * @param instant the creation time written
	 * @param stored the stored {@code created_at} attribute, when it was read
	 * @param guard the guard of the update's condition, {@literal null} for none
	 */
	public record Creation(@Nullable Instant instant, @Nullable AttributeValue stored, @Nullable CreatedAtGuard guard) {

		/**
		 * Returns the condition with the guard's added (its names and values registered), when there is one.
		 */
		public String guard(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
			return (this.guard != null) ? condition + " AND " + this.guard.condition(names, values) : condition;
		}

		/**
		 * Returns whether the guard failed the condition on the item the failure returned: the stored creation time
		 * is another one, which a write built again with that item writes.
		 */
		public boolean failedOn(@Nullable Map<String, AttributeValue> old) {
			return this.guard != null && this.guard.failedOn(old);
		}

	}

}
