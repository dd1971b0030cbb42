package dev.singletable.core.keys;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type with a boolean in a partition key and in a sort key.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "flag#{active}")
@IndexKey(index = "gsi3", partition = "group#{group}", sort = "{active}#{name}")
public record Toggle(@Id String id, @LastModifiedDate Instant updatedAt, String group, String name, boolean active) {

}
