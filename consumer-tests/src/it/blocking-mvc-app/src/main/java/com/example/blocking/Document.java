package com.example.blocking;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, audited document whose body is stored in S3, one object per version that changed it.
 */
@SingleTableEntity(versioned = true)
@Audited
public record Document(@Id String id, @Version Long version, @CreatedBy String createdBy,
		@LastModifiedBy String modifiedBy, String title,
		@BlobField(compress = true, contentType = "text/plain") String body) {
}
