package dev.singletable.core.internal.write.unit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import tools.jackson.databind.JavaType;

/**
 * The lazy loading of blob properties ({@code loadBlob}/{@code loadBlobs}) as plans both templates run on their
 * driver: the item of the entity's version names the objects (one strongly consistent {@code GetItem} of the
 * references, {@link #locations}), then each is read from the template's blob storage.
 */
public final class BlobReads {

	private final String tableName;

	private final SingleTableConverter converter;

	/**
	 * @param tableName the table the items naming the objects are read from
	 * @param converter the converter
	 */
	public BlobReads(String tableName, SingleTableConverter converter) {
		this.tableName = tableName;
		this.converter = converter;
	}

	/**
	 * The plan that loads one blob property of an entity as read: the item naming its object, then the object.
	 * @param storage refuses a type without blob storage, before anything is sent
	 * @return the value, {@literal null} when the entity's item has no object for it
	 */
	public Step<@Nullable Object> load(Object entity, String propertyName,
			Consumer<SingleTablePersistentEntity<?>> storage) {
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			SingleTablePersistentProperty property = property(metadata, propertyName);
			storage.accept(metadata);
			return locations(target(entity)).then((locations) -> {
				BlobLocation location = locations.get(storedName(property));
				return (location != null) ? read(property, location) : Step.done(null);
			});
		});
	}

	/**
	 * The plan that loads every blob property of an entity as read: the item naming the objects, then each object,
	 * one after another in the order of the properties.
	 * @param storage refuses a type without blob storage, before anything is sent
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	public <T> Step<T> loadAll(T entity, Consumer<SingleTablePersistentEntity<?>> storage) {
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			if (!BlobStage.hasBlobs(metadata)) {
				return Step.done(entity);
			}
			storage.accept(metadata);
			return locations(target(entity)).then((locations) -> readAll(entity, metadata.getBlobProperties(), 0,
					locations, new LinkedHashMap<>()));
		});
	}

	private <T> Step<T> readAll(T entity, List<SingleTablePersistentProperty> properties, int next,
			Map<String, BlobLocation> locations, Map<SingleTablePersistentProperty, @Nullable Object> values) {
		if (next == properties.size()) {
			return Step.done(withValues(entity, values));
		}
		SingleTablePersistentProperty property = properties.get(next);
		BlobLocation location = locations.get(storedName(property));
		return ((location != null) ? read(property, location) : Step.<@Nullable Object>done(null)).then((value) -> {
			values.put(property, value);
			return readAll(entity, properties, next + 1, locations, values);
		});
	}

	private Step<@Nullable Object> read(SingleTablePersistentProperty property, BlobLocation location) {
		return Step.send(new BlobRequest.ReadBlob(location, BlobSpec.of(property.getBlobField()), type(property)),
				(answer) -> {
					answer.orThrow();
					return Step.done(answer.response());
				});
	}

	/**
	 * The plan that reads the item naming an entity's objects (strongly consistent) and answers where they are, by
	 * stored name.
	 * @throws NoSuchResourceException (from the plan) when the item is not stored
	 */
	public Step<Map<String, BlobLocation>> locations(Target target) {
		GetItemRequest request = GetItemRequest.builder()
			.tableName(this.tableName)
			.key(target.key())
			.consistentRead(true)
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			GetItemResponse response = answer.get(GetItemResponse.class);
			if (!response.hasItem() || response.item().isEmpty()) {
				throw target.notStored();
			}
			return Step.done(target.locations(response.item()));
		});
	}

	/**
	 * The blob property of a type with a name.
	 * @throws IllegalArgumentException when the type has no blob property of that name
	 */
	public SingleTablePersistentProperty property(SingleTablePersistentEntity<?> metadata, String name) {
		return BlobStage.blobProperty(metadata, name);
	}

	/**
	 * The name a blob property is stored under (the key of {@link Target#locations}).
	 */
	public String storedName(SingleTablePersistentProperty property) {
		return this.converter.getStoredName(property);
	}

	/**
	 * The type a blob property's value is read as (its generic type).
	 */
	public JavaType type(SingleTablePersistentProperty property) {
		java.lang.reflect.Type type = (property.getField() != null) ? property.getField().getGenericType()
				: (property.getGetter() != null) ? property.getGetter().getGenericReturnType() : property.getType();
		return this.converter.getJsonMapper().constructType(type);
	}

	/**
	 * The entity with its blob properties set to the values loaded.
	 * @return the entity (a new instance for immutable types)
	 */
	public <T> T withValues(T entity, Map<SingleTablePersistentProperty, @Nullable Object> values) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		values.forEach(accessor::setProperty);
		return accessor.getBean();
	}

	/**
	 * The item that names the objects of an entity as read: its version's history item (a versioned type), else
	 * its item.
	 * @throws IllegalArgumentException when a versioned entity has no version
	 */
	public Target target(Object entity) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		String id = Stamps.requireId(metadata, accessor);
		Map<String, AttributeValue> key = ItemLayout.latestKey(metadata, id);
		Long version = null;
		if (metadata.isVersioned()) {
			version = Stamps.version(metadata, accessor);
			if (version < 1) {
				throw new IllegalArgumentException(metadata.getType().getSimpleName() + " '" + id
						+ "' has no version: load blobs of an entity as read from the store");
			}
			key = ResourceIds.key(metadata, id, ResourceIds.versionKey(version));
		}
		return new Target(metadata, id, version, key);
	}

	/**
	 * The item that names an entity's objects.
	 * @param metadata the entity's type
	 * @param id its id
	 * @param version its version, {@literal null} for a plain type
	 * @param key the item's key
	 */
	public record Target(SingleTablePersistentEntity<?> metadata, String id, @Nullable Long version,
			Map<String, AttributeValue> key) {

		/** The failure when the item is not stored. */
		public NoSuchResourceException notStored() {
			return new NoSuchResourceException(this.metadata.getType(), this.id, this.version);
		}

		/** Where the objects of the entity's blob properties are, by stored name, as the item says. */
		public Map<String, BlobLocation> locations(Map<String, AttributeValue> item) {
			return BlobAttributes.locations(this.metadata.getPrefix(), this.id, this.version, item);
		}

	}

}
