package dev.singletable.core.internal.write.unit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the plan of a write of an entity ends with: its unit, and the stored latest item the plan read on the way —
 * the state before the change, which an audit row of the write compares with
 * ({@link dev.singletable.core.internal.write.unit.AuditRecords#needsBefore}) and which tells an upsert's row whether it
 * created the resource.
 * @param unit the unit to send
 * @param stored the stored latest item as read, {@literal null} when none is stored or the plan did not read it
 */
public record PlannedWrite(WriteUnit unit, @Nullable Map<String, AttributeValue> stored) {
}
