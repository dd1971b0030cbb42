package dev.singletable.core.internal.reactive;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.write.BlobReads;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;

/**
 * The lazy loading of blob properties on the reactive template: the blocking template's plans ({@link BlobReads})
 * run by the {@link ReactiveDriver}, whose object reads go to the {@link ReactiveBlobStorage} this holds.
 */
final class ReactiveBlobReads {

	private final ReactiveDriver driver;

	private final BlobReads reads;

	private volatile @Nullable ReactiveBlobStorage storage;

	ReactiveBlobReads(ReactiveDriver driver, BlobReads reads) {
		this.driver = driver;
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
		return this.driver.run(this.reads.load(entity, propertyName, this::storage));
	}

	/**
	 * Loads every blob property of an entity as read.
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	<T> Mono<T> loadAll(T entity) {
		return this.driver.run(this.reads.loadAll(entity, this::storage));
	}

	private ReactiveBlobStorage storage(SingleTablePersistentEntity<?> metadata) {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			throw new MissingBlobStorageException(metadata.getType(), metadata.getBlobProperties().get(0).getName());
		}
		return current;
	}

}
