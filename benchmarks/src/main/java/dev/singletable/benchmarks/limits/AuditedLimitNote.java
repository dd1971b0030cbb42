package dev.singletable.benchmarks.limits;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An audited plain resource under 1 KB: each write also writes an audit row, on the table's
 * {@code _INTERNAL#AuditLog} key of the type index.
 * @param id the id
 * @param body the body
 */
@Audited
@SingleTableEntity
public record AuditedLimitNote(@Id @Nullable String id, String body) {

}
