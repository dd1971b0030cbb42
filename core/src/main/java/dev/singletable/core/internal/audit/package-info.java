/**
 * The audit row codec ({@code AuditItems}): the Python library's {@code AuditLog} item layout.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.audit;

import org.jspecify.annotations.NullMarked;
