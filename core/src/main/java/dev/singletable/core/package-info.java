/**
 * The single-table API: {@link dev.singletable.core.SingleTableOperations} and its
 * {@link dev.singletable.core.SingleTableTemplate}, the {@link dev.singletable.core.SingleTableDatabaseFactory}
 * templates are built on, {@link dev.singletable.core.SingleTableTransaction},
 * {@link dev.singletable.core.SingleTableReadTransaction} and {@link dev.singletable.core.SingleTableSnapshot},
 * {@link dev.singletable.core.Changes}, the audit log's {@link dev.singletable.core.AuditLogQueries}, the Spring
 * transaction manager and {@link dev.singletable.core.SingleTableTransactional}, and the typed exceptions.
 * <p>
 * The template is a facade over the layers in {@code dev.singletable.core.internal}, which are not API (see
 * {@code docs/ARCHITECTURE.md}); mapping, conversion, schema, the query types, the audit log's values, blobs and
 * observation have API packages of their own.
 */
@NullMarked
package dev.singletable.core;

import org.jspecify.annotations.NullMarked;
