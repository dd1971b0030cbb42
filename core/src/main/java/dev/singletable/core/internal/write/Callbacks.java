package dev.singletable.core.internal.write;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.callback.EntityCallbacks;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the template invokes the entity callbacks ({@code dev.singletable.core.mapping.event}), in one place; each
 * invocation does nothing until the template has {@link EntityCallbacks}. Reads get them through
 * {@link #reading(SingleTableConverter)}, a converter whose {@code read} calls the after-convert callbacks.
 */
public final class Callbacks {

	private volatile @Nullable EntityCallbacks callbacks;

	public void set(@Nullable EntityCallbacks callbacks) {
		this.callbacks = callbacks;
	}

	public boolean isSet() {
		return this.callbacks != null;
	}

	/**
	 * Runs the before-convert callbacks; the {@code @CreatedDate}/{@code @LastModifiedDate} values the template
	 * stamps are kept as the entity carried them (the template owns them: its increasing timestamps, and the
	 * modification time a plain type's optimistic condition expects).
	 */
	public <T> T beforeConvert(SingleTablePersistentEntity<T> metadata, T entity) {
		EntityCallbacks current = this.callbacks;
		if (current == null) {
			return entity;
		}
		return keepTemplateStamps(metadata, entity, current.callback(BeforeConvertCallback.class, entity));
	}

	/**
	 * The entity a before-convert callback returned, with the {@code @CreatedDate}/{@code @LastModifiedDate}
	 * values the given entity carried: the template owns them (its increasing timestamps, and the modification time
	 * a plain type's optimistic condition expects). The one rule for the blocking and the reactive callbacks.
	 * @param entity the entity given to the write
	 * @param converted what the callbacks returned
	 */
	public static <T> T keepTemplateStamps(SingleTablePersistentEntity<T> metadata, T entity, T converted) {
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

	/** Runs the before-save callbacks on the entity of a unit and the latest item it writes. */
	public @Nullable Object beforeSave(@Nullable Object entity, WriteUnit unit) {
		EntityCallbacks current = this.callbacks;
		return (current == null || entity == null) ? entity
				: current.callback(BeforeSaveCallback.class, entity, latestItem(unit));
	}

	/** Runs the after-save callbacks on the entity of a written unit. */
	public @Nullable Object afterSave(@Nullable Object entity, WriteUnit unit) {
		EntityCallbacks current = this.callbacks;
		return (current == null || entity == null) ? entity
				: current.callback(AfterSaveCallback.class, entity, latestItem(unit));
	}

	public <T> T afterDelete(T entity) {
		EntityCallbacks current = this.callbacks;
		return (current == null) ? entity : current.callback(AfterDeleteCallback.class, entity);
	}

	<T> T afterConvert(T entity, Map<String, AttributeValue> item) {
		EntityCallbacks current = this.callbacks;
		return (current == null) ? entity : current.callback(AfterConvertCallback.class, entity, Collections.unmodifiableMap(item));
	}

	/**
	 * The latest item a unit puts: the one carrying the type index attribute (history items never do).
	 */
	public static Map<String, AttributeValue> latestItem(WriteUnit unit) {
		for (TransactWriteItem item : unit.items()) {
			if (item.put() != null && item.put().item().containsKey(ItemAttributes.GSI_TYPE)) {
				return item.put().item();
			}
		}
		return Map.of();
	}

	/**
	 * A converter that reads as the given one does and then runs the after-convert callbacks.
	 */
	public SingleTableConverter reading(SingleTableConverter converter) {
		return new ReadingConverter(converter, this);
	}

	private record ReadingConverter(SingleTableConverter delegate, Callbacks callbacks) implements SingleTableConverter {

		@Override
		public SingleTableMappingContext getMappingContext() {
			return this.delegate.getMappingContext();
		}

		@Override
		public <T> SingleTablePersistentEntity<T> getRequiredEntity(Class<T> type) {
			return this.delegate.getRequiredEntity(type);
		}

		@Override
		public Map<String, AttributeValue> writeBody(Object entity, @Nullable Instant createdAt, Instant updatedAt) {
			return this.delegate.writeBody(entity, createdAt, updatedAt);
		}

		@Override
		public Map<String, AttributeValue> historyBody(Class<?> type, Map<String, AttributeValue> body) {
			return this.delegate.historyBody(type, body);
		}

		@Override
		public boolean isInstance(Class<?> type, Map<String, AttributeValue> item) {
			return this.delegate.isInstance(type, item);
		}

		@Override
		public <T> T read(Class<T> type, Map<String, AttributeValue> item) {
			return this.callbacks.afterConvert(this.delegate.read(type, item), item);
		}

		@Override
		public @Nullable Instant readCreatedAt(Map<String, AttributeValue> item) {
			return this.delegate.readCreatedAt(item);
		}

		@Override
		public AttributeValue writeValue(@Nullable Object value) {
			return this.delegate.writeValue(value);
		}

		@Override
		public String getStoredName(SingleTablePersistentProperty property) {
			return this.delegate.getStoredName(property);
		}

		@Override
		public JsonMapper getJsonMapper() {
			return this.delegate.getJsonMapper();
		}

	}

}
