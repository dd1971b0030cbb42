package dev.singletable.autoconfigure.drift.newer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain reading of a device as the newer version of the application declares it: indexed by device on gsi2.
 *
 * @param id the id
 * @param updatedAt when it last changed
 * @param device the device read
 * @param value the value
 */
@SingleTableEntity(prefix = "Reading")
@IndexKey(index = "gsi2", partition = "device#{device}")
public record Reading(@Id @Nullable String id, @LastModifiedDate @Nullable Instant updatedAt, String device,
		long value) {

}
