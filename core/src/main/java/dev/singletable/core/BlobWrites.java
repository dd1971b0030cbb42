package dev.singletable.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.blob.BlobAttributes;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobReferences;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The blob hop of the write model: what the writes of a type with {@code @BlobField} properties add around their
 * DynamoDB items, S3 first and DynamoDB second.
 * <ul>
 * <li>When a unit is built, its items get {@code _blob_fields} (and {@code _blob_versions}) as
 * {@link BlobReferences} computes them from the version the write follows: a property with a value gets an object
 * of the new version, a {@literal null} one keeps its reference (a read leaves it {@literal null}), a property
 * cleared explicitly loses it.</li>
 * <li>Before units are sent ({@link #upload}), the objects their items refer to at the new version are encoded
 * (all of them first, so that one too large stops the write before anything is stored) and uploaded.</li>
 * <li>When the units fail ({@link #discard}), the objects they uploaded are deleted, unless a stored item refers
 * to them (a concurrent writer of the same version that won).</li>
 * <li>After the commit, the actions the units carry delete what no remaining item refers to: the objects of pruned
 * or deleted versions that no remaining version uses ({@link #removeUnreferenced}), of a deleted resource
 * ({@link #deleteResource}), of properties a plain update cleared.</li>
 * </ul>
 * Helpers receive the executor and converter; nothing here calls back into the template.
 */
final class BlobWrites {

	private static final Log logger = LogFactory.getLog(BlobWrites.class);

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final VersionRetention retention;

	private final BlobLocks locks;

	private volatile @Nullable BlobStorage storage;

	BlobWrites(DynamoDbExecutor executor, SingleTableConverter converter, VersionRetention retention) {
		this.executor = executor;
		this.converter = converter;
		this.retention = retention;
		this.locks = new BlobLocks(executor);
	}

	BlobLocks locks() {
		return this.locks;
	}

	// ---- the blob locks of the resources a send writes ------------------------------------------------------

	/**
	 * Takes the blob locks of the resources whose objects units change (see {@link BlobLocks}): those that upload
	 * objects or clean up after the commit, of types with blob properties, when a storage is set. Held across the uploads, the items, the after-commit clean-ups
	 * and the removal of what a failed write uploaded.
	 */
	BlobLocks.Held lock(List<WriteUnit> units) {
		List<BlobLocks.Resource> resources = resources(units);
		return resources.isEmpty() ? BlobLocks.Held.NONE : this.locks.hold(resources);
	}

	/**
	 * Checks, right before the items are sent, that the locks taken for units last long enough.
	 */
	void checkLocks(List<WriteUnit> units) {
		List<BlobLocks.Resource> resources = resources(units);
		if (!resources.isEmpty()) {
			this.locks.checkUsable(resources);
		}
	}

	private List<BlobLocks.Resource> resources(List<WriteUnit> units) {
		if (this.storage == null) {
			return List.of();
		}
		List<BlobLocks.Resource> resources = new ArrayList<>();
		for (WriteUnit unit : units) {
			SingleTablePersistentEntity<?> metadata = this.converter.getMappingContext().getPersistentEntity(unit.type());
			if (metadata != null && hasBlobs(metadata) && (unit.afterCommit() != null || changesObjects(unit))) {
				resources.add(new BlobLocks.Resource(metadata, unit.id()));
			}
		}
		return resources;
	}

	void setStorage(@Nullable BlobStorage storage) {
		this.storage = storage;
	}

	boolean hasStorage() {
		return this.storage != null;
	}

	static boolean hasBlobs(SingleTablePersistentEntity<?> metadata) {
		return !metadata.getBlobProperties().isEmpty();
	}

	/**
	 * Returns the storage, refusing a type with blob properties when there is none.
	 */
	BlobStorage storage(SingleTablePersistentEntity<?> metadata) {
		BlobStorage current = this.storage;
		if (current == null) {
			throw missingStorage(metadata);
		}
		return current;
	}

	static MissingBlobStorageException missingStorage(SingleTablePersistentEntity<?> metadata) {
		return new MissingBlobStorageException(metadata.getType(), metadata.getBlobProperties().get(0).getName());
	}

	// ---- references, when a unit is built ---------------------------------------------------------------

	/**
	 * Adds the blob attributes of a versioned write of version {@code next} to its history and latest items.
	 * @param previous the references of the version the write follows
	 * @param cleared the stored names of the properties cleared explicitly
	 * @return the references written
	 */
	Map<String, Long> attachVersioned(SingleTablePersistentEntity<?> metadata, Object entity, long next,
			Map<String, Long> previous, Collection<String> cleared, List<Map<String, AttributeValue>> items) {
		BlobStorage storage = storage(metadata);
		String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
		List<String> written = new ArrayList<>();
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		for (String field : written(metadata, entity, cleared)) {
			SingleTablePersistentProperty property = blobPropertyByStoredName(metadata, field);
			Long before = previous.get(field);
			BlobSpec spec = BlobSpec.of(property.getBlobField());
			if (before != null || spec.maxSizeBytes() >= 0) {
				// checked now: a value too large stops the write (or the transaction) before anything is sent
				BlobStorage.PreparedBlob prepared = storage.prepare(BlobLocation.of(metadata.getPrefix(), id, next, field),
						accessor.getProperty(property), spec);
				if (before != null && storage.holds(BlobLocation.of(metadata.getPrefix(), id, before, field), prepared)) {
					// the value the entity still carries is the one stored: refer to it, do not copy it
					continue;
				}
			}
			written.add(field);
		}
		Map<String, Long> references = BlobReferences.nextVersion(previous, next, written, cleared);
		items.forEach((item) -> BlobAttributes.writeVersioned(item, references));
		return references;
	}

	/**
	 * Adds {@code _blob_fields} to the item of a plain write.
	 * @param previousFields the properties with an object before the write
	 * @param cleared the stored names of the properties cleared explicitly
	 * @return the properties whose objects the write leaves without reference
	 */
	Set<String> attachPlain(SingleTablePersistentEntity<?> metadata, Object entity, Collection<String> previousFields,
			Collection<String> cleared, Map<String, AttributeValue> item) {
		BlobStorage storage = storage(metadata);
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			Object value = accessor.getProperty(property);
			BlobSpec spec = BlobSpec.of(property.getBlobField());
			if (value != null && spec.maxSizeBytes() >= 0) {
				storage.prepare(BlobLocation.of(metadata.getPrefix(), Stamps.requireId(metadata, accessor),
						this.converter.getStoredName(property)), value, spec);
			}
		}
		Set<String> fields = new LinkedHashSet<>(previousFields);
		fields.removeAll(cleared);
		fields.addAll(written(metadata, entity, cleared));
		BlobAttributes.writePlain(item, fields);
		return BlobReferences.unreferencedFields(previousFields, fields);
	}

	/**
	 * Reads the references of version {@code version} of a resource: from its history item (which never changes),
	 * else from the latest item when it is that version; none when neither is stored.
	 */
	Map<String, Long> storedReferences(SingleTablePersistentEntity<?> metadata, String id, long version) {
		Map<String, AttributeValue> item = this.executor
			.getItem(ResourceIds.key(metadata, id, ResourceIds.versionKey(version)), true)
			.or(() -> this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
				.filter((latest) -> Stamps.storedVersion(latest) == version))
			.orElse(Map.of());
		return BlobAttributes.readVersions(item);
	}

	/**
	 * Reads the properties a plain resource's item lists as having an object.
	 */
	List<String> storedFields(SingleTablePersistentEntity<?> metadata, String id) {
		return this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
			.map(BlobAttributes::readFields)
			.orElse(List.of());
	}

	/**
	 * The stored names of the properties given a value, less those cleared.
	 */
	private List<String> written(SingleTablePersistentEntity<?> metadata, Object entity, Collection<String> cleared) {
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		List<String> written = new ArrayList<>();
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			String field = this.converter.getStoredName(property);
			if (accessor.getProperty(property) != null && !cleared.contains(field)) {
				written.add(field);
			}
		}
		return written;
	}

	/**
	 * Returns the stored names of the given blob properties, refusing names that are not blob properties.
	 */
	List<String> storedNames(SingleTablePersistentEntity<?> metadata, Collection<String> properties) {
		List<String> names = new ArrayList<>(properties.size());
		for (String name : properties) {
			names.add(this.converter.getStoredName(blobProperty(metadata, name)));
		}
		return names;
	}

	private SingleTablePersistentProperty blobPropertyByStoredName(SingleTablePersistentEntity<?> metadata,
			String field) {
		return metadata.getBlobProperties()
			.stream()
			.filter((property) -> this.converter.getStoredName(property).equals(field))
			.findFirst()
			.orElseThrow();
	}

	static SingleTablePersistentProperty blobProperty(SingleTablePersistentEntity<?> metadata, String name) {
		SingleTablePersistentProperty property = metadata.getPersistentProperty(name);
		if (property == null || !property.isBlobProperty()) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " has no @BlobField property '"
					+ name + "'; its blob properties are "
					+ metadata.getBlobProperties().stream().map(SingleTablePersistentProperty::getName).toList());
		}
		return property;
	}

	// ---- S3 first: uploads before the items are sent; their removal when the items fail -------------------

	/**
	 * Uploads the objects the units' items refer to at their new version: all are encoded and checked against
	 * their limits first, then sent. A plain object a write replaces (its key is the same for every write) is
	 * copied first, so that a failed write can put it back. When an upload fails, those already sent are deleted,
	 * and replaced plain objects put back.
	 * @throws dev.singletable.core.blob.BlobTooLargeException before anything is written
	 * @throws dev.singletable.core.blob.BlobStorageException when S3 refuses a write; nothing is left
	 */
	Uploads upload(List<WriteUnit> units) {
		List<BlobStorage.PreparedBlob> prepared = new ArrayList<>();
		List<SingleTablePersistentEntity<?>> owners = new ArrayList<>();
		for (WriteUnit unit : units) {
			New written = newObjects(unit);
			if (written != null) {
				BlobStorage storage = storage(written.metadata());
				PersistentPropertyAccessor<?> accessor = written.metadata().getPropertyAccessor(unit.result());
				for (SingleTablePersistentProperty property : written.metadata().getBlobProperties()) {
					BlobLocation location = written.objects().get(this.converter.getStoredName(property));
					Object value = accessor.getProperty(property);
					if (location != null && value != null) {
						prepared.add(storage.prepare(location, value, BlobSpec.of(property.getBlobField())));
						owners.add(written.metadata());
					}
				}
			}
		}
		List<BlobLocation> sent = new ArrayList<>(prepared.size());
		Map<BlobLocation, BlobLocation> backups = new LinkedHashMap<>();
		BlobStorage current = this.storage;
		try {
			for (int i = 0; i < prepared.size(); i++) {
				BlobStorage.PreparedBlob blob = prepared.get(i);
				BlobLocation location = blob.location();
				if (location.version() == null) {
					// a plain object's key is every write's: keep what it holds until the item is written
					BlobLocation backup = BlobLocation.of(location.type(), location.id(),
							location.field() + BACKUP + ResourceIds.generate());
					if (current.copy(location, backup)) {
						backups.put(location, backup);
					}
				}
				// listed first: a write whose response is lost may still have stored the object
				sent.add(location);
				if (location.version() == null) {
					current.write(blob);
				}
				else if (current.writeIfAbsent(blob).isEmpty() && !writeOverLeftover(current, owners.get(i), blob)) {
					// the object of a stored version (a concurrent writer's, or of the resource a create collides
					// with) is never replaced, nor deleted: the items' condition fails this write
					sent.remove(sent.size() - 1);
				}
			}
		}
		catch (RuntimeException ex) {
			Uploads failed = new Uploads(sent, backups);
			restoreReplaced(failed);
			deleteQuietly(sent.stream().filter((location) -> !backups.containsKey(location)).toList(),
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
	private boolean writeOverLeftover(BlobStorage current, SingleTablePersistentEntity<?> metadata,
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
			current.write(blob);
		}
		return follows;
	}

	/**
	 * The plain objects an upload replaced are kept under a key of this form until the items are written:
	 * {@code {field}~previous~{ULID}} beside the object (deleted with the resource by either library).
	 */
	static final String BACKUP = "~previous~";

	/**
	 * What {@link #upload} sent, and where it keeps the plain objects it replaced.
	 * @param sent the locations written
	 * @param backups the copies of the replaced plain objects, by location
	 */
	record Uploads(List<BlobLocation> sent, Map<BlobLocation, BlobLocation> backups) {
	}

	/**
	 * Once the items are written: deletes the copies of the replaced plain objects.
	 */
	void committed(Uploads uploads) {
		deleteQuietly(List.copyOf(uploads.backups().values()), "after the write");
	}

	/**
	 * Puts the replaced plain objects back and deletes their copies.
	 */
	private void restoreReplaced(Uploads uploads) {
		restoreReplaced(uploads, Set.of());
	}

	/**
	 * Puts the replaced plain objects back, except those whose write is stored after all, and deletes the copies.
	 */
	private void restoreReplaced(Uploads uploads, Set<BlobLocation> storedAfterAll) {
		BlobStorage current = this.storage;
		if (current == null || uploads.backups().isEmpty()) {
			return;
		}
		uploads.backups().forEach((location, backup) -> {
			if (storedAfterAll.contains(location)) {
				return;
			}
			try {
				current.copy(backup, location);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not put back the object of " + location + " (its copy is at " + current.key(backup)
						+ ") after a failed write", ex);
			}
		});
		committed(uploads);
	}

	/**
	 * After the units failed: puts back the plain objects they replaced, and deletes the objects they uploaded,
	 * keeping any a stored item refers to. A plain write can fail with its item stored (its answer lost): its
	 * stored item then carries the write's own {@code _version_token}, and its objects stay.
	 */
	void discard(List<WriteUnit> units, Uploads uploads) {
		Set<BlobLocation> storedAfterAll = new HashSet<>();
		for (WriteUnit unit : units) {
			New written = newObjects(unit);
			if (written == null || written.objects().isEmpty()) {
				continue;
			}
			Map<String, AttributeValue> stored = this.executor
				.getItem(ResourceIds.key(written.metadata(), unit.id(), written.sortKey()), true)
				.orElse(Map.of());
			AttributeValue token = written.item().get(ItemAttributes.VERSION_TOKEN);
			if (!written.metadata().isVersioned() && token != null
					&& token.equals(stored.get(ItemAttributes.VERSION_TOKEN))) {
				storedAfterAll.addAll(written.objects().values());
				continue;
			}
			List<BlobLocation> unused = new ArrayList<>();
			Map<String, BlobLocation> referenced = stored.isEmpty() ? Map.of()
					: BlobAttributes.locations(written.type(), unit.id(), storedVersion(written.metadata(), stored),
							stored);
			written.objects().forEach((field, location) -> {
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
			deleteQuietly(unused, "after the failed " + unit.describe());
		}
		restoreReplaced(uploads, storedAfterAll);
	}

	private boolean changesObjects(WriteUnit unit) {
		New written = newObjects(unit);
		return written != null && !written.objects().isEmpty();
	}

	/**
	 * The objects a unit writes: for a versioned write those its history item refers to at its own version; for a
	 * plain one those its item lists and the entity has a value for. {@literal null} for a unit without any.
	 */
	private @Nullable New newObjects(WriteUnit unit) {
		if (unit.result() == null || this.storage == null) {
			return null;
		}
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(unit.type());
		if (!hasBlobs(metadata)) {
			return null;
		}
		String type = metadata.getPrefix();
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(unit.result());
		for (TransactWriteItem item : unit.items()) {
			Put put = item.put();
			if (put == null || !put.item().containsKey(BlobAttributes.FIELDS)) {
				continue;
			}
			String sk = put.item().get(ItemAttributes.SK).s();
			Map<String, BlobLocation> objects = new LinkedHashMap<>();
			if (metadata.isVersioned()) {
				if (ItemLayout.isLatestCopy(put.item())) {
					continue;
				}
				long version = Stamps.storedVersion(put.item());
				BlobAttributes.readVersions(put.item()).forEach((field, number) -> {
					if (number == version) {
						objects.put(field, BlobLocation.of(type, unit.id(), version, field));
					}
				});
			}
			else {
				for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
					String field = this.converter.getStoredName(property);
					if (accessor.getProperty(property) != null) {
						objects.put(field, BlobLocation.of(type, unit.id(), field));
					}
				}
			}
			return new New(metadata, type, sk, put.item(), objects);
		}
		return null;
	}

	/**
	 * The objects one unit writes, by stored property name, and the sort key and item that refer to them.
	 */
	private record New(SingleTablePersistentEntity<?> metadata, String type, String sortKey,
			Map<String, AttributeValue> item, Map<String, BlobLocation> objects) {
	}

	// ---- after the commit: what no remaining item refers to ---------------------------------------------

	/**
	 * Deletes the objects of versions up to {@code upTo} that no remaining version (the latest item included) refers
	 * to, after versions were pruned or deleted: the resource's objects are listed, its remaining versions read
	 * (strongly consistent, their references only). Objects above {@code upTo} are never touched: a concurrent
	 * write may be uploading them. A failure is logged, never thrown: the write is committed.
	 */
	void removeUnreferenced(SingleTablePersistentEntity<?> metadata, String id, long upTo) {
		BlobStorage current = this.storage;
		if (current == null || !hasBlobs(metadata)) {
			return;
		}
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			List<Map<String, Long>> remaining = new ArrayList<>();
			for (Map<String, AttributeValue> item : this.retention.versions(ResourceIds.partitionKey(metadata, id),
					List.of(ItemAttributes.VERSION, BlobAttributes.FIELDS, BlobAttributes.VERSIONS))) {
				remaining.add(referencesOf(metadata, id, item));
			}
			List<BlobLocation> orphans = BlobReferences.orphans(current.listVersioned(metadata.getPrefix(), id), remaining)
				.stream()
				.filter((location) -> location.version() != null && location.version() <= upTo)
				.toList();
			current.deleteAll(orphans);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the S3 objects of " + metadata.getType().getSimpleName() + " '" + id
					+ "' that no version refers to any more (versions up to " + upTo + ")", ex);
		}
	}

	/**
	 * The references of a stored version: its {@code _blob_versions}, and for listed properties it names no
	 * version for, the item's own version (as both libraries load them).
	 */
	private static Map<String, Long> referencesOf(SingleTablePersistentEntity<?> metadata, String id,
			Map<String, AttributeValue> item) {
		Map<String, Long> references = new LinkedHashMap<>();
		BlobAttributes.locations(metadata.getPrefix(), id, storedVersion(metadata, item), item)
			.forEach((field, location) -> {
				if (location.version() != null) {
					references.put(field, location.version());
				}
			});
		return references;
	}

	private static @Nullable Long storedVersion(SingleTablePersistentEntity<?> metadata,
			Map<String, AttributeValue> item) {
		return metadata.isVersioned() ? Stamps.storedVersion(item) : null;
	}

	/**
	 * Deletes every object of a deleted resource (its whole key prefix). A failure is logged, never thrown.
	 */
	void deleteResource(SingleTablePersistentEntity<?> metadata, String id) {
		BlobStorage current = this.storage;
		if (current == null || !hasBlobs(metadata)) {
			return;
		}
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			// holding the lock, the resource is either still deleted, or created again by a write that came after
			// the delete, whose objects stay
			if (this.executor.getItem(ItemLayout.latestKey(metadata, id), true).isEmpty()) {
				current.deleteResource(metadata.getPrefix(), id);
			}
			else if (metadata.isVersioned()) {
				removeUnreferenced(metadata, id, Long.MAX_VALUE);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the S3 objects of the deleted " + metadata.getType().getSimpleName() + " '"
					+ id + "'", ex);
		}
	}

	/**
	 * Deletes the objects of a plain resource's properties that an update left without reference.
	 */
	void deleteFields(SingleTablePersistentEntity<?> metadata, String id, Collection<String> fields) {
		if (fields.isEmpty()) {
			return;
		}
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			// a write after this one may have given the property a value again
			List<String> listed = storedFields(metadata, id);
			deleteQuietly(fields.stream()
				.filter((field) -> !listed.contains(field))
				.map((field) -> BlobLocation.of(metadata.getPrefix(), id, field))
				.toList(), "after the update of " + metadata.getType().getSimpleName() + " '" + id + "'");
		}
	}

	private void deleteQuietly(List<BlobLocation> locations, String when) {
		BlobStorage current = this.storage;
		if (locations.isEmpty() || current == null) {
			return;
		}
		try {
			current.deleteAll(locations);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the S3 objects " + locations + " " + when, ex);
		}
	}

	// ---- loading ----------------------------------------------------------------------------------------

	/**
	 * Loads one blob property of an entity as read: the item of its version names the object (one strongly
	 * consistent {@code GetItem} of the references, then one S3 read).
	 * @return the value, {@literal null} when the entity's item has no object for it
	 */
	@Nullable Object load(Object entity, String propertyName) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
		SingleTablePersistentProperty property = blobProperty(metadata, propertyName);
		BlobLocation location = locations(metadata, entity).get(this.converter.getStoredName(property));
		return (location != null) ? read(metadata, property, location) : null;
	}

	/**
	 * Loads every blob property of an entity as read.
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	<T> T loadAll(T entity) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		if (!hasBlobs(metadata)) {
			return entity;
		}
		Map<String, BlobLocation> locations = locations(metadata, entity);
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			BlobLocation location = locations.get(this.converter.getStoredName(property));
			accessor.setProperty(property, (location != null) ? read(metadata, property, location) : null);
		}
		return accessor.getBean();
	}

	private Object read(SingleTablePersistentEntity<?> metadata, SingleTablePersistentProperty property,
			BlobLocation location) {
		java.lang.reflect.Type type = (property.getField() != null) ? property.getField().getGenericType()
				: (property.getGetter() != null) ? property.getGetter().getGenericReturnType() : property.getType();
		return storage(metadata).read(location, BlobSpec.of(property.getBlobField()),
				this.converter.getJsonMapper().constructType(type));
	}

	/**
	 * Where the objects of an entity's blob properties are, read from the item of the entity's version.
	 */
	private Map<String, BlobLocation> locations(SingleTablePersistentEntity<?> metadata, Object entity) {
		storage(metadata);
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
