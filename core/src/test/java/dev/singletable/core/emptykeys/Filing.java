package dev.singletable.core.emptykeys;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/** Partitioned by owner and sorted by folder on {@code gsi3}. */
@SingleTableEntity
@IndexKey(index = "gsi3", partition = "owner#{owner}", sort = "{folder}")
public record Filing(@Id String id, String owner, String folder) {
}
