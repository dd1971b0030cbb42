package dev.singletable.autoconfigure.audited;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, audited entity.
 *
 * @param id the identifier
 * @param version the version
 * @param total the total
 */
@SingleTableEntity
@Audited
public record Receipt(@Id String id, @Version Long version, long total) {

}
