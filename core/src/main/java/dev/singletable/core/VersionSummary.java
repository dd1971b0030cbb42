package dev.singletable.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One stored version of a versioned resource, without its content: what
 * {@link SingleTableOperations#findVersionSummaries(Class, String)} lists.
 *
 * @param version the version number, from 1
 * @param createdAt the creation time of the resource as that version stores it, or {@literal null} when the item
 * has none
 * @param updatedAt when that version was written, or {@literal null} when the item has none
 * @param latest whether it is the latest version (the one the {@code v0} copy holds)
 */
public record VersionSummary(long version, @Nullable Instant createdAt, @Nullable Instant updatedAt, boolean latest) {
}
