package dev.singletable.repository.memos;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type with an {@code Integer} version.
 */
@SingleTableEntity
public record Tag(@Id String id, @Version Integer version, String label) {
}
