package dev.singletable.test.autoconfigure.audited;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An audited entity that records who created it.
 *
 * @param id the id
 * @param version the version
 * @param createdBy who created it, set by auditing
 * @param total the total
 */
@SingleTableEntity
@Audited
public record Invoice(@Id String id, @Version Long version, @CreatedBy String createdBy, long total) {

}
