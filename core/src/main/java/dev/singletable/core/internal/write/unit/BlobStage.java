package dev.singletable.core.internal.write.unit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.util.ClassUtils;

import dev.singletable.core.Changes;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobCodec;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.blob.BlobReferences;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.BlobDigests;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The blob stage of the write model: what a write of a type with {@code @BlobField} properties adds around its
 * DynamoDB items, S3 first and DynamoDB second — the one place of the blob rule. As {@link AuditRecords} adds an
 * audit row to a unit, the operation that builds a unit applies the stage to it (and to every replacement it
 * builds), and the {@code UnitSender} runs the stage a unit carries; the transaction, bulk and delete paths never
 * look at blob properties.
 * <ol>
 * <li><b>Prepare</b>, when a unit is built ({@link #versioned}, {@link #plain}, {@link #resourceDelete},
 * {@link #versionDelete}): its items get {@code _blob_fields} (and {@code _blob_versions}) as
 * {@link BlobReferences} computes them from the version the write follows — a property with a value gets an object
 * of the new version, a {@literal null} one keeps its reference (a read leaves it {@literal null}), a property
 * cleared explicitly loses it — and the unit carries what was prepared ({@link Staged}): the objects it writes and
 * its clean-up after the commit.</li>
 * <li><b>Upload before send</b> ({@link BlobSend#around}): the objects are encoded (all first, so that one too large
 * stops the write before anything is stored) and uploaded ({@link BlobSend}, the plan of both writers) — a versioned
 * write after the first under its own version's key, only if absent and without a lock; every other write holding
 * the blob locks of the units' resources ({@link BlobLocks}).</li>
 * <li><b>Clean-up on failure</b> ({@link BlobSend#exit}): the objects the units uploaded are deleted, unless a stored
 * item refers to them (a concurrent writer of the same version that won).</li>
 * <li><b>After the commit</b>, each unit's clean-up deletes what no remaining item refers to: the objects of pruned
 * versions that no remaining version uses (after the answer, in the background: {@link Request.Background}), of
 * deleted versions, of a deleted resource, of properties a plain update cleared ({@link BlobCleanups}).</li>
 * </ol>
 * Helpers receive the table name and converter; nothing here calls back into the template. The stage is given the
 * {@link BlobCodec} of the template's blob storage when it is made (none: types with blob properties are refused), and
 * encodes values with it while it plans: the objects' requests go to the storage the driver holds.
 */
public final class BlobStage {

	private final String tableName;

	private final SingleTableConverter converter;

	private final VersionRetention retention;

	private final BlobLocks locks;

	/** How values are encoded: the codec of the template's blob storage, {@literal null} without one. */
	private final @Nullable BlobCodec codec;

	/**
	 * The send and the clean-ups, made at their first use (a template's start makes its stages, and most
	 * applications write no blob): each holds only what this stage was made with, so a race makes equal ones.
	 */
	private @Nullable BlobSend sends;

	private @Nullable BlobCleanups cleanups;

	/** What the template knows of the blob attributes of the versions it read or wrote (each template its own). */
	private final KnownBlobFacts facts;

	/**
	 * @param tableName the table the stage's items and locks are in
	 * @param converter the converter
	 * @param retention the retention rule of versioned types
	 * @param codec the codec of the template's blob storage, {@literal null} without one
	 */
	public BlobStage(String tableName, SingleTableConverter converter, VersionRetention retention,
			@Nullable BlobCodec codec) {
		this(tableName, converter, retention, new BlobLocks(tableName), codec,
				new KnownBlobFacts(KnownBlobFacts.DEFAULT_CAPACITY));
	}

	private BlobStage(String tableName, SingleTableConverter converter, VersionRetention retention, BlobLocks locks,
			@Nullable BlobCodec codec, KnownBlobFacts facts) {
		this.tableName = tableName;
		this.facts = facts;
		this.converter = converter;
		this.retention = retention;
		this.locks = locks;
		this.codec = codec;
	}

	/**
	 * Returns the stage of the same table, converter, retention and blob locks with another codec and the facts of
	 * a template: its own when its plans are built (and built anew as its blob storage or settings change).
	 * @param codec the codec of the blob storage, {@literal null} for none
	 * @param facts what the template knows of blob attributes, kept across its plans
	 */
	public BlobStage withCodec(@Nullable BlobCodec codec, KnownBlobFacts facts) {
		return new BlobStage(this.tableName, this.converter, this.retention, this.locks, codec, facts);
	}

	public BlobLocks locks() {
		return this.locks;
	}

	/**
	 * What this stage's template knows of the blob attributes of the latest versions it read or wrote (each
	 * template keeps its own, given to {@link #withCodec}).
	 */
	public KnownBlobFacts facts() {
		return this.facts;
	}

	/**
	 * The plan after a committed write of a versioned type with blob properties: records the blob attributes of the
	 * latest item it wrote ({@link KnownBlobFacts}), then runs what else follows the commit.
	 * @param latest the latest item the write put
	 * @param after what else follows the commit, {@literal null} for nothing
	 */
	public static Step<?> recordOnCommit(KnownBlobFacts facts, Map<String, AttributeValue> latest,
			@Nullable Step<?> after) {
		Step<Object> record = Step.defer(() -> {
			facts.record(latest);
			return Step.done(null);
		});
		return (after != null) ? record.then((ignored) -> after.then((done) -> Step.done(null))) : record;
	}

	/**
	 * Refuses a type with blob properties when the stage has no codec, that is the template no blob storage (the
	 * template checks every registered type once configured, and a load of a blob property its type).
	 * @throws MissingBlobStorageException naming the type and its first blob property
	 */
	public void checkStorage(SingleTablePersistentEntity<?> metadata) {
		if (this.codec == null && hasBlobs(metadata)) {
			throw Failures.missingStorage(metadata);
		}
	}

	public static boolean hasBlobs(SingleTablePersistentEntity<?> metadata) {
		return !metadata.getBlobProperties().isEmpty();
	}

	/**
	 * How values are encoded, refusing a type with blob properties when the template has no blob storage.
	 */
	private BlobCodec codec(SingleTablePersistentEntity<?> metadata) {
		BlobCodec codec = this.codec;
		if (codec == null) {
			throw Failures.missingStorage(metadata);
		}
		return codec;
	}

	// ---- prepare: when a unit is built ----------------------------------------------------------------

	/**
	 * Compares the blob values a versioned write of version {@code next} carries with the objects of the version it
	 * follows, encoding each value once (one too large stops the write before anything is sent): a property whose
	 * followed object has a recorded digest ({@link BlobAttributes#DIGESTS}) is compared with it, here; the others
	 * are asked of the storage ({@link Compared#asks}: a {@code HeadObject} each).
	 * @param followed what the version the write follows refers to
	 * @param cleared the stored names of the properties cleared explicitly
	 * @return the comparison, {@link Compared#NONE} for a type without blob properties
	 */
	public Compared compare(SingleTablePersistentEntity<?> metadata, Object entity, long next, Followed followed,
			Collection<String> cleared) {
		if (!hasBlobs(metadata)) {
			return Compared.NONE;
		}
		BlobCodec codec = codec(metadata);
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		String id = Stamps.requireId(metadata, accessor);
		List<BlobRequest.HoldsBlob> asks = new ArrayList<>();
		Set<BlobLocation> holding = new HashSet<>();
		Map<String, BlobStorage.PreparedBlob> prepared = new HashMap<>();
		Map<String, String> computed = new HashMap<>();
		boolean digests = metadata.isCompressed();
		for (String field : written(metadata, entity, cleared)) {
			SingleTablePersistentProperty property = blobPropertyByStoredName(metadata, field);
			BlobSpec spec = BlobSpec.of(property.getBlobField());
			Long before = followed.references().get(field);
			if (before == null && !digests && spec.maxSizeBytes() < 0) {
				// encoded when uploaded: nothing to compare, no digest to record, no limit to check now
				continue;
			}
			BlobStorage.PreparedBlob blob = codec.prepare(BlobLocation.of(metadata.getPrefix(), id, next, field),
					accessor.getProperty(property), spec);
			prepared.put(field, blob);
			String md5 = digests ? BlobDigests.of(blob.body()) : null;
			if (md5 != null) {
				computed.put(field, md5);
			}
			if (before == null) {
				continue;
			}
			BlobLocation stored = BlobLocation.of(metadata.getPrefix(), id, before, field);
			String digest = followed.digests().get(field);
			if (digest == null || md5 == null) {
				asks.add(new BlobRequest.HoldsBlob(stored, blob));
			}
			else if (digest.equalsIgnoreCase(md5)) {
				holding.add(stored);
			}
		}
		return new Compared(List.copyOf(asks), holding, prepared, computed);
	}

	/**
	 * The references a version of a concrete type of a hierarchy follows: those of the latest version less the blob
	 * properties of the hierarchy's other types that this one does not have, so that a resource changing type does not
	 * carry the previous type's objects (which the versions stored as that type keep referring to). References of
	 * fields no type maps (the Python library's) are kept, as for any type.
	 */
	private Map<String, Long> withoutOtherSubtypes(SingleTablePersistentEntity<?> metadata, Map<String, Long> references) {
		if (metadata.getDiscriminator() == null || references.isEmpty()) {
			return references;
		}
		Set<String> own = new HashSet<>();
		metadata.getBlobProperties().forEach((property) -> own.add(this.converter.getStoredName(property)));
		Map<String, Long> kept = new LinkedHashMap<>(references);
		SingleTablePersistentEntity<?> root = this.converter.getRequiredEntity(metadata.getRootType());
		for (Class<?> subtype : root.getSubtypes().values()) {
			for (SingleTablePersistentProperty property : this.converter.getRequiredEntity(subtype).getBlobProperties()) {
				String field = this.converter.getStoredName(property);
				if (!own.contains(field)) {
					kept.remove(field);
				}
			}
		}
		return kept;
	}

	/**
	 * Prepares a versioned write of version {@code next}: adds the blob attributes to its history and latest items.
	 * A write after the first sends without the resource's blob lock (see {@link BlobSend}). The objects of the
	 * version it prunes are cleaned up after that prune ({@link #afterPrune}).
	 * @param followed what the version the write follows refers to
	 * @param cleared the stored names of the properties cleared explicitly
	 * @param compared the comparison of the values with the followed objects ({@link #compare}), with the
	 * storage's answers
	 * @return what the unit carries, {@literal null} for a type without blob properties
	 */
	public @Nullable Staged versioned(SingleTablePersistentEntity<?> metadata, Object entity, long next,
			Followed followed, Collection<String> cleared, Compared compared, Map<String, AttributeValue> history,
			Map<String, AttributeValue> latest) {
		if (!hasBlobs(metadata)) {
			return null;
		}
		codec(metadata);
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		String id = Stamps.requireId(metadata, accessor);
		List<String> written = new ArrayList<>();
		for (String field : written(metadata, entity, cleared)) {
			Long before = followed.references().get(field);
			if (before != null && compared.holding().contains(BlobLocation.of(metadata.getPrefix(), id, before, field))) {
				// the value the entity still carries is the one stored: refer to it, do not copy it
				continue;
			}
			written.add(field);
		}
		Map<String, Long> references = BlobReferences.nextVersion(withoutOtherSubtypes(metadata, followed.references()),
				next, written, cleared);
		BlobAttributes.writeVersioned(history, references);
		BlobAttributes.writeVersioned(latest, references);
		Map<String, BlobLocation> objects = new LinkedHashMap<>();
		Map<BlobLocation, BlobStorage.PreparedBlob> uploads = new HashMap<>();
		Map<String, String> digests = new HashMap<>();
		references.forEach((field, version) -> {
			if (version == next) {
				BlobLocation location = BlobLocation.of(metadata.getPrefix(), id, next, field);
				objects.put(field, location);
				BlobStorage.PreparedBlob blob = compared.prepared().get(field);
				if (blob != null) {
					uploads.put(location, blob);
					String md5 = compared.digests().get(field);
					digests.put(field, (md5 != null) ? md5 : BlobDigests.of(blob.body()));
				}
			}
			else {
				String digest = followed.digests().get(field);
				if (digest != null) {
					digests.put(field, digest);
				}
			}
		});
		if (metadata.isCompressed()) {
			BlobAttributes.writeDigests(history, references, digests);
			BlobAttributes.writeDigests(latest, references, digests);
		}
		return new Staged(new BlobLocks.Resource(metadata, id), history, objects, null, next >= 2, uploads);
	}

	/**
	 * The clean-up after the prune that follows a versioned write of version {@code next}
	 * ({@link VersionRetention#prune}, asked to return the pruned item): the objects the pruned version used, less
	 * those the new version uses, deleted unless another remaining version uses them ({@link BlobCleanups#removePruned});
	 * after a trim of a longer history, every object of the versions up to the pruned one that no remaining version
	 * uses ({@link BlobCleanups#removeUnreferenced}). The pruned version is never read before the write: the delete
	 * returns it.
	 * @param written the new version's item (its blob references, {@link #versioned})
	 * @param outcome what the prune did
	 * @return the plan, nothing to do when the prune deleted no item with objects of its own
	 */
	public Step<?> afterPrune(SingleTablePersistentEntity<?> metadata, String id, long next,
			Map<String, AttributeValue> written, VersionRetention.Pruned outcome) {
		long pruned = VersionRetention.pruned(metadata.getMaxVersions(), next);
		if (pruned == 0) {
			return Step.done(null);
		}
		if (outcome.trimmed()) {
			return cleanup(() -> cleanups().removeUnreferenced(metadata, id, pruned));
		}
		Map<String, AttributeValue> item = outcome.item();
		if (item == null) {
			return Step.done(null);
		}
		Map<String, Long> references = BlobCleanups.referencesOf(metadata, id, written);
		List<BlobLocation> candidates = new ArrayList<>();
		BlobCleanups.referencesOf(metadata, id, item).forEach((field, version) -> {
			if (!version.equals(references.get(field))) {
				candidates.add(BlobLocation.of(metadata.getPrefix(), id, version, field));
			}
		});
		return candidates.isEmpty() ? Step.done(null)
				: cleanup(() -> cleanups().removePruned(metadata, id, pruned, candidates));
	}

	/**
	 * Prepares the write of a plain item: adds {@code _blob_fields}. After the commit, the objects of properties the
	 * write leaves without reference are deleted.
	 * @param previousFields the properties with an object before the write
	 * @param cleared the stored names of the properties cleared explicitly
	 * @return what the unit carries, {@literal null} for a type without blob properties
	 */
	public @Nullable Staged plain(SingleTablePersistentEntity<?> metadata, Object entity, Collection<String> previousFields,
			Collection<String> cleared, Map<String, AttributeValue> item) {
		if (!hasBlobs(metadata)) {
			return null;
		}
		BlobCodec codec = codec(metadata);
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		String id = Stamps.requireId(metadata, accessor);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			Object value = accessor.getProperty(property);
			BlobSpec spec = BlobSpec.of(property.getBlobField());
			if (value != null && spec.maxSizeBytes() >= 0) {
				codec.prepare(BlobLocation.of(metadata.getPrefix(), id, this.converter.getStoredName(property)), value,
						spec);
			}
		}
		Set<String> fields = new LinkedHashSet<>(previousFields);
		fields.removeAll(cleared);
		fields.addAll(written(metadata, entity, cleared));
		BlobAttributes.writePlain(item, fields);
		Map<String, BlobLocation> objects = new LinkedHashMap<>();
		if (item.containsKey(BlobAttributes.FIELDS)) {
			// every property with a value: its object is written again under the plain key
			for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
				String field = this.converter.getStoredName(property);
				if (accessor.getProperty(property) != null) {
					objects.put(field, BlobLocation.of(metadata.getPrefix(), id, field));
				}
			}
		}
		Set<String> unreferenced = BlobReferences.unreferencedFields(previousFields, fields);
		return new Staged(new BlobLocks.Resource(metadata, id), item, objects,
				unreferenced.isEmpty() ? null : cleanup(() -> cleanups().deleteFields(metadata, id, unreferenced)),
				false, Map.of());
	}

	/**
	 * Prepares the delete of a resource: after the commit (never after a failure), what this stage's template knew
	 * of its blob attributes is forgotten ({@link KnownBlobFacts#forget}), then its objects are deleted.
	 * @return what the unit carries, {@literal null} for a type without blob properties
	 */
	public @Nullable Staged resourceDelete(SingleTablePersistentEntity<?> metadata, String id) {
		if (!hasBlobs(metadata)) {
			return null;
		}
		String pk = ResourceIds.partitionKey(metadata, id);
		Step<?> cleanup = cleanup(() -> cleanups().deleteResource(metadata, id));
		Step<Object> forgotten = Step.defer(() -> {
			this.facts.forget(pk);
			return cleanup.then((done) -> Step.done(null));
		});
		return new Staged(new BlobLocks.Resource(metadata, id), null, Map.of(), forgotten, false, Map.of());
	}

	/**
	 * Prepares the delete of one version: after the commit, the objects no remaining version uses are deleted.
	 * @return what the unit carries, {@literal null} for a type without blob properties
	 */
	public @Nullable Staged versionDelete(SingleTablePersistentEntity<?> metadata, String id, long version) {
		return hasBlobs(metadata) ? new Staged(new BlobLocks.Resource(metadata, id), null, Map.of(),
				cleanup(() -> cleanups().removeUnreferenced(metadata, id, version)), false, Map.of()) : null;
	}

	/**
	 * The plan of a clean-up after the commit ({@link BlobCleanups}), when the template has a blob storage (none:
	 * nothing to do). It runs holding the resource's blob lock: the send's, or one {@link #afterDelete} takes.
	 */
	private Step<?> cleanup(Supplier<Step<Void>> plan) {
		return (this.codec != null) ? Step.defer(plan::get) : Step.<Void>done(null);
	}

	/**
	 * The plan that hands a clean-up to the driver to run off the caller's path ({@link Request.Background}), when
	 * the template has a blob storage.
	 */
	private Step<?> background(Supplier<Step<Void>> plan) {
		Step<?> cleanup = cleanup(plan);
		return Step.send(new Request.Background(cleanup), (answer) -> Step.done(null));
	}

	/**
	 * The plan of what follows a delete whose items were sent outside a unit (in batches, or one by one): the
	 * clean-up the stage prepared for it, holding the resource's blob lock; nothing when it prepared none.
	 */
	public Step<?> afterDelete(@Nullable Staged staged) {
		Step<?> cleanup = (staged != null) ? staged.cleanup() : null;
		if (staged == null || cleanup == null) {
			return Step.done(null);
		}
		return this.locks.holding(List.of(staged.resource()), (leases) -> cleanup);
	}

	/**
	 * Returns the unit carrying what the stage prepared for it, its clean-up after its own after-commit work; the
	 * unit itself when nothing was prepared.
	 */
	public static WriteUnit withBlobs(WriteUnit unit, @Nullable Staged staged) {
		if (staged == null) {
			return unit;
		}
		Step<?> own = unit.afterCommit();
		Step<?> cleanup = staged.cleanup();
		Step<?> after = (own == null || cleanup == null) ? ((own != null) ? own : cleanup) : own.thenRun(() -> cleanup);
		return new WriteUnit(unit.operation(), unit.type(), unit.id(), unit.items(), unit.onFailure(), after,
				unit.result(), staged);
	}

	/**
	 * Applies {@link Changes} to an entity: blob properties are not JSON of the item, so they are set here (with
	 * {@literal null}, or {@link Changes#clear}, cleared: their references dropped), the rest through the
	 * {@link ChangesApplier}.
	 * @return the entity with the changes applied, and the stored names of the blob properties cleared
	 * @throws IllegalArgumentException when a blob property is given a value of another type
	 */
	public <T> Changed<T> applyChanges(T entity, Changes changes, ChangesApplier applier) {
		@SuppressWarnings("unchecked")
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		if (!hasBlobs(metadata)) {
			return new Changed<>(applier.apply(entity, changes), List.of());
		}
		List<String> cleared = new ArrayList<>();
		Map<String, Object> blobValues = new HashMap<>();
		PersistentPropertyAccessor<T> carried = metadata.getPropertyAccessor(entity);
		for (SingleTablePersistentProperty property : metadata.getBlobProperties()) {
			String name = property.getName();
			Object value = changes.values().containsKey(name) ? changes.values().get(name) : carried.getProperty(property);
			if (changes.cleared().contains(name) || (changes.values().containsKey(name) && value == null)) {
				cleared.add(name);
			}
			else if (value != null) {
				if (!ClassUtils.isAssignableValue(property.getType(), value)) {
					throw new IllegalArgumentException("Cannot set '" + name + "' of " + metadata.getType().getSimpleName()
							+ " to a " + value.getClass().getName() + ": pass a " + property.getType().getName()
							+ "; nothing was written");
				}
				blobValues.put(name, value);
			}
		}
		Changes others = Changes.none();
		for (Map.Entry<String, Object> change : changes.values().entrySet()) {
			if (!blobValues.containsKey(change.getKey()) && !cleared.contains(change.getKey())) {
				others = others.and(change.getKey(), change.getValue());
			}
		}
		String[] clearedOthers = changes.cleared().stream().filter((name) -> !cleared.contains(name)).toArray(String[]::new);
		others = (clearedOthers.length > 0) ? others.clear(clearedOthers) : others;
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, applier.apply(entity, others));
		blobValues.forEach((name, value) -> accessor.setProperty(metadata.getRequiredPersistentProperty(name), value));
		return new Changed<>(accessor.getBean(), storedNames(metadata, cleared));
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

	// ---- the send: locks, uploads, clean-up on failure --------------------------------------------------

	/**
	 * The plan of the blob stage around a send of units ({@link BlobSend}).
	 */
	public BlobSend send() {
		BlobSend sends = this.sends;
		if (sends == null) {
			sends = new BlobSend(this.tableName, this.converter, this.locks, this.codec);
			this.sends = sends;
		}
		return sends;
	}

	private BlobCleanups cleanups() {
		BlobCleanups cleanups = this.cleanups;
		if (cleanups == null) {
			cleanups = new BlobCleanups(this.tableName, this.retention);
			this.cleanups = cleanups;
		}
		return cleanups;
	}

	// ---- what a unit carries ----------------------------------------------------------------------------

	/**
	 * What the stage prepared for one unit.
	 * @param resource the resource whose blob lock the unit's send holds
	 * @param item the item that refers to the objects the write uploads (a versioned write's history item, a plain
	 * write's item), {@literal null} for a delete
	 * @param objects the objects the write uploads, by stored property name
	 * @param cleanup the plan of what to delete after the commit, {@literal null} for nothing
	 * @param lockFree whether the send uploads the objects without the resource's blob lock: a versioned write after
	 * the first, whose objects have keys of their own version, written only if absent (see {@link BlobSend})
	 * @param prepared the objects already encoded, by location (the others are encoded when uploaded)
	 */
	public record Staged(BlobLocks.Resource resource, @Nullable Map<String, AttributeValue> item,
			Map<String, BlobLocation> objects, @Nullable Step<?> cleanup, boolean lockFree,
			Map<BlobLocation, BlobStorage.PreparedBlob> prepared) {

		SingleTablePersistentEntity<?> metadata() {
			return this.resource.metadata();
		}

	}

	/**
	 * What the version a versioned write follows refers to, as read.
	 * @param references the version whose object each blob property uses
	 * @param digests the digests of those objects that the item records ({@link BlobAttributes#DIGESTS})
	 */
	public record Followed(Map<String, Long> references, Map<String, String> digests,
			KnownBlobFacts.@Nullable Facts known) {

		/** A version without blob attributes. */
		public static final Followed NONE = new Followed(Map.of(), Map.of());

		/**
		 * What a version refers to, as read from the table.
		 */
		public Followed(Map<String, Long> references, Map<String, String> digests) {
			this(references, digests, null);
		}

		/**
		 * What a version refers to, as known without reading it ({@link KnownBlobFacts}): the write that follows it
		 * puts {@code v0} on the condition that its blob attributes are still these.
		 */
		public static Followed known(KnownBlobFacts.Facts facts) {
			Map<String, AttributeValue> item = facts.attributes();
			return new Followed(BlobAttributes.readVersions(item), BlobAttributes.readDigests(item), facts);
		}

		/**
		 * What a stored item refers to.
		 * @param item the item, {@literal null} for none
		 */
		public static Followed of(@Nullable Map<String, AttributeValue> item) {
			return (item != null) ? new Followed(BlobAttributes.readVersions(item), BlobAttributes.readDigests(item)) : NONE;
		}

	}

	/**
	 * The comparison of a versioned write's blob values with the objects of the version it follows.
	 * @param asks the comparisons left to the storage (objects without a recorded digest)
	 * @param holding the followed objects known to hold the value the entity carries
	 * @param prepared the values encoded, by stored property name
	 * @param digests the MD5 (hex) of the values encoded, by stored property name, for a type whose items record them
	 */
	public record Compared(List<BlobRequest.HoldsBlob> asks, Set<BlobLocation> holding,
			Map<String, BlobStorage.PreparedBlob> prepared, Map<String, String> digests) {

		/** Nothing compared. */
		public static final Compared NONE = new Compared(List.of(), Set.of(), Map.of(), Map.of());

		/**
		 * Returns this with the storage's answers to the {@link #asks}: the objects that hold the values.
		 */
		public Compared answered(Set<BlobLocation> alsoHolding) {
			Set<BlobLocation> all = new HashSet<>(this.holding);
			all.addAll(alsoHolding);
			return new Compared(List.of(), Set.copyOf(all), this.prepared, this.digests);
		}

	}

	/**
	 * An entity with {@link Changes} applied, and the stored names of the blob properties the changes clear.
	 */
	public record Changed<T>(T entity, List<String> cleared) {
	}

	/**
	 * The failure of a type with blob properties and no storage, made in a class of its own: verifying a throw of the
	 * exception where it is made loads its class, which the start of a template, that checks its types here, does
	 * not need unless one fails.
	 */
	private static final class Failures {

		static RuntimeException missingStorage(SingleTablePersistentEntity<?> metadata) {
			return new MissingBlobStorageException(metadata.getType(), metadata.getBlobProperties().get(0).getName());
		}

	}

}
