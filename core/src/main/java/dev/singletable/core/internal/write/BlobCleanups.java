package dev.singletable.core.internal.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.blob.BlobReferences;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * After the commit, for the {@link BlobStage}: deletes the objects no remaining item refers to — of pruned or
 * deleted versions that no remaining version uses, of a deleted resource, of properties a plain update cleared.
 * Each takes the resource's blob lock itself (reentrant: a send that holds it already keeps it), so it reads a
 * settled state; a failure is logged, never thrown, since the write is committed.
 */
public final class BlobCleanups {

	private static final Log logger = LogFactory.getLog(BlobCleanups.class);

	private final DynamoDbExecutor executor;

	private final VersionRetention retention;

	private final BlobLocks locks;

	BlobCleanups(DynamoDbExecutor executor, VersionRetention retention, BlobLocks locks) {
		this.executor = executor;
		this.retention = retention;
		this.locks = locks;
	}

	/**
	 * Deletes the objects of versions up to {@code upTo} that no remaining version (the latest item included) refers
	 * to, after versions were pruned or deleted: the resource's objects are listed, its remaining versions read
	 * (strongly consistent, their references only). Objects above {@code upTo} are never touched: a concurrent
	 * write may be uploading them.
	 */
	void removeUnreferenced(BlobStorage storage, SingleTablePersistentEntity<?> metadata, String id, long upTo) {
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			List<Map<String, Long>> remaining = new ArrayList<>();
			for (Map<String, AttributeValue> item : this.retention.versions(ResourceIds.partitionKey(metadata, id),
					List.of(ItemAttributes.VERSION, BlobAttributes.FIELDS, BlobAttributes.VERSIONS))) {
				remaining.add(referencesOf(metadata, id, item));
			}
			List<BlobLocation> orphans = BlobReferences.orphans(storage.listVersioned(metadata.getPrefix(), id), remaining)
				.stream()
				.filter((location) -> location.version() != null && location.version() <= upTo)
				.toList();
			storage.deleteAll(orphans);
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
	public static Map<String, Long> referencesOf(SingleTablePersistentEntity<?> metadata, String id,
			Map<String, AttributeValue> item) {
		Map<String, Long> references = new LinkedHashMap<>();
		BlobAttributes
			.locations(metadata.getPrefix(), id, metadata.isVersioned() ? Stamps.storedVersion(item) : null, item)
			.forEach((field, location) -> {
				if (location.version() != null) {
					references.put(field, location.version());
				}
			});
		return references;
	}

	/**
	 * Deletes every object of a deleted resource (its whole key prefix).
	 */
	void deleteResource(BlobStorage storage, SingleTablePersistentEntity<?> metadata, String id) {
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			// holding the lock, the resource is either still deleted, or created again by a write that came after
			// the delete, whose objects stay
			if (this.executor.getItem(ItemLayout.latestKey(metadata, id), true).isEmpty()) {
				storage.deleteResource(metadata.getPrefix(), id);
			}
			else if (metadata.isVersioned()) {
				removeUnreferenced(storage, metadata, id, Long.MAX_VALUE);
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
	void deleteFields(BlobStorage storage, SingleTablePersistentEntity<?> metadata, String id,
			Collection<String> fields) {
		try (BlobLocks.Held held = this.locks.hold(List.of(new BlobLocks.Resource(metadata, id)))) {
			// a write after this one may have given the property a value again
			List<String> listed = storedFields(metadata, id);
			BlobUploads.deleteQuietly(storage, fields.stream()
				.filter((field) -> !listed.contains(field))
				.map((field) -> BlobLocation.of(metadata.getPrefix(), id, field))
				.toList(), "after the update of " + metadata.getType().getSimpleName() + " '" + id + "'");
		}
	}

	/**
	 * Reads the properties a plain resource's item lists as having an object (strongly consistent).
	 */
	List<String> storedFields(SingleTablePersistentEntity<?> metadata, String id) {
		return this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
			.map(BlobAttributes::readFields)
			.orElse(List.of());
	}

}
