package dev.singletable.events;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.audit.AuditEntry;

/**
 * A change of one resource as the table's stream reports it: the resource's latest state was created, updated or
 * deleted (by this application, another instance, or a Python service sharing the table: events come from the table,
 * not from the writer). History items, audit rows, per-type counts and internal items make no change event. For an
 * {@code @Audited} type the change carries its audit row: {@link #changedBy() who made it}, and whether an update was a
 * {@link Type#RESTORED restore}.
 * <p>
 * Delivery is at least once, in order per resource: a listener may see a change again (after a failure or a
 * failover), so it should be idempotent; {@link #idempotencyKey()} identifies the change across redeliveries.
 *
 * @param <T> the entity type
 */
public final class ResourceChange<T> {

	private final Type type;

	private final Class<T> resourceType;

	private final String id;

	private final long version;

	private final @Nullable T oldState;

	private final @Nullable T newState;

	private final Instant changedAt;

	private final String sequenceNumber;

	private final String partitionKey;

	private final boolean expired;

	private final @Nullable AuditEntry auditEntry;

	/**
	 * Creates a change with no audit row.
	 * @param type what happened
	 * @param resourceType the entity type
	 * @param id the resource's id
	 * @param version the version the change made (deleted: the version deleted); {@code 0} for a type without
	 * versions
	 * @param oldState the resource before the change ({@literal null} for a creation)
	 * @param newState the resource after the change ({@literal null} for a deletion)
	 * @param changedAt when the change was made (see {@link #changedAt()})
	 * @param sequenceNumber the stream record's sequence number
	 * @param partitionKey the resource's partition key ({@code pk})
	 * @param expired whether a deletion was DynamoDB's, at the end of the resource's time to live
	 */
	public ResourceChange(Type type, Class<T> resourceType, String id, long version, @Nullable T oldState,
			@Nullable T newState, Instant changedAt, String sequenceNumber, String partitionKey, boolean expired) {
		this(type, resourceType, id, version, oldState, newState, changedAt, sequenceNumber, partitionKey, expired,
				null);
	}

	/**
	 * Creates a change.
	 * @param type what happened
	 * @param resourceType the entity type
	 * @param id the resource's id
	 * @param version the version the change made (deleted: the version deleted); {@code 0} for a type without
	 * versions
	 * @param oldState the resource before the change ({@literal null} for a creation)
	 * @param newState the resource after the change ({@literal null} for a deletion)
	 * @param changedAt when the change was made (see {@link #changedAt()})
	 * @param sequenceNumber the stream record's sequence number
	 * @param partitionKey the resource's partition key ({@code pk})
	 * @param expired whether a deletion was DynamoDB's, at the end of the resource's time to live
	 * @param auditEntry the audit log's row of the change, {@literal null} when there is none
	 */
	public ResourceChange(Type type, Class<T> resourceType, String id, long version, @Nullable T oldState,
			@Nullable T newState, Instant changedAt, String sequenceNumber, String partitionKey, boolean expired,
			@Nullable AuditEntry auditEntry) {
		this.type = type;
		this.resourceType = resourceType;
		this.id = id;
		this.version = version;
		this.oldState = oldState;
		this.newState = newState;
		this.changedAt = changedAt;
		this.sequenceNumber = sequenceNumber;
		this.partitionKey = partitionKey;
		this.expired = expired;
		this.auditEntry = auditEntry;
	}

	/**
	 * Returns what happened.
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * Returns who made the change, as the audit log recorded it ({@code changed_by}): {@literal null} for a type
	 * that is not {@code @Audited}, a change made with no changer, or one whose row was not found.
	 */
	public @Nullable String changedBy() {
		return (this.auditEntry != null) ? this.auditEntry.changedBy() : null;
	}

	/**
	 * Returns the audit log's row of the change (who made it, its metadata, the fields it changed): for an
	 * {@code @Audited} type, the row written with the change, by this library or the Python library; {@literal null}
	 * for a type that is not audited, a deletion by the time to live, or a row not found on the audit index within a
	 * few retries.
	 */
	public @Nullable AuditEntry auditEntry() {
		return this.auditEntry;
	}

	/**
	 * Returns the entity type.
	 */
	public Class<T> resourceType() {
		return this.resourceType;
	}

	/**
	 * Returns the resource's id.
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the version the change made: the created or updated version, the version deleted; {@code 0} for a type
	 * without versions.
	 */
	public long version() {
		return this.version;
	}

	/**
	 * Returns the resource before the change: {@literal null} for a creation.
	 */
	public @Nullable T oldState() {
		return this.oldState;
	}

	/**
	 * Returns the resource after the change: {@literal null} for a deletion.
	 */
	public @Nullable T newState() {
		return this.newState;
	}

	/**
	 * Returns when the change was made: for a creation, an update or a restore, the modification time the write stored
	 * in the item ({@code updated_at}, as precise as its writer, Java or Python, stored it); for a
	 * deletion, which stores no time, when the table recorded it, as DynamoDB Streams reports it (its approximate
	 * creation time, rounded down: to the second on AWS, to the minute on DynamoDB Local).
	 */
	public Instant changedAt() {
		return this.changedAt;
	}

	/**
	 * Returns the stream record's sequence number: increasing per resource.
	 */
	public String sequenceNumber() {
		return this.sequenceNumber;
	}

	/**
	 * Returns the resource's partition key ({@code pk}), such as {@code Article#a1}.
	 */
	public String partitionKey() {
		return this.partitionKey;
	}

	/**
	 * Returns what identifies this change across redeliveries: the resource's partition key and the version
	 * ({@code Article#a1#v3}); for a type without versions, the partition key and the stream record's sequence number.
	 */
	public String idempotencyKey() {
		return this.partitionKey + "#" + ((this.version > 0) ? "v" + this.version : this.sequenceNumber);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ResourceChange<?> that && this.type == that.type
				&& this.resourceType == that.resourceType && this.id.equals(that.id) && this.version == that.version
				&& Objects.equals(this.oldState, that.oldState) && Objects.equals(this.newState, that.newState)
				&& this.sequenceNumber.equals(that.sequenceNumber);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.resourceType, this.id, this.version, this.sequenceNumber);
	}

	@Override
	public String toString() {
		return this.type.name().toLowerCase(java.util.Locale.ROOT) + " of " + this.resourceType.getSimpleName() + " '"
				+ this.id + "'" + ((this.version > 0) ? " v" + this.version : "") + " (" + this.sequenceNumber + ")";
	}

	/**
	 * What happened to a resource.
	 */
	public enum Type {

		/** The resource was created: its first version, or a plain type's first write. */
		CREATED,

		/** The resource was updated: a new version, or a plain type's item replaced or changed. */
		UPDATED,

		/** The resource was deleted, by a delete or, when {@link ResourceChange#expired()}, by its time to live. */
		DELETED,

		/**
		 * An earlier version was restored as a new version ({@code restoreVersion}): reported when the latest item
		 * says so (compressed types, the default of versioned ones, restored by this library) or the audit row does
		 * ({@code @Audited} types); otherwise a restore is reported as {@link #UPDATED}, as is a restore by the
		 * Python library.
		 */
		RESTORED

	}

	/**
	 * Returns whether a deletion was DynamoDB's, at the end of the resource's time to live.
	 */
	public boolean expired() {
		return this.expired;
	}

}
