package dev.singletable.events.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.Audited;
import dev.singletable.events.ResourceChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Finds the audit row of a change of an audited type, to say who made it and whether it was a restore: the rule,
 * without I/O. The row is written with the change (in its transaction by this library, just after it by the Python
 * library), by the same writer's clock, after the change's {@code updated_at}: so a change's row is the first row of
 * the resource with the change's operation made at or after the time the change's item was stamped (for a deletion,
 * after the deleted item's last write). The caller reads the resource's rows from {@link Lookup#since()} on, oldest
 * first, and hands them to {@link #match}.
 */
public final class ChangeAttribution {

	/** How much earlier than the item's stamp a row's ULID time may read (the ULID keeps milliseconds). */
	private static final Duration TOLERANCE = Duration.ofMillis(2);

	private final SingleTableConverter converter;

	/**
	 * @param converter reads the items' timestamps
	 */
	public ChangeAttribution(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * Returns what to read to attribute a change: none for a type that is not audited or a deletion by the time to
	 * live (which no row records).
	 * @param change the change
	 * @param record its stream record
	 */
	public @Nullable Lookup lookup(ResourceChange<?> change, Record record) {
		if (change.expired() || !AnnotatedElementUtils.hasAnnotation(change.resourceType(), Audited.class)) {
			return null;
		}
		StreamRecord stream = record.dynamodb();
		Map<String, AttributeValue> image = (change.type() == ResourceChange.Type.DELETED)
				? (stream.hasOldImage() ? stream.oldImage() : null) : (stream.hasNewImage() ? stream.newImage() : null);
		if (image == null) {
			return null;
		}
		Instant stamped = this.converter.readTimestamps(image).get(ItemAttributes.UPDATED_AT);
		if (stamped == null) {
			return null;
		}
		String operation = switch (change.type()) {
			case CREATED -> AuditEntry.CREATE;
			case DELETED -> AuditEntry.DELETE;
			default -> AuditEntry.UPDATE;
		};
		return new Lookup(this.converter.getRequiredEntity(change.resourceType()).getPrefix(), change.id(), operation,
				stamped);
	}

	/**
	 * Returns the change with what its row says: who made it, and {@link ResourceChange.Type#RESTORED} for an update
	 * whose row is a restore's.
	 * @param change the change
	 * @param lookup what was read
	 * @param rows the resource's rows from {@link Lookup#since()} on, oldest first
	 * @return the attributed change, or {@literal null} when no row is the change's (not yet visible on the index)
	 */
	public <T> @Nullable ResourceChange<T> match(ResourceChange<T> change, Lookup lookup, List<AuditEntry> rows) {
		Instant from = lookup.stamped().minus(TOLERANCE);
		for (AuditEntry row : rows) {
			if (!row.createdAt().isBefore(from) && lookup.accepts(row.operation())) {
				return new ResourceChange<>(row.isRestore() ? ResourceChange.Type.RESTORED : change.type(),
						change.resourceType(), change.id(), change.version(), change.oldState(), change.newState(),
						change.changedAt(), change.sequenceNumber(), change.partitionKey(), change.expired(), row);
			}
		}
		return null;
	}

	/**
	 * What to read to find a change's row.
	 * @param resourceType the audited resource type name
	 * @param id the resource's id
	 * @param operation the row's operation
	 * @param stamped when the change's item was stamped (a deletion: the deleted item's last write)
	 */
	public record Lookup(String resourceType, String id, String operation, Instant stamped) {

		/**
		 * The earliest row time to read: a second before the stamp, as the ULID range is to the millisecond.
		 */
		public Instant since() {
			return this.stamped.minusSeconds(1);
		}

		boolean accepts(String rowOperation) {
			return this.operation.equals(rowOperation)
					|| (AuditEntry.UPDATE.equals(this.operation) && AuditEntry.RESTORE.equals(rowOperation));
		}

	}

}
