package dev.singletable.repository.memos;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type whose type index is sorted by a composite template: level, then player.
 */
@SingleTableEntity
@IndexKey(index = "gsitype", sort = "L#{level}#{player}")
public record Score(@Id String id, int level, String player) {
}
