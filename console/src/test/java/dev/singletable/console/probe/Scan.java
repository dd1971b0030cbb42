package dev.singletable.console.probe;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A type whose blob declares a content type that is no media type.
 */
@SingleTableEntity
public record Scan(@Id String id, @BlobField(contentType = "not-a-type") byte[] data) {
}
