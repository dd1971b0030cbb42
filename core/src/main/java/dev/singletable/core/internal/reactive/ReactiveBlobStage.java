package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.write.BlobPlanning;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reactive template's side of the blob stage of its writes on a {@link ReactiveBlobStorage}: units are prepared
 * by the same {@link BlobStage} as the blocking template's (its {@link BlobPlanning} is this: objects encoded by the
 * reactive storage, stored objects compared from what was read ahead, {@link ReadAhead}), and sent inside the
 * stage's plan ({@code BlobSend#around}: locks, uploads, items, outcome), run on the reactive driver.
 */
final class ReactiveBlobStage implements BlobPlanning {

	private final ReactiveDynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final BlobStage planning;

	private volatile @Nullable ReactiveBlobStorage storage;

	/**
	 * @param planning the stage of the template's planning components, whose units this one sends
	 */
	ReactiveBlobStage(ReactiveDynamoDbExecutor executor, SingleTableConverter converter, BlobStage planning) {
		this.executor = executor;
		this.converter = converter;
		this.planning = planning;
	}

	/**
	 * Sets the storage, and with it this stage as the planning stage's (none: types with blob properties are
	 * refused with a {@code MissingBlobStorageException} when a unit is built).
	 */
	void setStorage(@Nullable ReactiveBlobStorage storage) {
		this.storage = storage;
		this.planning.setPlanning((storage != null) ? this : null);
	}

	@Nullable ReactiveBlobStorage getStorage() {
		return this.storage;
	}

	private ReactiveBlobStorage requireStorage() {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			throw new IllegalStateException("No ReactiveBlobStorage is set");
		}
		return current;
	}

	// ---- planning ------------------------------------------------------------------------------------------

	@Override
	public BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		return requireStorage().prepare(location, value, spec);
	}

	@Override
	public boolean holds(BlobLocation location, BlobStorage.PreparedBlob blob) {
		Boolean holds = ReadAhead.current().holds().get(location);
		if (holds == null) {
			throw new IllegalStateException("The object of " + location + " was not compared before the plan");
		}
		return holds;
	}

	/**
	 * Reads what the update of an entity of a type with blob properties compares with the stored state: the items
	 * that name the references of the version it follows ({@code BlobStage.storedReferences}, a plain type's
	 * {@code storedFields}), and for each property with a value whose earlier object it may keep, whether that
	 * object holds the value.
	 */
	<T> Mono<ReadAhead> beforeUpdate(T entity) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		if (!BlobStage.hasBlobs(metadata) || this.storage == null) {
			return Mono.just(ReadAhead.NONE);
		}
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		String id = Stamps.settleId(metadata, accessor);
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		keys.add(ItemLayout.latestKey(metadata, id));
		long base = metadata.isVersioned() ? Stamps.version(metadata, accessor) : 0;
		if (metadata.isVersioned() && base >= 1) {
			keys.add(ResourceIds.key(metadata, id, ResourceIds.versionKey(base)));
		}
		return Flux.fromIterable(keys)
			.concatMap((key) -> this.executor.getItem(key, true).defaultIfEmpty(Map.of()).map((item) -> Map.entry(key,
					item)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMap((items) -> {
				ReadAhead read = new ReadAhead(items, Map.of());
				if (!metadata.isVersioned() || base < 1) {
					return Mono.just(read);
				}
				// the references the plan reads, from what was read ahead
				Map<String, Long> previous = read.during(() -> this.planning.storedReferences(metadata, id, base));
				ReactiveBlobStorage current = requireStorage();
				return Flux.fromIterable(metadata.getBlobProperties()).concatMap((property) -> {
					String field = this.converter.getStoredName(property);
					Object value = accessor.getProperty(property);
					Long before = previous.get(field);
					if (value == null || before == null) {
						return Mono.empty();
					}
					BlobLocation stored = BlobLocation.of(metadata.getPrefix(), id, before, field);
					BlobStorage.PreparedBlob prepared = current.prepare(
							BlobLocation.of(metadata.getPrefix(), id, base + 1, field), value,
							BlobSpec.of(property.getBlobField()));
					return current.holds(stored, prepared).map((holds) -> Map.entry(stored, holds));
				}).collectMap(Map.Entry::getKey, Map.Entry::getValue).map((holds) -> new ReadAhead(items, holds));
			});
	}

}
