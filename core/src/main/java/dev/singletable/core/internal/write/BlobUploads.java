package dev.singletable.core.internal.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * S3 first, for the {@link BlobStage}: the uploads of the objects that units' items refer to, before the items are
 * sent, and their removal when the items are not written. Works from what the stage prepared for each unit
 * ({@link BlobStage.Staged}), with the storage the stage gives it; always called holding the blob locks of the
 * units' resources.
 */
public final class BlobUploads {

	private static final Log logger = LogFactory.getLog(BlobUploads.class);

	/**
	 * The plain objects an upload replaced are kept under a key of this form until the items are written:
	 * {@code {field}~previous~{ULID}} beside the object (deleted with the resource by either library).
	 */
	public static final String BACKUP = "~previous~";

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final BlobLocks locks;

	BlobUploads(DynamoDbExecutor executor, SingleTableConverter converter, BlobLocks locks) {
		this.executor = executor;
		this.converter = converter;
		this.locks = locks;
	}

	/**
	 * Takes the blob locks of the resources, then uploads the units' objects ({@link #upload}).
	 * @return the send, which gives the locks back when closed
	 */
	Send send(BlobStorage storage, List<WriteUnit> units, List<BlobLocks.Resource> resources) {
		BlobLocks.Held held = this.locks.hold(resources);
		try {
			return new Send(this, storage, units, resources, held, upload(storage, units));
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
	}

	/**
	 * Uploads the objects the units' items refer to at their new version: all are encoded and checked against
	 * their limits first, then sent. A plain object a write replaces (its key is the same for every write) is
	 * copied first, so that a failed write can put it back. When an upload fails, those already sent are deleted,
	 * and replaced plain objects put back.
	 * @throws dev.singletable.core.blob.BlobTooLargeException before anything is written
	 * @throws dev.singletable.core.blob.BlobStorageException when S3 refuses a write; nothing is left
	 */
	private Uploads upload(BlobStorage storage, List<WriteUnit> units) {
		List<BlobStorage.PreparedBlob> prepared = new ArrayList<>();
		List<SingleTablePersistentEntity<?>> owners = new ArrayList<>();
		for (WriteUnit unit : units) {
			BlobStage.Staged staged = unit.blobs();
			if (staged == null || staged.objects().isEmpty() || unit.result() == null) {
				continue;
			}
			SingleTablePersistentEntity<?> metadata = staged.metadata();
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
		List<BlobLocation> sent = new ArrayList<>(prepared.size());
		Map<BlobLocation, BlobLocation> backups = new LinkedHashMap<>();
		try {
			for (int i = 0; i < prepared.size(); i++) {
				BlobStorage.PreparedBlob blob = prepared.get(i);
				BlobLocation location = blob.location();
				if (location.version() == null) {
					// a plain object's key is every write's: keep what it holds until the item is written
					BlobLocation backup = BlobLocation.of(location.type(), location.id(),
							location.field() + BACKUP + ResourceIds.generate());
					if (storage.copy(location, backup)) {
						backups.put(location, backup);
					}
				}
				// listed first: a write whose response is lost may still have stored the object
				sent.add(location);
				if (location.version() == null) {
					storage.write(blob);
				}
				else if (storage.writeIfAbsent(blob).isEmpty() && !writeOverLeftover(storage, owners.get(i), blob)) {
					// the object of a stored version (a concurrent writer's, or of the resource a create collides
					// with) is never replaced, nor deleted: the items' condition fails this write
					sent.remove(sent.size() - 1);
				}
			}
		}
		catch (RuntimeException ex) {
			Uploads failed = new Uploads(sent, backups);
			restoreReplaced(storage, failed, Set.of());
			deleteQuietly(storage, sent.stream().filter((location) -> !backups.containsKey(location)).toList(),
					"after a failed upload");
			throw ex;
		}
		return new Uploads(sent, backups);
	}

	/**
	 * When a version's object may already exist (or the store cannot tell): writes it only when it is a leftover —
	 * no item of that version is stored, and the latest item is the version the write follows (none for a
	 * create), so that version was never written and the object is one an earlier write of it left behind. An
	 * object of a version that was written and then deleted may still be what later versions refer to (a restore,
	 * an unchanged value): a stale write of that version number finds the latest item elsewhere and leaves it.
	 * Called holding the resource's blob lock, so no other writer of the resource changes either meanwhile.
	 * @return whether the object was written
	 */
	private boolean writeOverLeftover(BlobStorage storage, SingleTablePersistentEntity<?> metadata,
			BlobStorage.PreparedBlob blob) {
		BlobLocation location = blob.location();
		long version = location.version();
		boolean stored = this.executor
			.getItem(ResourceIds.key(metadata, location.id(), ResourceIds.versionKey(version)), true)
			.isPresent();
		if (stored) {
			return false;
		}
		Long latest = this.executor.getItem(ItemLayout.latestKey(metadata, location.id()), true)
			.map(Stamps::storedVersion)
			.orElse(null);
		boolean follows = (latest == null) ? version == 1 : latest == version - 1;
		if (follows) {
			storage.write(blob);
		}
		return follows;
	}

	/**
	 * Once the items are written: deletes the copies of the replaced plain objects.
	 */
	private void committed(BlobStorage storage, Uploads uploads) {
		deleteQuietly(storage, List.copyOf(uploads.backups().values()), "after the write");
	}

	/**
	 * Puts the replaced plain objects back, except those whose write is stored after all, and deletes the copies.
	 */
	private void restoreReplaced(BlobStorage storage, Uploads uploads, Set<BlobLocation> storedAfterAll) {
		if (uploads.backups().isEmpty()) {
			return;
		}
		uploads.backups().forEach((location, backup) -> {
			if (storedAfterAll.contains(location)) {
				return;
			}
			try {
				storage.copy(backup, location);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not put back the object of " + location + " (its copy is at " + storage.key(backup)
						+ ") after a failed write", ex);
			}
		});
		committed(storage, uploads);
	}

	/**
	 * After the units failed: puts back the plain objects they replaced, and deletes the objects they uploaded,
	 * keeping any a stored item refers to. A plain write can fail with its item stored (its answer lost): its
	 * stored item then carries the write's own {@code _version_token}, and its objects stay.
	 */
	private void discard(BlobStorage storage, List<WriteUnit> units, Uploads uploads) {
		Set<BlobLocation> storedAfterAll = new HashSet<>();
		for (WriteUnit unit : units) {
			BlobStage.Staged staged = unit.blobs();
			if (staged == null || staged.objects().isEmpty() || staged.item() == null) {
				continue;
			}
			SingleTablePersistentEntity<?> metadata = staged.metadata();
			Map<String, AttributeValue> written = staged.item();
			Map<String, AttributeValue> stored = this.executor
				.getItem(ResourceIds.key(metadata, unit.id(), written.get(ItemAttributes.SK).s()), true)
				.orElse(Map.of());
			AttributeValue token = written.get(ItemAttributes.VERSION_TOKEN);
			if (!metadata.isVersioned() && token != null && token.equals(stored.get(ItemAttributes.VERSION_TOKEN))) {
				storedAfterAll.addAll(staged.objects().values());
				continue;
			}
			List<BlobLocation> unused = new ArrayList<>();
			Map<String, BlobLocation> referenced = stored.isEmpty() ? Map.of()
					: BlobAttributes.locations(metadata.getPrefix(), unit.id(),
							metadata.isVersioned() ? Stamps.storedVersion(stored) : null, stored);
			staged.objects().forEach((field, location) -> {
				// only what this write uploaded (holding the lock): an object it found and left may be another
				// version's that later versions still refer to
				if (uploads.backups().containsKey(location) || !uploads.sent().contains(location)) {
					return;
				}
				// a plain object another write stored keeps its key: only a version's own object is ours alone
				if (!location.equals(referenced.get(field))) {
					unused.add(location);
				}
			});
			deleteQuietly(storage, unused, "after the failed " + unit.describe());
		}
		restoreReplaced(storage, uploads, storedAfterAll);
	}

	/**
	 * Deletes objects, logging a failure: what is deleted here no item refers to, and the write's outcome stands.
	 */
	static void deleteQuietly(BlobStorage storage, List<BlobLocation> locations, String when) {
		if (locations.isEmpty()) {
			return;
		}
		try {
			storage.deleteAll(locations);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the S3 objects " + locations + " " + when, ex);
		}
	}

	/**
	 * What {@link #upload} sent, and where it keeps the plain objects it replaced.
	 * @param sent the locations written
	 * @param backups the copies of the replaced plain objects, by location
	 */
	public record Uploads(List<BlobLocation> sent, Map<BlobLocation, BlobLocation> backups) {
	}

	/**
	 * The blob stage of one send, from its uploads to its outcome; closing it gives back the blob locks.
	 */
	public static final class Send implements AutoCloseable {

		/** The send of units that carry no objects and no clean-up: nothing to do. */
		static final Send NONE = new Send(null, null, List.of(), List.of(), BlobLocks.Held.NONE,
				new Uploads(List.of(), Map.of()));

		private final @Nullable BlobUploads uploads;

		private final @Nullable BlobStorage storage;

		private final List<WriteUnit> units;

		private final List<BlobLocks.Resource> resources;

		private final BlobLocks.Held held;

		private final Uploads uploaded;

		private Send(@Nullable BlobUploads uploads, @Nullable BlobStorage storage, List<WriteUnit> units,
				List<BlobLocks.Resource> resources, BlobLocks.Held held, Uploads uploaded) {
			this.uploads = uploads;
			this.storage = storage;
			this.units = units;
			this.resources = resources;
			this.held = held;
			this.uploaded = uploaded;
		}

		/**
		 * Checks, right before the items are sent, that the locks taken last long enough.
		 * @throws VersionConflictException when one does not: nothing is sent
		 */
		void checkLocks() {
			if (this.uploads != null) {
				this.uploads.locks.checkUsable(this.resources);
			}
		}

		/**
		 * Once the items are written: deletes the copies of the plain objects the uploads replaced.
		 */
		void committed() {
			if (this.uploads != null && this.storage != null) {
				this.uploads.committed(this.storage, this.uploaded);
			}
		}

		/**
		 * When the items are not written: deletes what the uploads sent, and puts back what they replaced.
		 */
		void failed() {
			if (this.uploads != null && this.storage != null) {
				this.uploads.discard(this.storage, this.units, this.uploaded);
			}
		}

		@Override
		public void close() {
			this.held.close();
		}

	}

}
