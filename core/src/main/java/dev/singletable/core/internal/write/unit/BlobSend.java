package dev.singletable.core.internal.write.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobCodec;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
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

/**
 * The plan of the blob stage around a send of units, for the {@link BlobStage}, the same for both writers: the
 * objects the units' items refer to are encoded (all first, so that one too large stops the write before anything is
 * stored) and uploaded — a version's object never written over, unless it is a leftover; a plain object a write
 * replaces (its key is every write's) copied aside first — then the items are sent; once they are written the copies
 * are deleted, and when they are not, what the uploads sent is deleted (unless a stored item refers to it) and what
 * they replaced is put back. A versioned write after the first ({@link BlobStage.Staged#lockFree}) uploads without a
 * lock: its key is its own version's, written only if absent, so a concurrent writer of the same version finds it
 * taken and fails ({@link #overLeftover}); every other write holds the blob locks of its resources
 * ({@link BlobLocks#holding}) across the uploads, the items and its after-commit work, given back at the end. A send
 * of the units of several templates enters the stage of each ({@link #enter}) on its own driver (its blob storage),
 * sends the items, then leaves them ({@link #exit}).
 */
public final class BlobSend {

	private static final Log logger = LogFactory.getLog(BlobSend.class);

	/**
	 * The plain objects an upload replaced are kept under a key of this form until the items are written:
	 * {@code {field}~previous~{ULID}} beside the object (deleted with the resource by either library).
	 */
	public static final String BACKUP = "~previous~";

	private final String tableName;

	private final SingleTableConverter converter;

	private final BlobLocks locks;

	/** How objects are encoded (the codec of the template's blob storage), {@literal null} without a storage. */
	private final @Nullable BlobCodec codec;

	BlobSend(String tableName, SingleTableConverter converter, BlobLocks locks, @Nullable BlobCodec codec) {
		this.tableName = tableName;
		this.converter = converter;
		this.locks = locks;
		this.codec = codec;
	}

	/**
	 * The plan of a send of units inside their blob stage: holding the blob locks of the resources whose objects
	 * they change (those that upload objects or clean up after the commit, when a storage is set) — across the
	 * uploads, the items, the after-commit clean-ups and the removal of what a failed write uploaded — their objects
	 * are uploaded, then the items sent. Units that carry nothing cost nothing.
	 * @param items the items' plan, given the leases held (to check right before the request)
	 * @param written whether the items' plan wrote every unit (what it uploaded is kept), given its result
	 * @param <R> what the items' plan returns (a {@code UnitSend.Result})
	 */
	public <R> Step<R> around(List<WriteUnit> units, Function<List<BlobLocks.Lease>, Step<R>> items,
			Predicate<R> written) {
		return Step.defer(() -> around(units, this.codec, resources(units, this.codec), items, written));
	}

	/**
	 * The plan that enters the blob stage of units (locks taken, objects uploaded), for a send of the units of
	 * several templates, each entering its own stage on its own driver.
	 * @return what to {@link #exit} once the items are sent
	 */
	public Step<Entered> enter(List<WriteUnit> units) {
		return Step.defer(() -> enter(units, this.codec, resources(units, this.codec)));
	}

	/**
	 * The resources whose blob locks a send of the units holds: those that upload objects or clean up after the
	 * commit, when a storage is set.
	 */
	private static List<BlobLocks.Resource> resources(List<WriteUnit> units, @Nullable BlobCodec codec) {
		List<BlobLocks.Resource> resources = new ArrayList<>();
		if (codec != null) {
			for (WriteUnit unit : units) {
				BlobStage.Staged staged = unit.blobs();
				if (staged != null && !staged.lockFree()
						&& (staged.cleanup() != null || !staged.objects().isEmpty())) {
					resources.add(staged.resource());
				}
			}
		}
		return resources;
	}

	/**
	 * Runs the items' plan inside the blob stage of the units: {@link #enter}, the items, {@link #exit}.
	 * @param codec how objects are encoded (the template's storage's), {@literal null} when no resources are given
	 * @param resources the resources whose locks the send holds (none: the items' plan runs alone)
	 * @param items the items' plan, given the leases held (to check right before the request)
	 * @param written whether the items' plan wrote every unit, given its result
	 */
	private <R> Step<R> around(List<WriteUnit> units, @Nullable BlobCodec codec, List<BlobLocks.Resource> resources,
			Function<List<BlobLocks.Lease>, Step<R>> items, Predicate<R> written) {
		return enter(units, codec, resources).then((entered) -> Step.defer(() -> items.apply(entered.leases()))
			.recover((ex) -> exit(entered, false).then((ignored) -> {
				throw ex;
			}))
			.then((result) -> exit(entered, written.test(result)).then((ignored) -> Step.done(result))));
	}

	/**
	 * The plan that enters the blob stage of units: takes the locks of the resources, then uploads the units'
	 * objects; the locks are given back when the uploads fail.
	 * @return what to {@link #exit} once the items are sent
	 */
	private Step<Entered> enter(List<WriteUnit> units, @Nullable BlobCodec codec,
			List<BlobLocks.Resource> resources) {
		if (codec == null || (resources.isEmpty() && !uploadsAny(units))) {
			return Step.done(Entered.NONE);
		}
		Step<List<BlobLocks.Lease>> locked = resources.isEmpty() ? Step.done(List.of()) : this.locks.acquire(resources);
		return locked.then((leases) -> {
			Uploads uploads = new Uploads(new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
			return upload(units, codec, uploads)
				.recover((ex) -> this.locks.release(held(leases, uploads)).then((ignored) -> {
					throw ex;
				}))
				.then((ignored) -> Step.done(new Entered(units, leases, uploads)));
		});
	}

	/**
	 * Whether some unit uploads objects.
	 */
	private static boolean uploadsAny(List<WriteUnit> units) {
		for (WriteUnit unit : units) {
			BlobStage.Staged staged = unit.blobs();
			if (staged != null && !staged.objects().isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The locks held: those taken on entering, and those the uploads took over leftovers.
	 */
	private static List<BlobLocks.Lease> held(List<BlobLocks.Lease> leases, Uploads uploads) {
		if (uploads.leases().isEmpty()) {
			return leases;
		}
		List<BlobLocks.Lease> all = new ArrayList<>(leases);
		all.addAll(uploads.leases());
		return all;
	}

	/**
	 * The plan that leaves the blob stage of units once their items were sent: when written, the copies of the
	 * replaced plain objects are deleted; when not, what the uploads sent is deleted and what they replaced put back.
	 * The locks are given back in any case.
	 * @param written whether the items were written
	 */
	public Step<Void> exit(Entered entered, boolean written) {
		Uploads uploads = entered.uploads();
		if (entered.leases().isEmpty() && uploads.leases().isEmpty() && uploads.sent().isEmpty()
				&& uploads.backups().isEmpty()) {
			return Step.done(null);
		}
		return (written ? committed(uploads) : discard(entered.units(), uploads))
			.andFinally(() -> this.locks.release(held(entered.leases(), uploads)));
	}

	// ---- upload ---------------------------------------------------------------------------------------------

	/**
	 * Uploads the objects the units' items refer to at their new version, one after another: all are encoded and
	 * checked against their limits first. When an upload fails, those already sent are deleted, and replaced plain
	 * objects put back.
	 */
	private Step<Void> upload(List<WriteUnit> units, BlobCodec codec, Uploads uploads) {
		return Step.defer(() -> {
			List<BlobStorage.PreparedBlob> prepared = new ArrayList<>();
			List<BlobStage.Staged> owners = new ArrayList<>();
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
						BlobStorage.PreparedBlob blob = staged.prepared().get(location);
						prepared.add((blob != null) ? blob
								: codec.prepare(location, value, BlobSpec.of(property.getBlobField())));
						owners.add(staged);
					}
				}
			}
			return uploadFrom(0, prepared, owners, uploads)
				.recover((ex) -> restoreReplaced(uploads, Set.of())
					.then((ignored) -> deleteQuietly(uploads.sent()
						.stream()
						.filter((location) -> !uploads.backups().containsKey(location))
						.toList(), "after a failed upload"))
					.then((ignored) -> {
						throw ex;
					}));
		});
	}

	private Step<Void> uploadFrom(int next, List<BlobStorage.PreparedBlob> prepared, List<BlobStage.Staged> owners,
			Uploads uploads) {
		if (next == prepared.size()) {
			return Step.done(null);
		}
		BlobStorage.PreparedBlob blob = prepared.get(next);
		BlobLocation location = blob.location();
		Step<Void> written;
		if (location.version() == null) {
			// a plain object's key is every write's: keep what it holds until the item is written
			BlobLocation backup = BlobLocation.of(location.type(), location.id(),
					location.field() + BACKUP + ResourceIds.generate());
			written = Step.send(new BlobRequest.CopyBlob(location, backup), (copied) -> {
				if (copied.get(Boolean.class)) {
					uploads.backups().put(location, backup);
				}
				// listed first: a write whose response is lost may still have stored the object
				uploads.sent().add(location);
				return Step.send(new BlobRequest.PutBlob(blob, false), (put) -> {
					put.orThrow();
					return Step.done(null);
				});
			});
		}
		else {
			uploads.sent().add(location);
			written = Step.send(new BlobRequest.PutBlob(blob, true), (put) -> {
				if (put.get(Optional.class).isPresent()) {
					return Step.done(null);
				}
				// the object at the key is not this write's: never deleted by it, unless it writes over it (then
				// listed again first, see writeOverLeftover); when it does not, the object is a stored version's (a
				// concurrent writer's, or of the resource a create collides with) and the items' condition fails
				// this write
				uploads.sent().remove(location);
				return overLeftover(owners.get(next), blob, uploads).then((over) -> Step.done(null));
			});
		}
		return written.then((ignored) -> uploadFrom(next + 1, prepared, owners, uploads));
	}

	/**
	 * When a version's object was not written because one may exist at its key: {@link #writeOverLeftover}, holding
	 * the resource's blob lock — the send's, or, for a write that sends without it, one taken now (held until the
	 * send ends), so that two writers never both write over one leftover. A write that sends without the lock must
	 * also tell a leftover from the upload of a concurrent write of the same version that has not committed yet:
	 * only an object older than the lock's lease is a leftover; a younger one fails this write.
	 */
	private Step<Boolean> overLeftover(BlobStage.Staged owner, BlobStorage.PreparedBlob blob, Uploads uploads) {
		if (!owner.lockFree()) {
			return writeOverLeftover(owner.metadata(), blob, false, uploads);
		}
		return this.locks.acquire(List.of(owner.resource())).then((leases) -> {
			uploads.leases().addAll(leases);
			return writeOverLeftover(owner.metadata(), blob, true, uploads);
		});
	}

	/**
	 * When a version's object may already exist: writes it only when it is a leftover — no item of that version is
	 * stored, and the latest item is the version the write follows (none for a create), so that version was never
	 * written and the object is one an earlier write of it left behind. Planned holding the resource's blob lock, so
	 * no other writer of the resource changes either meanwhile.
	 * @return whether the object was written
	 */
	private Step<Boolean> writeOverLeftover(SingleTablePersistentEntity<?> metadata, BlobStorage.PreparedBlob blob,
			boolean checkAge, Uploads uploads) {
		BlobLocation location = blob.location();
		long version = location.version();
		return item(ResourceIds.key(metadata, location.id(), ResourceIds.versionKey(version)))
			.then((stored) -> !stored.isEmpty() ? Step.done(false)
					: item(ItemLayout.latestKey(metadata, location.id())).then((latest) -> {
						boolean follows = latest.isEmpty() ? version == 1 : Stamps.storedVersion(latest) == version - 1;
						if (!follows) {
							return Step.done(false);
						}
						Step<Boolean> leftover = checkAge ? Step.send(new BlobRequest.LastModified(location),
								(answer) -> {
									@SuppressWarnings("unchecked")
									Optional<Instant> written = answer.get(Optional.class);
									if (written.isPresent()
											&& written.get().isAfter(Instant.now().minus(this.locks.lease()))) {
										throw concurrentWrite(metadata, location);
									}
									return Step.done(true);
								}) : Step.done(true);
						return leftover.then((over) -> {
							// listed first: a write whose response is lost may still have stored the object
							uploads.sent().add(location);
							return Step.send(new BlobRequest.PutBlob(blob, false), (put) -> {
								put.orThrow();
								return Step.done(true);
							});
						});
					}));
	}

	/**
	 * The failure of a write that found the object of the version it writes uploaded by another write of that
	 * version, not committed yet.
	 */
	private static VersionConflictException concurrentWrite(SingleTablePersistentEntity<?> metadata,
			BlobLocation location) {
		long version = location.version();
		return new VersionConflictException(metadata.getType().getSimpleName() + " '" + location.id()
				+ "' is being changed by someone else: another write of version " + version
				+ " is under way; nothing was written. Read the latest state and apply the change again.",
				metadata.getType(), location.id(), version - 1, null);
	}

	// ---- outcome ----------------------------------------------------------------------------------------------

	/**
	 * Once the items are written: deletes the copies of the replaced plain objects.
	 */
	private Step<Void> committed(Uploads uploads) {
		return deleteQuietly(List.copyOf(uploads.backups().values()), "after the write");
	}

	/**
	 * Puts the replaced plain objects back, except those whose write is stored after all, and deletes the copies.
	 */
	private Step<Void> restoreReplaced(Uploads uploads, Set<BlobLocation> storedAfterAll) {
		if (uploads.backups().isEmpty()) {
			return Step.done(null);
		}
		Step<Void> restored = Step.done(null);
		for (Map.Entry<BlobLocation, BlobLocation> replaced : uploads.backups().entrySet()) {
			BlobLocation location = replaced.getKey();
			if (storedAfterAll.contains(location)) {
				continue;
			}
			BlobLocation backup = replaced.getValue();
			restored = restored.then((ignored) -> Step.send(new BlobRequest.CopyBlob(backup, location), (copied) -> {
				if (copied.isFailure()) {
					logger.warn("Could not put back the object of " + location + " (its copy is at " + backup
							+ ") after a failed write", copied.failure());
				}
				return Step.done(null);
			}));
		}
		return restored.then((ignored) -> committed(uploads));
	}

	/**
	 * After the units failed: puts back the plain objects they replaced, and deletes the objects they uploaded,
	 * keeping any a stored item refers to. A plain write can fail with its item stored (its answer lost): its
	 * stored item then carries the write's own {@code _version_token}, and its objects stay.
	 */
	private Step<Void> discard(List<WriteUnit> units, Uploads uploads) {
		Set<BlobLocation> storedAfterAll = new HashSet<>();
		Step<Void> discarded = Step.done(null);
		for (WriteUnit unit : units) {
			BlobStage.Staged staged = unit.blobs();
			if (staged == null || staged.objects().isEmpty() || staged.item() == null) {
				continue;
			}
			SingleTablePersistentEntity<?> metadata = staged.metadata();
			Map<String, AttributeValue> written = staged.item();
			discarded = discarded.then((ignored) -> item(
					ResourceIds.key(metadata, unit.id(), written.get(ItemAttributes.SK).s()))
				.then((stored) -> {
					AttributeValue token = written.get(ItemAttributes.VERSION_TOKEN);
					if (!metadata.isVersioned() && token != null
							&& token.equals(stored.get(ItemAttributes.VERSION_TOKEN))) {
						storedAfterAll.addAll(staged.objects().values());
						return Step.done(null);
					}
					List<BlobLocation> unused = new ArrayList<>();
					Map<String, BlobLocation> referenced = stored.isEmpty() ? Map.of()
							: BlobAttributes.locations(metadata.getPrefix(), unit.id(),
									metadata.isVersioned() ? Stamps.storedVersion(stored) : null, stored);
					staged.objects().forEach((field, location) -> {
						// only what this write uploaded (holding the lock): an object it found and left may be
						// another version's that later versions still refer to
						if (uploads.backups().containsKey(location) || !uploads.sent().contains(location)) {
							return;
						}
						// a plain object another write stored keeps its key: only a version's own object is ours
						if (!location.equals(referenced.get(field))) {
							unused.add(location);
						}
					});
					return deleteQuietly(unused, "after the failed " + unit.describe());
				}));
		}
		return discarded.then((ignored) -> restoreReplaced(uploads, storedAfterAll));
	}

	/**
	 * Deletes objects, logging a failure: what is deleted here no item refers to, and the write's outcome stands.
	 */
	private static Step<Void> deleteQuietly(List<BlobLocation> locations, String when) {
		if (locations.isEmpty()) {
			return Step.done(null);
		}
		return Step.send(new BlobRequest.DeleteBlobs(locations), (deleted) -> {
			if (deleted.isFailure()) {
				logger.warn("Could not delete the S3 objects " + locations + " " + when, deleted.failure());
			}
			return Step.done(null);
		});
	}

	/**
	 * Reads an item, strongly consistent: empty when it is not stored.
	 */
	private Step<Map<String, AttributeValue>> item(Map<String, AttributeValue> key) {
		GetItemRequest request = GetItemRequest.builder().tableName(this.tableName).key(key).consistentRead(true).build();
		return Step.send(new Request.Plain(request), (answer) -> {
			GetItemResponse response = answer.get(GetItemResponse.class);
			return Step.done(response.hasItem() ? response.item() : Map.of());
		});
	}

	/**
	 * What the upload sent, and where it keeps the plain objects it replaced (filled as the plan runs).
	 * @param sent the locations written
	 * @param backups the copies of the replaced plain objects, by location
	 * @param leases the blob locks the uploads took (over leftovers), given back when the send ends
	 */
	record Uploads(List<BlobLocation> sent, Map<BlobLocation, BlobLocation> backups, List<BlobLocks.Lease> leases) {
	}

	/**
	 * A blob stage entered: the units, the locks held, what was uploaded.
	 * @param units the units
	 * @param leases the locks held (none: the stage had nothing to do)
	 * @param uploads what the uploads sent
	 */
	public record Entered(List<WriteUnit> units, List<BlobLocks.Lease> leases, Uploads uploads) {

		static final Entered NONE = new Entered(List.of(), List.of(), new Uploads(List.of(), Map.of(), List.of()));

	}

}
