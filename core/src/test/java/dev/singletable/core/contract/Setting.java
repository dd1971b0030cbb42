package dev.singletable.core.contract;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type without {@code @Version}, its ids assigned by the application.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
public record Setting(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		String value) {

	public static Setting of(String id, String value) {
		return new Setting(id, null, null, value);
	}

	public Setting withValue(String value) {
		return new Setting(this.id, this.createdAt, this.updatedAt, value);
	}

}
