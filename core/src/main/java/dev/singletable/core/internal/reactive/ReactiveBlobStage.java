package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.blob.BlobReferences;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.write.BlobCleanups;
import dev.singletable.core.internal.write.BlobPlanning;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.BlobUploads;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The blob stage of the reactive template's writes on a {@link ReactiveBlobStorage}, S3 first and DynamoDB second
 * as {@link BlobStage} runs it for the blocking template: units are prepared by the same {@code BlobStage} (its
 * {@link BlobPlanning} is this: objects encoded by the reactive storage; the plans' comparisons with stored objects
 * are sent by the {@code ReactiveDriver}), and sent around their items as {@code BlobUploads} sends them — holding the
 * resources' blob locks ({@link ReactiveBlobLocks}), the objects uploaded (a version's object never written over, a
 * plain object it replaces kept aside), the leases checked right before the items, then on success the copies
 * deleted and the units' clean-ups run (deleting what no remaining item refers to, as {@code BlobCleanups}), on
 * failure what was uploaded deleted and what was replaced put back; the locks given back at the end.
 */
final class ReactiveBlobStage implements BlobPlanning {

	private static final Log logger = LogFactory.getLog(ReactiveBlobStage.class);

	private final ReactiveDynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final VersionRetention retention;

	private final ReactiveBlobLocks locks;

	private final BlobStage planning;

	private volatile @Nullable ReactiveBlobStorage storage;

	/**
	 * @param planning the stage of the template's planning components, whose units this one sends
	 */
	ReactiveBlobStage(ReactiveDynamoDbExecutor executor, SingleTableConverter converter, VersionRetention retention,
			BlobStage planning) {
		this.executor = executor;
		this.converter = converter;
		this.retention = retention;
		this.planning = planning;
		this.locks = new ReactiveBlobLocks(executor, planning.locks());
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

	// ---- the send ------------------------------------------------------------------------------------------

	/**
	 * Sends units' items inside their blob stage: holding the blob locks of the resources whose objects they
	 * change, the objects uploaded first; units that carry nothing cost nothing.
	 * @param sendItems sends the items (and runs the units' after-commit work)
	 */
	Mono<UnitWriter.Result> around(List<WriteUnit> units, Mono<UnitWriter.Result> sendItems) {
		ReactiveBlobStorage current = this.storage;
		List<BlobLocks.Resource> resources = new ArrayList<>();
		if (current != null) {
			for (WriteUnit unit : units) {
				BlobStage.Staged staged = unit.blobs();
				if (staged != null && (staged.cleanup() != null || !staged.objects().isEmpty())) {
					resources.add(staged.resource());
				}
			}
		}
		if (resources.isEmpty()) {
			return sendItems;
		}
		return this.locks.locked(resources, (held) -> upload(current, units).flatMap((uploads) -> Mono
			.fromRunnable(held::checkUsable)
			.then(sendItems)
			.flatMap((result) -> result.failures().isEmpty() ? committed(current, uploads).thenReturn(result)
					: discard(current, units, uploads).thenReturn(result))
			.onErrorResume((ex) -> discard(current, units, uploads).then(Mono.error(ex)))));
	}

	/**
	 * Uploads the objects the units' items refer to at their new version, as {@code BlobUploads.upload}: all
	 * encoded first, then sent one after another; a plain object written over is copied first; when an upload
	 * fails, those already sent are deleted and replaced plain objects put back.
	 */
	private Mono<Uploads> upload(ReactiveBlobStorage storage, List<WriteUnit> units) {
		return Mono.defer(() -> {
			List<BlobStorage.PreparedBlob> prepared = new ArrayList<>();
			List<SingleTablePersistentEntity<?>> owners = new ArrayList<>();
			for (WriteUnit unit : units) {
				BlobStage.Staged staged = unit.blobs();
				if (staged == null || staged.objects().isEmpty() || unit.result() == null) {
					continue;
				}
				SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(unit.type());
				PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(unit.result());
				for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
					BlobLocation location = staged.objects().get(this.converter.getStoredName(property));
					Object value = accessor.getProperty(property);
					if (location != null && value != null) {
						prepared.add(storage.prepare(location, value, BlobSpec.of(property.getBlobField())));
						owners.add(metadata);
					}
				}
			}
			Uploads uploads = new Uploads(new ArrayList<>(), new LinkedHashMap<>());
			return Flux.range(0, prepared.size())
				.concatMap((i) -> uploadOne(storage, owners.get(i), prepared.get(i), uploads))
				.then(Mono.just(uploads))
				.onErrorResume((ex) -> restoreReplaced(storage, uploads, Set.of())
					.then(deleteQuietly(storage, uploads.sent()
						.stream()
						.filter((location) -> !uploads.backups().containsKey(location))
						.toList(), "after a failed upload"))
					.then(Mono.error(ex)));
		});
	}

	private Mono<Void> uploadOne(ReactiveBlobStorage storage, SingleTablePersistentEntity<?> metadata,
			BlobStorage.PreparedBlob blob, Uploads uploads) {
		BlobLocation location = blob.location();
		if (location.version() == null) {
			// a plain object's key is every write's: keep what it holds until the item is written
			BlobLocation backup = BlobLocation.of(location.type(), location.id(),
					location.field() + BlobUploads.BACKUP + ResourceIds.generate());
			return storage.copy(location, backup).flatMap((copied) -> {
				if (copied) {
					uploads.backups().put(location, backup);
				}
				// listed first: a write whose response is lost may still have stored the object
				uploads.sent().add(location);
				return storage.write(blob).then();
			});
		}
		uploads.sent().add(location);
		return storage.writeIfAbsent(blob)
			.hasElement()
			.flatMap((written) -> written ? Mono.just(true) : writeOverLeftover(storage, metadata, blob))
			.doOnNext((written) -> {
				if (!written) {
					// the object of a stored version is never replaced, nor deleted: the items' condition fails
					uploads.sent().remove(uploads.sent().size() - 1);
				}
			})
			.then();
	}

	/**
	 * Writes a version's object that may already exist only when it is a leftover (see
	 * {@code BlobUploads.writeOverLeftover}): no item of that version is stored, and the latest item is the version
	 * the write follows.
	 */
	private Mono<Boolean> writeOverLeftover(ReactiveBlobStorage storage, SingleTablePersistentEntity<?> metadata,
			BlobStorage.PreparedBlob blob) {
		BlobLocation location = blob.location();
		long version = location.version();
		return this.executor.getItem(ResourceIds.key(metadata, location.id(), ResourceIds.versionKey(version)), true)
			.hasElement()
			.flatMap((stored) -> stored ? Mono.just(false)
					: this.executor.getItem(ItemLayout.latestKey(metadata, location.id()), true)
						.map((latest) -> Stamps.storedVersion(latest) == version - 1)
						.defaultIfEmpty(version == 1)
						.flatMap((follows) -> follows ? storage.write(blob).thenReturn(true) : Mono.just(false)));
	}

	/**
	 * Once the items are written: deletes the copies of the replaced plain objects.
	 */
	private Mono<Void> committed(ReactiveBlobStorage storage, Uploads uploads) {
		return deleteQuietly(storage, List.copyOf(uploads.backups().values()), "after the write");
	}

	/**
	 * Puts the replaced plain objects back, except those whose write is stored after all, and deletes the copies.
	 */
	private Mono<Void> restoreReplaced(ReactiveBlobStorage storage, Uploads uploads, Set<BlobLocation> storedAfterAll) {
		if (uploads.backups().isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(uploads.backups().entrySet())
			.filter((backup) -> !storedAfterAll.contains(backup.getKey()))
			.concatMap((backup) -> storage.copy(backup.getValue(), backup.getKey()).then().onErrorResume((ex) -> {
				logger.warn("Could not put back the object of " + backup.getKey() + " (its copy is at "
						+ storage.key(backup.getValue()) + ") after a failed write", ex);
				return Mono.empty();
			}))
			.then(committed(storage, uploads));
	}

	/**
	 * After the units failed, as {@code BlobUploads.discard}: puts back the plain objects they replaced, and deletes
	 * the objects they uploaded, keeping any a stored item refers to.
	 */
	private Mono<Void> discard(ReactiveBlobStorage storage, List<WriteUnit> units, Uploads uploads) {
		Set<BlobLocation> storedAfterAll = new HashSet<>();
		return Flux.fromIterable(units).concatMap((unit) -> {
			BlobStage.Staged staged = unit.blobs();
			if (staged == null || staged.objects().isEmpty() || staged.item() == null) {
				return Mono.empty();
			}
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(unit.type());
			Map<String, AttributeValue> written = staged.item();
			return this.executor
				.getItem(ResourceIds.key(metadata, unit.id(), written.get(ItemAttributes.SK).s()), true)
				.defaultIfEmpty(Map.of())
				.flatMap((stored) -> {
					AttributeValue token = written.get(ItemAttributes.VERSION_TOKEN);
					if (!metadata.isVersioned() && token != null
							&& token.equals(stored.get(ItemAttributes.VERSION_TOKEN))) {
						storedAfterAll.addAll(staged.objects().values());
						return Mono.empty();
					}
					Map<String, BlobLocation> referenced = stored.isEmpty() ? Map.of()
							: BlobAttributes.locations(metadata.getPrefix(), unit.id(),
									metadata.isVersioned() ? Stamps.storedVersion(stored) : null, stored);
					List<BlobLocation> unused = new ArrayList<>();
					staged.objects().forEach((field, location) -> {
						if (uploads.backups().containsKey(location) || !uploads.sent().contains(location)) {
							return;
						}
						if (!location.equals(referenced.get(field))) {
							unused.add(location);
						}
					});
					return deleteQuietly(storage, unused, "after the failed " + unit.describe());
				});
		}).then(Mono.defer(() -> restoreReplaced(storage, uploads, storedAfterAll)));
	}

	private static Mono<Void> deleteQuietly(ReactiveBlobStorage storage, List<BlobLocation> locations, String when) {
		if (locations.isEmpty()) {
			return Mono.empty();
		}
		return storage.deleteAll(locations).then().onErrorResume((ex) -> {
			logger.warn("Could not delete the S3 objects " + locations + " " + when, ex);
			return Mono.empty();
		});
	}

	/**
	 * What an upload sent, and where it keeps the plain objects it replaced.
	 */
	private record Uploads(List<BlobLocation> sent, Map<BlobLocation, BlobLocation> backups) {
	}

	// ---- after the commit: the clean-ups, handed to the writer as work ({@link AfterCommitWork}) -------------

	@Override
	public void removeUnreferenced(SingleTablePersistentEntity<?> metadata, String id, long upTo) {
		ReactiveBlobStorage current = this.storage;
		if (current != null) {
			AfterCommitWork.add(unreferenced(current, metadata, id, upTo), "Could not delete the S3 objects of "
					+ metadata.getType().getSimpleName() + " '" + id + "' that no version refers to any more (versions "
					+ "up to " + upTo + ")");
		}
	}

	private Mono<Void> unreferenced(ReactiveBlobStorage storage, SingleTablePersistentEntity<?> metadata, String id,
			long upTo) {
		return this.locks.locked(List.of(new BlobLocks.Resource(metadata, id)), (held) -> this.executor
			.queryItems(this.retention
				.versionsQuery(ResourceIds.partitionKey(metadata, id),
						List.of(ItemAttributes.VERSION, BlobAttributes.FIELDS, BlobAttributes.VERSIONS))
				.build())
			.map((item) -> BlobCleanups.referencesOf(metadata, id, item))
			.collectList()
			.zipWith(storage.listVersioned(metadata.getPrefix(), id))
			.flatMap((found) -> storage.deleteAll(BlobReferences.orphans(found.getT2(), found.getT1())
				.stream()
				.filter((location) -> location.version() != null && location.version() <= upTo)
				.toList()))
			.then());
	}

	@Override
	public void deleteResource(SingleTablePersistentEntity<?> metadata, String id) {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			return;
		}
		// holding the lock, the resource is either still deleted, or created again by a later write whose objects
		// stay
		Mono<Void> work = this.locks.locked(List.of(new BlobLocks.Resource(metadata, id)),
				(held) -> this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
					.hasElement()
					.flatMap((stored) -> !stored ? current.deleteResource(metadata.getPrefix(), id).then()
							: metadata.isVersioned() ? unreferenced(current, metadata, id, Long.MAX_VALUE)
									: Mono.<Void>empty()));
		AfterCommitWork.add(work, "Could not delete the S3 objects of the deleted "
				+ metadata.getType().getSimpleName() + " '" + id + "'");
	}

	@Override
	public void deleteFields(SingleTablePersistentEntity<?> metadata, String id, Collection<String> fields) {
		ReactiveBlobStorage current = this.storage;
		if (current == null) {
			return;
		}
		Mono<Void> work = this.locks.locked(List.of(new BlobLocks.Resource(metadata, id)),
				(held) -> this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
					.map(BlobAttributes::readFields)
					.defaultIfEmpty(List.of())
					// a write after this one may have given the property a value again
					.flatMap((listed) -> deleteQuietly(current, fields.stream()
						.filter((field) -> !listed.contains(field))
						.map((field) -> BlobLocation.of(metadata.getPrefix(), id, field))
						.toList(), "after the update of " + metadata.getType().getSimpleName() + " '" + id + "'")));
		AfterCommitWork.add(work, "Could not delete the S3 objects of " + metadata.getType().getSimpleName() + " '"
				+ id + "' that an update left without reference");
	}

}
