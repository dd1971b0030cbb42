/**
 * The audit log in {@code simplesingletable}'s row layout: {@link dev.singletable.core.audit.AuditEntry}, the
 * field-level diff that fills its {@code changed_fields}, and the codec between entries and items.
 */
@NullMarked
package dev.singletable.core.audit;

import org.jspecify.annotations.NullMarked;
