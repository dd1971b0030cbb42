package dev.singletable.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import tools.jackson.databind.JsonNode;

/**
 * One row of the audit log, as {@code simplesingletable}'s {@code AuditLog} stores it (so that rows written by
 * either library are read by both): which resource changed, how ({@code CREATE}, {@code UPDATE}, {@code DELETE},
 * {@code RESTORE}, or any operation name another writer used), who changed it, the fields that changed with their
 * old and new values, a snapshot of the resource after the change and free-form metadata.
 *
 * @param id the entry's id, a ULID (its time part is when the entry was made)
 * @param resourceType the audited resource's type name ({@code audited_resource_type})
 * @param resourceId the audited resource's id ({@code audited_resource_id})
 * @param operation the operation
 * @param changedBy who made the change, or {@literal null}
 * @param changedFields the changed fields by stored name, or {@literal null} when the entry does not track them
 * @param resourceSnapshot the resource after the change as stored JSON, or {@literal null}
 * @param metadata free-form metadata (a JSON object, empty when there is none)
 * @param createdAt when the entry was made
 */
public record AuditEntry(String id, String resourceType, String resourceId, String operation,
		@Nullable String changedBy, @Nullable Map<String, FieldChange> changedFields, @Nullable JsonNode resourceSnapshot,
		Map<String, JsonNode> metadata, Instant createdAt) {

	/** A resource was created. */
	public static final String CREATE = "CREATE";

	/** A resource was updated. */
	public static final String UPDATE = "UPDATE";

	/** A resource was deleted. */
	public static final String DELETE = "DELETE";

	/** A resource was restored to an earlier version. */
	public static final String RESTORE = "RESTORE";

	/**
	 * The metadata key of the id (a ULID) of the {@code TransactWriteItems} that wrote the row, shared by every row
	 * one transaction wrote, as {@code simplesingletable} 17 writes it.
	 */
	public static final String TRANSACTION_ID = "transaction_id";

	/**
	 * The metadata key of the version a restore restored, in the {@code UPDATE} row this library writes for a
	 * {@code restoreVersion} (the operation stays {@code UPDATE}, as the Python library records a restore).
	 */
	public static final String RESTORED_FROM_VERSION = "restored_from_version";

	/**
	 * Checks the values and copies the maps.
	 */
	public AuditEntry {
		Assert.hasText(id, "Id must not be empty");
		Assert.hasText(resourceType, "Resource type must not be empty");
		Assert.hasText(resourceId, "Resource id must not be empty");
		Assert.hasText(operation, "Operation must not be empty");
		Assert.notNull(createdAt, "Creation time must not be null");
		changedFields = (changedFields != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(changedFields))
				: null;
		metadata = (metadata != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(metadata)) : Map.of();
	}

	/**
	 * Returns whether the row records a restore: its operation is {@link #RESTORE}, or an {@code UPDATE} whose
	 * metadata names the restored version ({@value #RESTORED_FROM_VERSION}).
	 */
	public boolean isRestore() {
		JsonNode from = this.metadata.get(RESTORED_FROM_VERSION);
		return RESTORE.equals(this.operation) || (from != null && from.isNumber());
	}

	/**
	 * Returns the id of the transaction that wrote the row ({@code audit_metadata.transaction_id}): the same for
	 * every row written by one transaction.
	 * @return the id, or {@literal null} when the row has none (rows written by {@code simplesingletable} before
	 * 17.0)
	 */
	public @Nullable String transactionId() {
		JsonNode id = this.metadata.get(TRANSACTION_ID);
		return (id != null && id.isString()) ? id.asString() : null;
	}

}
