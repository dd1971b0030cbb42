package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.VersionSummary;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.item.TypeRequirements;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.BatchGet;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The reads of resources by id, planned once for both templates: the latest item (hidden once expired), a
 * singleton's, one version, every version and the version summaries, and many resources by id with
 * {@code BatchGetItem} ({@link BatchGet}). Each is a plan ({@link Step}) that the blocking template runs on its
 * {@code BlockingDriver} and the reactive one on its {@code ReactiveDriver}; items are read back through the given
 * converter (the blocking template's runs the after-convert callbacks).
 * @param reading the converter items are read back through
 * @param consistentReads whether reads by id are strongly consistent (those that guard a write always are)
 * @param facts where the blob attributes of the latest items read of versioned types with blob properties are
 * recorded (the template's {@link KnownBlobFacts}, which its updates use instead of reading them), {@literal null}
 * for nowhere
 */
public record ResourceReads(String tableName, SingleTableConverter reading, Timestamps timestamps,
		VersionRetention retention, boolean consistentReads, @Nullable KnownBlobFacts facts) {

	/**
	 * Returns the reads of a template: through its converter (the blocking one's runs the after-convert callbacks),
	 * strongly consistent or not as it is set ({@code OperationSettings.consistentReads}).
	 */
	public ResourceReads with(SingleTableConverter converter, boolean consistent, @Nullable KnownBlobFacts facts) {
		return new ResourceReads(this.tableName, converter, this.timestamps, this.retention, consistent, facts);
	}

	/**
	 * Records what a latest item read says of its version's blob objects, for a versioned type with blob properties.
	 */
	private void known(SingleTablePersistentEntity<?> metadata, Map<String, AttributeValue> latest) {
		KnownBlobFacts facts = this.facts;
		if (facts != null) {
			facts.recordRead(metadata, latest);
		}
	}

	/**
	 * The latest item of a resource, unless it is expired ({@literal null} for none).
	 * @throws dev.singletable.core.InvalidResourceIdException when the id is not one singletable stores
	 */
	public <T> Step<T> findLatest(Class<T> type, String rawId) {
		return latest(this.reading.getRequiredEntity(type), ResourceIds.check(type, rawId));
	}

	private <T> Step<T> latest(SingleTablePersistentEntity<T> metadata, String id) {
		return Step.send(get(ItemLayout.latestKey(metadata, id)), (answer) -> {
			Map<String, AttributeValue> item = item(answer);
			if (item == null || Expiry.isExpired(metadata, item, this.timestamps.now())
					|| !this.reading.isInstance(metadata.getType(), item)) {
				return Step.done(null);
			}
			known(metadata, item);
			return Step.done(this.reading.read(metadata.getType(), item));
		});
	}

	/**
	 * A singleton type's one resource (its id is its prefix), its id set.
	 * @throws dev.singletable.core.SingletonUsageException when the type is not a singleton
	 */
	public <T> Step<T> findSingleton(Class<T> type) {
		SingleTablePersistentEntity<T> metadata = TypeRequirements.singleton(this.reading, type);
		return latest(metadata, metadata.getPrefix())
			.then((found) -> Step.done((found != null) ? Stamps.withSingletonId(metadata, found) : null));
	}

	/**
	 * One stored version of a versioned resource ({@literal null} for none). Under a version limit the latest item
	 * is read with it (in parallel): a version older than the newest {@code maxVersions} that a write has not yet
	 * pruned (see {@link VersionRetention}) is not found.
	 * @throws IllegalArgumentException when the type is not versioned or the version is below 1
	 * @throws dev.singletable.core.InvalidResourceIdException when the id is not one singletable stores
	 */
	public <T> Step<T> findVersion(Class<T> type, String rawId, long version) {
		SingleTablePersistentEntity<T> metadata = TypeRequirements.versioned(this.reading, type);
		String id = ResourceIds.check(type, rawId);
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Request read = get(ResourceIds.key(metadata, id, ResourceIds.versionKey(version)));
		int maxVersions = metadata.getMaxVersions();
		if (maxVersions <= 0) {
			return Step.send(read, (answer) -> Step.done(version(metadata, item(answer))));
		}
		return Step.sendAll(List.of(read, get(ItemLayout.latestKey(metadata, id))), (answers) -> {
			Map<String, AttributeValue> latest = item(answers.get(1));
			if (latest != null && VersionRetention.outsideWindow(maxVersions, version, Stamps.storedVersion(latest))) {
				return Step.done(null);
			}
			return Step.done(version(metadata, item(answers.get(0))));
		});
	}

	private <T> @Nullable T version(SingleTablePersistentEntity<T> metadata, @Nullable Map<String, AttributeValue> item) {
		return (item != null && this.reading.isInstance(metadata.getType(), item))
				? this.reading.read(metadata.getType(), item) : null;
	}

	/**
	 * Every stored version of a versioned resource, newest first ({@code v0} left out).
	 * @throws IllegalArgumentException when the type is not versioned
	 * @throws dev.singletable.core.InvalidResourceIdException when the id is not one singletable stores
	 */
	public <T> Step<List<T>> findAllVersions(Class<T> type, String rawId) {
		SingleTablePersistentEntity<T> metadata = TypeRequirements.versioned(this.reading, type);
		String id = ResourceIds.check(type, rawId);
		return QueryAll.of(this.retention.versionsQuery(ResourceIds.partitionKey(metadata, id), null).build())
			.then((stored) -> {
				List<Map<String, AttributeValue>> history = history(inWindow(stored, metadata.getMaxVersions()));
				List<T> versions = new ArrayList<>(history.size());
				for (Map<String, AttributeValue> item : history) {
					// a concrete type of a hierarchy reads the versions stored as it
					if (this.reading.isInstance(metadata.getType(), item)) {
						versions.add(this.reading.read(metadata.getType(), item));
					}
				}
				return Step.done(versions);
			});
	}

	/**
	 * The summaries of every stored version, newest first: only the version number and timestamps are read (and
	 * {@code data}, where the timestamps are inside it).
	 * @throws IllegalArgumentException when the type is not versioned
	 * @throws dev.singletable.core.InvalidResourceIdException when the id is not one singletable stores
	 */
	public Step<List<VersionSummary>> findVersionSummaries(Class<?> type, String rawId) {
		SingleTablePersistentEntity<?> metadata = TypeRequirements.versioned(this.reading, type);
		String id = ResourceIds.check(type, rawId);
		return QueryAll
			.of(this.retention.versionsQuery(ResourceIds.partitionKey(metadata, id), summaryAttributes(metadata))
				.build())
			.then((stored) -> Step.done(summaries(inWindow(stored, metadata.getMaxVersions()), this.reading)));
	}

	/**
	 * Reads resources by id with {@code BatchGetItem}, as the reads are consistent or not, hiding expired ones;
	 * every id is checked when the plan starts, before anything is sent.
	 * @return the resources found, in the order of the ids (duplicates read once)
	 */
	public <T> Step<List<T>> findAllById(SingleTablePersistentEntity<T> metadata, Collection<String> ids) {
		return Step.defer(() -> {
			Assert.notNull(ids, "Ids must not be null");
			List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
			String sk = metadata.isVersioned() ? ResourceIds.versionKey(0) : null;
			List<Map<String, AttributeValue>> keys = new ArrayList<>(unique.size());
			for (String id : unique) {
				String checked = ResourceIds.check(metadata.getType(), id);
				keys.add(ResourceIds.key(metadata, checked,
						(sk != null) ? sk : ResourceIds.partitionKey(metadata, checked)));
			}
			return BatchGet.of(this.tableName, keys, this.consistentReads).then((found) -> {
				Instant now = this.timestamps.now();
				List<T> results = new ArrayList<>(found.size());
				for (String id : unique) {
					Map<String, AttributeValue> item = found.get(ResourceIds.partitionKey(metadata, id));
					if (item != null && !Expiry.isExpired(metadata, item, now)
							&& this.reading.isInstance(metadata.getType(), item)) {
						known(metadata, item);
						results.add(this.reading.read(metadata.getType(), item));
					}
				}
				return Step.done(results);
			});
		});
	}

	/**
	 * Reads items by key, strongly consistent, as they are stored (expired ones too).
	 * @param keys the keys, without duplicates
	 * @return the items found, by partition key
	 */
	public Step<Map<String, Map<String, AttributeValue>>> findItems(List<Map<String, AttributeValue>> keys) {
		return BatchGet.of(this.tableName, keys, true);
	}

	private Request get(Map<String, AttributeValue> key) {
		return new Request.Plain(
				GetItemRequest.builder().tableName(this.tableName).key(key).consistentRead(this.consistentReads).build());
	}

	private static @Nullable Map<String, AttributeValue> item(Answer answer) {
		GetItemResponse response = answer.get(GetItemResponse.class);
		return (response.hasItem() && !response.item().isEmpty()) ? response.item() : null;
	}

	/**
	 * A resource's stored items without the history items older than the newest {@code maxVersions} versions (as
	 * {@code v0}'s version marks the latest): the versions a write has committed but not yet pruned (the prune runs
	 * after the answer, see {@link VersionRetention}), or that a lowered limit leaves until the next write trims
	 * them. Every item is kept when there is no limit or no {@code v0}.
	 * @param stored every item of the resource's partition, as the query of {@link VersionRetention#versionsQuery}
	 * read them
	 * @param maxVersions the type's limit, {@code 0} or less for none
	 */
	public static List<Map<String, AttributeValue>> inWindow(List<Map<String, AttributeValue>> stored,
			int maxVersions) {
		if (maxVersions <= 0) {
			return stored;
		}
		long latest = -1;
		for (Map<String, AttributeValue> item : stored) {
			if (ItemLayout.isLatestCopy(item)) {
				latest = Stamps.storedVersion(item);
			}
		}
		if (latest < 0) {
			return stored;
		}
		List<Map<String, AttributeValue>> kept = new ArrayList<>(stored.size());
		for (Map<String, AttributeValue> item : stored) {
			if (ItemLayout.isLatestCopy(item)
					|| !VersionRetention.outsideWindow(maxVersions, Stamps.storedVersion(item), latest)) {
				kept.add(item);
			}
		}
		return kept;
	}

	/**
	 * The history items among a resource's stored items ({@code v0} left out), newest first.
	 */
	public static List<Map<String, AttributeValue>> history(List<Map<String, AttributeValue>> stored) {
		List<Map<String, AttributeValue>> history = new ArrayList<>(stored.size());
		for (Map<String, AttributeValue> item : stored) {
			if (!ItemLayout.isLatestCopy(item)) {
				history.add(item);
			}
		}
		history.sort(ResourceReads::newestFirst);
		return history;
	}

	/**
	 * The attributes the summaries of a type's versions read besides the keys ({@link #summaries}).
	 */
	public static List<String> summaryAttributes(SingleTablePersistentEntity<?> metadata) {
		return metadata.isCompressed()
				? List.of(ItemAttributes.VERSION, ItemAttributes.DATA, ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT)
				: List.of(ItemAttributes.VERSION, ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT);
	}

	/**
	 * The summaries of a resource's versions, newest first, from its stored items as the query of
	 * {@link VersionRetention#versionsQuery} read them with {@link #summaryAttributes}: {@code v0}'s version marks the
	 * latest.
	 * @param stored every item of the resource's partition
	 * @param reading the converter that reads the timestamps
	 */
	public static List<VersionSummary> summaries(List<Map<String, AttributeValue>> stored,
			SingleTableConverter reading) {
		long latest = 0;
		List<Map<String, AttributeValue>> history = new ArrayList<>();
		for (Map<String, AttributeValue> item : stored) {
			if (ItemLayout.isLatestCopy(item)) {
				latest = Stamps.storedVersion(item);
			}
			else {
				history.add(item);
			}
		}
		history.sort(ResourceReads::newestFirst);
		List<VersionSummary> summaries = new ArrayList<>(history.size());
		for (Map<String, AttributeValue> item : history) {
			long version = Stamps.storedVersion(item);
			Map<String, Instant> stamps = reading.readTimestamps(item);
			summaries.add(new VersionSummary(version, stamps.get(ItemAttributes.CREATED_AT),
					stamps.get(ItemAttributes.UPDATED_AT), version == latest));
		}
		return summaries;
	}

	/**
	 * Orders items newest version first: a method, not a comparator made when the class is loaded (a template's
	 * start loads this class, and a comparator built of lambdas spun their classes then).
	 */
	private static int newestFirst(Map<String, AttributeValue> item, Map<String, AttributeValue> other) {
		return Long.compare(Stamps.storedVersion(other), Stamps.storedVersion(item));
	}

}
