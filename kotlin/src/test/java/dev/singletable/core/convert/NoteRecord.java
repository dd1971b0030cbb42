package dev.singletable.core.convert;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The Java record that {@code KotlinEntityIntegrationTests.Note}, a Kotlin data class, is compared with: the same
 * components, each stored as an attribute of its own.
 */
@SingleTableEntity(prefix = "JavaNote")
public record NoteRecord(@Id String id, String text, @Nullable String author, TaskRecord.Priority priority,
		Set<String> tags, List<Integer> scores, boolean pinned, @Nullable Long views, String owner) {
}
