package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.mapping.callback.EntityCallback;
import org.springframework.data.mapping.callback.EntityCallbacks;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the template invokes the entity callbacks ({@code dev.singletable.core.mapping.event}), in one place; each
 * invocation does nothing until the template has {@link EntityCallbacks}. Reads get them through
 * {@link #reading(SingleTableConverter)}, a converter whose {@code read} calls the after-convert callbacks.
 */
public final class Callbacks {

	private volatile @Nullable EntityCallbacks callbacks;

	private volatile @Nullable BeanFactory discoverIn;

	public void set(@Nullable EntityCallbacks callbacks) {
		this.callbacks = callbacks;
		this.discoverIn = null;
	}

	/**
	 * Takes the callbacks from the {@code EntityCallback} beans of a bean factory, made at the first invocation:
	 * Spring Data's discovery is nothing a template needs before its first write or read.
	 * @param beanFactory where the callbacks are beans
	 */
	public void discover(BeanFactory beanFactory) {
		this.discoverIn = beanFactory;
	}

	public boolean isSet() {
		return this.callbacks != null || this.discoverIn != null;
	}

	private @Nullable EntityCallbacks current() {
		EntityCallbacks current = this.callbacks;
		if (current == null) {
			BeanFactory beanFactory = this.discoverIn;
			if (beanFactory != null) {
				// made once, or alike by threads racing to the first invocation
				current = EntityCallbacks.create(beanFactory);
				this.callbacks = current;
			}
		}
		return current;
	}

	/**
	 * Runs the callbacks of one type on an entity, answering what they return (the entity itself when the template
	 * has none): what a write's plan asks its caller for ({@code CallerRequest.Callback}).
	 * @param type the callback type, such as {@code BeforeSaveCallback.class}
	 * @param args what the callbacks get besides the entity (the latest item, for the save callbacks)
	 */
	public Object invoke(@SuppressWarnings("rawtypes") Class<? extends EntityCallback> type, Object entity,
			Object... args) {
		EntityCallbacks current = current();
		return (current == null) ? entity : current.callback(type, entity, args);
	}

	public <T> T afterDelete(T entity) {
		EntityCallbacks current = current();
		return (current == null) ? entity : current.callback(AfterDeleteCallback.class, entity);
	}

	<T> T afterConvert(T entity, Map<String, AttributeValue> item) {
		EntityCallbacks current = current();
		return (current == null) ? entity : current.callback(AfterConvertCallback.class, entity, Collections.unmodifiableMap(item));
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
