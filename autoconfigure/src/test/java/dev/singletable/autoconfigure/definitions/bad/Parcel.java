package dev.singletable.autoconfigure.definitions.bad;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "carrier#{carrier}")
public record Parcel(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String carrier,
		String label) {
}
