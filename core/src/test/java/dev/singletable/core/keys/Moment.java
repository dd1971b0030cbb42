package dev.singletable.core.keys;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed type with every kind of date-time property.
 */
@SingleTableEntity
public record Moment(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		Instant instant, OffsetDateTime offsetDateTime, LocalDateTime localDateTime, LocalTime localTime) {

}
