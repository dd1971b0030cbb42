package dev.singletable.core.emptykeys;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/** Keyed by its folder alone on {@code gsi1}, and by its folder after literal text on {@code gsi2}. */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "{folder}")
@IndexKey(index = "gsi2", partition = "folder#{folder}")
public record Paper(@Id String id, String folder) {
}
