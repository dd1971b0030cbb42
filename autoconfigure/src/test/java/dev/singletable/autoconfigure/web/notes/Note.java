package dev.singletable.autoconfigure.web.notes;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type listed through a web request.
 */
@SingleTableEntity
public record Note(@Id String id, @LastModifiedDate Instant updatedAt, String title) {
}
