package dev.singletable.core.emptykeys;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/** Listed through the type index sorted by its folder. */
@SingleTableEntity
@IndexKey(index = "gsitype", sort = "{folder}")
public record Memo(@Id String id, @Nullable String folder) {
}
