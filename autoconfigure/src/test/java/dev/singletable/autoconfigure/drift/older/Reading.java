package dev.singletable.autoconfigure.drift.older;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain reading of a device as the older version of the application declares it: no index by device.
 *
 * @param id the id
 * @param updatedAt when it last changed
 * @param device the device read
 * @param value the value
 */
@SingleTableEntity(prefix = "Reading")
public record Reading(@Id @Nullable String id, @LastModifiedDate @Nullable Instant updatedAt, String device,
		long value) {

}
