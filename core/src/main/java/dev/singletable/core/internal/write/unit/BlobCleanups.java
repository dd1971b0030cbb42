package dev.singletable.core.internal.write.unit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobReferences;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * After the commit, for the {@link BlobStage}: the plans that delete the objects no remaining item refers to — of
 * pruned or deleted versions that no remaining version uses, of a deleted resource, of properties a plain update
 * cleared. They run holding the resource's blob lock (the send's, or one taken around them, see
 * {@link BlobStage#afterDelete}), so they read a settled state — all but {@link #removePruned}, which deletes by key
 * what no remaining version can come to use, and needs none; they never fail, since the write is committed: a
 * failure is logged.
 */
public final class BlobCleanups {

	private static final Log logger = LogFactory.getLog(BlobCleanups.class);

	private final String tableName;

	private final VersionRetention retention;

	BlobCleanups(String tableName, VersionRetention retention) {
		this.tableName = tableName;
		this.retention = retention;
	}

	/**
	 * Deletes the objects of versions up to {@code upTo} that no remaining version (the latest item included) refers
	 * to, after versions were pruned or deleted: the resource's remaining versions are read (strongly consistent,
	 * their references only), its objects listed. Objects above {@code upTo} are never touched: a concurrent write
	 * may be uploading them.
	 */
	Step<Void> removeUnreferenced(SingleTablePersistentEntity<?> metadata, String id, long upTo) {
		return unreferenced(metadata, id, upTo).recover((ex) -> {
			logger.warn("Could not delete the S3 objects of " + metadata.getType().getSimpleName() + " '" + id
					+ "' that no version refers to any more (versions up to " + upTo + ")", ex);
			return Step.done(null);
		});
	}

	private Step<Void> unreferenced(SingleTablePersistentEntity<?> metadata, String id, long upTo) {
		return remainingReferences(metadata, id)
			.then((remaining) -> Step.send(new BlobRequest.ListBlobs(metadata.getPrefix(), id), (listed) -> {
				@SuppressWarnings("unchecked")
				List<BlobLocation> objects = listed.get(List.class);
				List<BlobLocation> orphans = BlobReferences.orphans(objects, remaining)
					.stream()
					.filter((location) -> location.version() != null && location.version() <= upTo)
					.toList();
				return delete(orphans);
			}));
	}

	/**
	 * Reads the references of every remaining version of a resource (strongly consistent, references only).
	 */
	private Step<List<Map<String, Long>>> remainingReferences(SingleTablePersistentEntity<?> metadata, String id) {
		return QueryAll
			.of(this.retention
				.versionsQuery(ResourceIds.partitionKey(metadata, id),
						List.of(ItemAttributes.VERSION, BlobAttributes.FIELDS, BlobAttributes.VERSIONS))
				.build())
			.then((items) -> {
				List<Map<String, Long>> remaining = new ArrayList<>(items.size());
				for (Map<String, AttributeValue> item : items) {
					remaining.add(referencesOf(metadata, id, item));
				}
				return Step.done(remaining);
			});
	}

	/**
	 * Deletes objects, failing when the storage refuses.
	 */
	private static Step<Void> delete(List<BlobLocation> locations) {
		return Step.send(new BlobRequest.DeleteBlobs(locations), (deleted) -> {
			deleted.orThrow();
			return Step.done(null);
		});
	}

	/**
	 * Deletes the objects a pruned version used that no remaining version uses: the given candidates, less those a
	 * remaining version (read strongly consistent, references only) refers to. It lists no bucket and needs no lock:
	 * once no stored version refers to an object no write can come to refer to it (a write refers only to objects of
	 * the version it follows, or of the one it restores, and fails if that version is gone at its commit), and no
	 * write stores an object under the key of a version it does not write.
	 * @param version the pruned version
	 * @param candidates the objects the pruned version used that the new version does not use
	 */
	Step<Void> removePruned(SingleTablePersistentEntity<?> metadata, String id, long version,
			List<BlobLocation> candidates) {
		return remainingReferences(metadata, id)
			.then((remaining) -> {
				List<BlobLocation> orphans = BlobReferences.orphans(candidates, remaining);
				return orphans.isEmpty() ? Step.<Void>done(null) : delete(orphans);
			})
			.recover((ex) -> {
				logger.warn("Could not delete the S3 objects " + candidates + " that version " + version + " of "
						+ metadata.getType().getSimpleName() + " '" + id + "' used before it was pruned", ex);
				return Step.done(null);
			});
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
	 * Deletes every object of a deleted resource (its whole key prefix). Holding the lock, the resource is either
	 * still deleted, or created again by a write that came after the delete, whose objects stay.
	 */
	Step<Void> deleteResource(SingleTablePersistentEntity<?> metadata, String id) {
		return latest(metadata, id).then((latest) -> {
			if (latest.isEmpty()) {
				return Step.<Void>send(new BlobRequest.DeleteBlobResource(metadata.getPrefix(), id), (deleted) -> {
					deleted.orThrow();
					return Step.done(null);
				});
			}
			return metadata.isVersioned() ? unreferenced(metadata, id, Long.MAX_VALUE) : Step.<Void>done(null);
		}).recover((ex) -> {
			logger.warn("Could not delete the S3 objects of the deleted " + metadata.getType().getSimpleName() + " '"
					+ id + "'", ex);
			return Step.done(null);
		});
	}

	/**
	 * Deletes the objects of a plain resource's properties that an update left without reference (unless a write
	 * after this one gave the property a value again).
	 */
	Step<Void> deleteFields(SingleTablePersistentEntity<?> metadata, String id, Collection<String> fields) {
		return latest(metadata, id).then((latest) -> {
			List<String> listed = BlobAttributes.readFields(latest);
			List<BlobLocation> unreferenced = fields.stream()
				.filter((field) -> !listed.contains(field))
				.map((field) -> BlobLocation.of(metadata.getPrefix(), id, field))
				.toList();
			return unreferenced.isEmpty() ? Step.<Void>done(null) : delete(unreferenced);
		}).recover((ex) -> {
			logger.warn("Could not delete the S3 objects of " + metadata.getType().getSimpleName() + " '" + id
					+ "' that an update left without reference", ex);
			return Step.done(null);
		});
	}

	/**
	 * Reads a resource's latest item, strongly consistent: empty when it is not stored.
	 */
	private Step<Map<String, AttributeValue>> latest(SingleTablePersistentEntity<?> metadata, String id) {
		GetItemRequest request = GetItemRequest.builder()
			.tableName(this.tableName)
			.key(ItemLayout.latestKey(metadata, id))
			.consistentRead(true)
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			GetItemResponse response = answer.get(GetItemResponse.class);
			return Step.done(response.hasItem() ? response.item() : Map.of());
		});
	}

}
