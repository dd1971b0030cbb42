package dev.singletable.core.convert;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The Java record that {@code KotlinEntityIntegrationTests.Task}, a Kotlin data class, is compared with: the same
 * components in the same order, stored compressed in {@code data}; its enum, value class and nullable types are the
 * Java types they are stored as (the package is {@code @NullMarked}, as Kotlin reads it).
 */
@SingleTableEntity(versioned = true, prefix = "JavaTask")
public record TaskRecord(@Id String id, @Version @Nullable Long version, String title, @Nullable String assignee,
		Priority priority, Set<String> tags, List<String> steps, boolean done, boolean isUrgent, @Nullable Integer estimate,
		String owner, @Nullable String contact) {

	/** The Java twin of the Kotlin enum. */
	public enum Priority {

		LOW, HIGH

	}

}
