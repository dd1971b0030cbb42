package dev.singletable.events.internal;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.events.ChangeDecodingException;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChange.Type;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Turns a record of the table's stream into the {@link ResourceChange} it stands for, or none: only the latest state
 * of a resource of a known type makes one (a versioned type's {@code v0} item, a plain type's one item); history
 * items ({@code v1..vN}), audit rows, counts, internal items and items of types the application does not map make
 * none. Old and new states are read by the converter, compressed or not, whoever wrote them; the latest item a
 * restore wrote is a restore when it says so (a compressed type's). No I/O.
 */
public final class ChangeDecoder {

	/** The principal DynamoDB names as the deleter of an item whose time to live ended. */
	private static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

	private final SingleTableConverter converter;

	/**
	 * Creates a decoder reading items with the given converter.
	 */
	public ChangeDecoder(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * Makes sure the converter knows an entity type whose changes are listened to, so that the keys of its items
	 * (written by whoever) are recognised before the application used the type itself.
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when the type is no valid entity type
	 */
	public void listenTo(Class<?> type) {
		this.converter.getRequiredEntity(type);
	}

	/**
	 * Returns the change a stream record stands for.
	 * @return the change, {@literal null} when the record is no change of a resource's latest state
	 * @throws ChangeDecodingException when the record's item cannot be read as its type, naming its key
	 */
	public @Nullable ResourceChange<?> decode(Record record) {
		StreamRecord stream = record.dynamodb();
		if (stream == null || !stream.hasKeys()) {
			return null;
		}
		AttributeValue pkValue = stream.keys().get(ItemAttributes.PK);
		AttributeValue skValue = stream.keys().get(ItemAttributes.SK);
		if (pkValue == null || pkValue.s() == null || skValue == null || skValue.s() == null
				|| pkValue.s().startsWith("_INTERNAL")) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = this.converter.getMappingContext().getOwningEntity(pkValue.s());
		if (entity == null) {
			return null;
		}
		String pk = pkValue.s();
		String prefix = ResourceIds.partitionKeyPrefix(entity);
		String id = pk.startsWith(prefix) ? pk.substring(prefix.length()) : pk;
		if (!skValue.s().equals(ItemLayout.latestSortKey(entity, id))) {
			return null;
		}
		return change(entity, record, stream, pk, id);
	}

	private <T> ResourceChange<T> change(SingleTablePersistentEntity<T> entity, Record record, StreamRecord stream,
			String pk, String id) {
		OperationType operation = record.eventName();
		Type type = (operation == OperationType.INSERT) ? Type.CREATED
				: (operation == OperationType.REMOVE) ? Type.DELETED : Type.UPDATED;
		Map<String, AttributeValue> newImage = stream.hasNewImage() ? stream.newImage() : null;
		Map<String, AttributeValue> oldImage = stream.hasOldImage() ? stream.oldImage() : null;
		if (type == Type.UPDATED && newImage != null && newImage.containsKey(ItemAttributes.RESTORED_FROM_VERSION)) {
			// the latest item a restore wrote (of a compressed type: others tell it by their audit row)
			type = Type.RESTORED;
		}
		T newState = read(entity, pk, newImage);
		T oldState = read(entity, pk, oldImage);
		Map<String, AttributeValue> latest = (newImage != null) ? newImage : oldImage;
		long version = 0;
		if (latest != null && latest.get(ItemAttributes.VERSION) != null
				&& latest.get(ItemAttributes.VERSION).n() != null) {
			version = Long.parseLong(latest.get(ItemAttributes.VERSION).n());
		}
		Instant changedAt = changedAt(type, newImage, stream);
		return new ResourceChange<>(type, entity.getType(), id, version, oldState, newState, changedAt,
				stream.sequenceNumber(), pk, type == Type.DELETED && expired(record.userIdentity()));
	}

	/**
	 * When the change was made: the modification time the write stored in the new item ({@code updated_at},
	 * whoever wrote it), else the stream record's approximate creation time, which DynamoDB Streams
	 * rounds down (to the minute on DynamoDB Local, to the second on AWS): a deletion stores no time of its own.
	 */
	private Instant changedAt(Type type, @Nullable Map<String, AttributeValue> newImage, StreamRecord stream) {
		if (type != Type.DELETED && newImage != null) {
			Instant modified = this.converter.readTimestamps(newImage).get(ItemAttributes.UPDATED_AT);
			if (modified != null) {
				return modified;
			}
		}
		return (stream.approximateCreationDateTime() != null) ? stream.approximateCreationDateTime() : Instant.EPOCH;
	}

	private <T> @Nullable T read(SingleTablePersistentEntity<T> entity, String pk,
			@Nullable Map<String, AttributeValue> image) {
		if (image == null || image.isEmpty()) {
			return null;
		}
		try {
			return this.converter.read(entity.getType(), image);
		}
		catch (RuntimeException ex) {
			throw new ChangeDecodingException("The stream record of " + entity.getType().getSimpleName() + " item '"
					+ pk + "' cannot be read as " + entity.getType().getName() + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean expired(@Nullable Identity identity) {
		return identity != null && "Service".equals(identity.type()) && TTL_PRINCIPAL.equals(identity.principalId());
	}

}
