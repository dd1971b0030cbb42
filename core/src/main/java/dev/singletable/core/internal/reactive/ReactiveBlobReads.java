package dev.singletable.core.internal.reactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.write.BlobReads;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The lazy loading of blob properties on the reactive template, with the blocking template's rules
 * ({@link BlobReads}: which item names the objects, what it says, the type a value is read as): one strongly
 * consistent {@code GetItem} of the entity version's item, the plan {@link BlobReads#locations} run by the
 * {@link ReactiveDriver}, then each object through the
 * {@link ReactiveBlobStorage} (one after another, in the order of the properties).
 */
final class ReactiveBlobReads {

	private final ReactiveDriver driver;

	private final SingleTableConverter converter;

	private final BlobReads reads;

	private volatile @Nullable ReactiveBlobStorage storage;

	ReactiveBlobReads(ReactiveDriver driver, SingleTableConverter converter, BlobReads reads) {
		this.driver = driver;
		this.converter = converter;
		this.reads = reads;
	}

	void setStorage(@Nullable ReactiveBlobStorage storage) {
		this.storage = storage;
	}

	@Nullable ReactiveBlobStorage getStorage() {
		return this.storage;
	}

	/**
	 * Loads one blob property of an entity as read; empty when the entity's item has no object for it.
	 */
	Mono<Object> load(Object entity, String propertyName) {
		return Mono.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			SingleTablePersistentProperty property = this.reads.property(metadata, propertyName);
			ReactiveBlobStorage current = storage(metadata);
			return locations(this.reads.target(entity))
				.flatMap((locations) -> Mono.justOrEmpty(locations.get(this.reads.storedName(property))))
				.flatMap((location) -> read(current, property, location));
		});
	}

	/**
	 * Loads every blob property of an entity as read.
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	<T> Mono<T> loadAll(T entity) {
		return Mono.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			if (!BlobStage.hasBlobs(metadata)) {
				return Mono.just(entity);
			}
			ReactiveBlobStorage current = storage(metadata);
			List<SingleTablePersistentProperty> properties = metadata.getBlobProperties();
			return locations(this.reads.target(entity))
				.flatMap((locations) -> Flux.fromIterable(properties)
					.concatMap((property) -> {
						BlobLocation location = locations.get(this.reads.storedName(property));
						return (location != null) ? read(current, property, location).map(Optional::of)
								: Mono.just(Optional.empty());
					})
					.collectList())
				.map((loaded) -> {
					Map<SingleTablePersistentProperty, @Nullable Object> values = new LinkedHashMap<>();
					for (int i = 0; i < properties.size(); i++) {
						values.put(properties.get(i), loaded.get(i).orElse(null));
					}
					return this.reads.withValues(entity, values);
				});
		});
	}

	private Mono<Map<String, BlobLocation>> locations(BlobReads.Target target) {
		return this.driver.run(this.reads.locations(target));
	}

	private Mono<Object> read(ReactiveBlobStorage storage, SingleTablePersistentProperty property,
			BlobLocation location) {
		return storage.read(location, BlobSpec.of(property.getBlobField()), this.reads.type(property));
	}

	private ReactiveBlobStorage storage(SingleTablePersistentEntity<?> metadata) {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			throw new MissingBlobStorageException(metadata.getType(), metadata.getBlobProperties().get(0).getName());
		}
		return current;
	}

}
