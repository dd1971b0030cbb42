package dev.singletable.core.internal.reactive;

import java.time.Instant;
import java.util.Map;

import org.springframework.util.Assert;

import dev.singletable.core.VersionSummary;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.Expiry;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reactive template's reads of one resource by id, as {@link ResourceReads} reads them on the blocking client:
 * the latest item (hidden once expired, {@link Expiry}), a singleton's, one version, every version newest first
 * ({@link ResourceReads#history}) and their summaries ({@link ResourceReads#summaries}) with the query of
 * {@link VersionRetention#versionsQuery}.
 */
public final class ReactiveResourceReads {

	private final ReactiveDynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final Timestamps timestamps;

	private final VersionRetention retention;

	private volatile boolean consistentReads;

	ReactiveResourceReads(ReactiveDynamoDbExecutor executor, SingleTableConverter converter, Timestamps timestamps,
			VersionRetention retention) {
		this.executor = executor;
		this.converter = converter;
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
	public <T> Mono<T> findLatest(SingleTablePersistentEntity<T> metadata, String id) {
		return Mono.defer(() -> {
			Instant now = this.timestamps.now();
			return this.executor.getItem(ItemLayout.latestKey(metadata, id), this.consistentReads)
				.filter((item) -> !Expiry.isExpired(metadata, item, now))
				.map((item) -> this.converter.read(metadata.getType(), item));
		});
	}

	/** One stored version of a versioned resource. */
	public <T> Mono<T> findVersion(SingleTablePersistentEntity<T> metadata, String id, long version) {
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Map<String, AttributeValue> key = ResourceIds.key(metadata, id, ResourceIds.versionKey(version));
		return this.executor.getItem(key, this.consistentReads)
			.map((item) -> this.converter.read(metadata.getType(), item));
	}

	/** Every stored version of a versioned resource, newest first ({@code v0} left out). */
	public <T> Flux<T> findAllVersions(SingleTablePersistentEntity<T> metadata, String id) {
		return this.executor
			.queryItems(this.retention.versionsQuery(ResourceIds.partitionKey(metadata, id), null).build())
			.collectList()
			.flatMapIterable(ResourceReads::history)
			.map((item) -> this.converter.read(metadata.getType(), item));
	}

	/**
	 * The summaries of every stored version, newest first, with the query and reading of
	 * {@link ResourceReads#findVersionSummaries}.
	 */
	public Flux<VersionSummary> findVersionSummaries(SingleTablePersistentEntity<?> metadata, String id) {
		return this.executor
			.queryItems(this.retention
				.versionsQuery(ResourceIds.partitionKey(metadata, id), ResourceReads.summaryAttributes(metadata))
				.build())
			.collectList()
			.flatMapIterable((stored) -> ResourceReads.summaries(stored, this.converter));
	}

	/** A singleton type's one resource (its id is its prefix), its id set, as the blocking template reads it. */
	public <T> Mono<T> findSingleton(SingleTablePersistentEntity<T> metadata) {
		return findLatest(metadata, metadata.getPrefix()).map((found) -> Stamps.withSingletonId(metadata, found));
	}

}
