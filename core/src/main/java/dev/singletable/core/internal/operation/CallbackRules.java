package dev.singletable.core.internal.operation;

import java.util.Map;
import java.util.Objects;

import org.springframework.data.mapping.PersistentPropertyAccessor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * The rules of a write's entity callbacks, the same whoever runs them: what a before-convert callback may not change,
 * and which item the save callbacks are handed.
 */
final class CallbackRules {

	private CallbackRules() {
	}

	/**
	 * The entity a before-convert callback returned, with the {@code @CreatedDate}/{@code @LastModifiedDate}
	 * values the given entity carried: the template owns them (its increasing timestamps, and the modification time
	 * a plain type's optimistic condition expects).
	 * @param entity the entity given to the write
	 * @param converted what the callbacks returned
	 */
	static <T> T keepTemplateStamps(SingleTablePersistentEntity<T> metadata, T entity, T converted) {
		PersistentPropertyAccessor<T> original = metadata.getPropertyAccessor(entity);
		SingleTablePersistentProperty created = metadata.getCreatedDateProperty();
		SingleTablePersistentProperty modified = metadata.getLastModifiedDateProperty();
		Object createdValue = (created != null) ? original.getProperty(created) : null;
		Object modifiedValue = (modified != null) ? original.getProperty(modified) : null;
		PersistentPropertyAccessor<T> after = metadata.getPropertyAccessor(converted);
		if ((created == null || Objects.equals(after.getProperty(created), createdValue))
				&& (modified == null || Objects.equals(after.getProperty(modified), modifiedValue))) {
			return converted;
		}
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, converted);
		if (created != null) {
			accessor.setProperty(created, createdValue);
		}
		if (modified != null) {
			accessor.setProperty(modified, modifiedValue);
		}
		return accessor.getBean();
	}

	/**
	 * The latest item a unit puts: the one carrying the type index attribute (history items never do).
	 */
	static Map<String, AttributeValue> latestItem(WriteUnit unit) {
		for (TransactWriteItem item : unit.items()) {
			if (item.put() != null && item.put().item().containsKey(ItemAttributes.GSI_TYPE)) {
				return item.put().item();
			}
		}
		return Map.of();
	}

}
