package dev.singletable.benchmarks.limits;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * {@link LimitNote}'s twin whose type index is spread over {@value #SHARDS} shards
 * ({@code gsitype = SpreadLimitNote#0..3}).
 * @param id the id
 * @param body the body
 * @param updatedAt the modification time, which the listing is ordered by
 */
@SingleTableEntity(typeIndexShards = SpreadLimitNote.SHARDS)
public record SpreadLimitNote(@Id @Nullable String id, String body, @LastModifiedDate @Nullable Instant updatedAt) {

	/** The shards of the type index. */
	public static final int SHARDS = 4;

}
