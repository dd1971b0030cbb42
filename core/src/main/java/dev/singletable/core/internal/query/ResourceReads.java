package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.Assert;

import dev.singletable.core.VersionSummary;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.format.Items;
import dev.singletable.core.internal.layout.Expiry;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The template's reads of one resource by id: its latest item (hidden once expired), one version, every version and
 * the version summaries. Items are read back through the reading converter, which runs the after-convert callbacks.
 */
public final class ResourceReads {

	private static final Comparator<Map<String, AttributeValue>> NEWEST_FIRST = Comparator
		.comparingLong((Map<String, AttributeValue> item) -> Stamps.storedVersion(item))
		.reversed();

	private final DynamoDbExecutor executor;

	private final SingleTableConverter reading;

	private final Timestamps timestamps;

	private final VersionRetention retention;

	private volatile boolean consistentReads;

	public ResourceReads(DynamoDbExecutor executor, SingleTableConverter reading, Timestamps timestamps,
			VersionRetention retention) {
		this.executor = executor;
		this.reading = reading;
		this.timestamps = timestamps;
		this.retention = retention;
	}

	public void setConsistentReads(boolean consistentReads) {
		this.consistentReads = consistentReads;
	}

	public boolean isConsistentReads() {
		return this.consistentReads;
	}

	/** The latest item of a resource, unless it is expired. */
	public <T> Optional<T> findLatest(SingleTablePersistentEntity<T> metadata, String id) {
		Instant now = this.timestamps.now();
		return this.executor.getItem(ItemLayout.latestKey(metadata, id), this.consistentReads)
			.filter((item) -> !Expiry.isExpired(metadata, item, now))
			.map((item) -> this.reading.read(metadata.getType(), item));
	}

	/** One stored version of a versioned resource. */
	public <T> Optional<T> findVersion(SingleTablePersistentEntity<T> metadata, String id, long version) {
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Map<String, AttributeValue> key = ResourceIds.key(metadata, id, ResourceIds.versionKey(version));
		return this.executor.getItem(key, this.consistentReads)
			.map((item) -> this.reading.read(metadata.getType(), item));
	}

	/** Every stored version of a versioned resource, newest first ({@code v0} left out). */
	public <T> List<T> findAllVersions(SingleTablePersistentEntity<T> metadata, String id) {
		List<Map<String, AttributeValue>> history = history(
				this.executor.queryAll(this.retention.versionsQuery(ResourceIds.partitionKey(metadata, id), null)));
		List<T> versions = new ArrayList<>(history.size());
		for (Map<String, AttributeValue> item : history) {
			versions.add(this.reading.read(metadata.getType(), item));
		}
		return versions;
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
		history.sort(NEWEST_FIRST);
		return history;
	}

	/**
	 * The summaries of every stored version, newest first: only the version number and timestamps are read (and
	 * {@code data}, where the timestamps are inside it).
	 */
	public List<VersionSummary> findVersionSummaries(SingleTablePersistentEntity<?> metadata, String id) {
		return summaries(this.executor.queryAll(
				this.retention.versionsQuery(ResourceIds.partitionKey(metadata, id), summaryAttributes(metadata))),
				this.reading);
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
		history.sort(NEWEST_FIRST);
		List<VersionSummary> summaries = new ArrayList<>(history.size());
		for (Map<String, AttributeValue> item : history) {
			long version = Stamps.storedVersion(item);
			Map<String, Instant> stamps = reading.readTimestamps(item);
			summaries.add(new VersionSummary(version, stamps.get(ItemAttributes.CREATED_AT),
					stamps.get(ItemAttributes.UPDATED_AT), version == latest));
		}
		return summaries;
	}

}
