package dev.singletable.benchmarks.limits;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain resource under 1 KB: one write unit, on its own partition and on its type's key of the type index.
 * @param id the id
 * @param body the body
 */
@SingleTableEntity
public record LimitNote(@Id @Nullable String id, String body) {

}
