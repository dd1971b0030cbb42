package dev.singletable.autoconfigure.definitions.plainbad;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Shelf(@Id String id, String sk) {
}
