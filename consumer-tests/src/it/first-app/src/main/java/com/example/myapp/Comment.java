package com.example.myapp;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain (not versioned) entity type in the same table.
 */
@SingleTableEntity
@IndexKey(index = "gsi2", partition = "note#{noteId}")
public record Comment(@Id String id, String noteId, String text) {
}
