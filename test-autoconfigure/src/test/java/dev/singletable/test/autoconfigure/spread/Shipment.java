package dev.singletable.test.autoconfigure.spread;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type whose type index is spread over 3 shards.
 * @param id the id
 * @param carrier the carrier
 */
@SingleTableEntity(typeIndexShards = 3)
public record Shipment(@Id @Nullable String id, String carrier) {

}
