package dev.singletable.core.internal.write;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lazy loading of blob properties ({@code loadBlob}/{@code loadBlobs}): the item of the entity's version names
 * the objects (one strongly consistent {@code GetItem} of the references), then each is read from S3.
 */
public final class BlobReads {

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	BlobReads(DynamoDbExecutor executor, SingleTableConverter converter) {
		this.executor = executor;
		this.converter = converter;
	}

	/**
	 * Loads one blob property of an entity as read.
	 * @param storage the storage of a type, refusing one when there is none
	 * @return the value, {@literal null} when the entity's item has no object for it
	 */
	@Nullable Object load(Object entity, String propertyName,
			Function<SingleTablePersistentEntity<?>, BlobStorage> storage) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
		SingleTablePersistentProperty property = BlobStage.blobProperty(metadata, propertyName);
		BlobLocation location = locations(metadata, entity, storage).get(this.converter.getStoredName(property));
		return (location != null) ? read(storage.apply(metadata), property, location) : null;
	}

	/**
	 * Loads every blob property of an entity as read.
	 * @param storage the storage of a type, refusing one when there is none
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	<T> T loadAll(T entity, Function<SingleTablePersistentEntity<?>, BlobStorage> storage) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		if (!BlobStage.hasBlobs(metadata)) {
			return entity;
		}
		Map<String, BlobLocation> locations = locations(metadata, entity, storage);
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			BlobLocation location = locations.get(this.converter.getStoredName(property));
			accessor.setProperty(property, (location != null) ? read(storage.apply(metadata), property, location) : null);
		}
		return accessor.getBean();
	}

	private Object read(BlobStorage storage, SingleTablePersistentProperty property, BlobLocation location) {
		java.lang.reflect.Type type = (property.getField() != null) ? property.getField().getGenericType()
				: (property.getGetter() != null) ? property.getGetter().getGenericReturnType() : property.getType();
		return storage.read(location, BlobSpec.of(property.getBlobField()),
				this.converter.getJsonMapper().constructType(type));
	}

	/**
	 * Where the objects of an entity's blob properties are, read from the item of the entity's version.
	 */
	private Map<String, BlobLocation> locations(SingleTablePersistentEntity<?> metadata, Object entity,
			Function<SingleTablePersistentEntity<?>, BlobStorage> storage) {
		storage.apply(metadata);
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
		Long itemVersion = version;
		Map<String, AttributeValue> item = this.executor.getItem(key, true)
			.orElseThrow(() -> new NoSuchResourceException(metadata.getType(), id, itemVersion));
		return BlobAttributes.locations(metadata.getPrefix(), id, version, item);
	}

}
