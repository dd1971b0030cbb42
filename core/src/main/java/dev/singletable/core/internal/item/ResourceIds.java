package dev.singletable.core.internal.item;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.ItemSize;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Generates and checks resource ids, and makes the keys of a resource's items from them.
 */
public final class ResourceIds {

	/** The longest key DynamoDB takes as a sort key, in UTF-8 bytes. */
	static final int MAX_KEY_BYTES = 1024;

	private ResourceIds() {
	}

	/** Returns a new ULID: 26 characters, sortable by creation time. */
	public static String generate() {
		return UlidCreator.getMonotonicUlid().toString();
	}

	/**
	 * Checks that an id can be stored: a non-empty String of at most
	 * {@value InvalidResourceIdException#MAX_LENGTH} characters without control characters or unpaired surrogates
	 * (which UTF-8 cannot encode, so the key written would not be the id given). Any other character is allowed,
	 * {@code #} included, as in the Python library.
	 */
	public static String check(Class<?> entityType, @Nullable Object id) {
		if (id == null) {
			throw new IllegalArgumentException("The id of " + entityType.getSimpleName() + " must not be null");
		}
		if (!(id instanceof String text)) {
			throw new InvalidResourceIdException(entityType, "the id " + id + " is not a String");
		}
		if (text.isEmpty()) {
			throw new InvalidResourceIdException(entityType, "the id is empty");
		}
		if (text.length() > InvalidResourceIdException.MAX_LENGTH) {
			throw new InvalidResourceIdException(entityType, "the id '" + printable(text.substring(0, 40)) + "...' has "
					+ text.length() + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				throw new InvalidResourceIdException(entityType, "the id '" + printable(text) + "' contains the control "
						+ "character U+" + String.format("%04X", (int) c));
			}
			if (Character.isSurrogate(c)) {
				boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1));
				if (!paired) {
					throw new InvalidResourceIdException(entityType, "the id '" + printable(text)
							+ "' contains an unpaired surrogate U+" + String.format("%04X", (int) c));
				}
				i++;
			}
		}
		return text;
	}

	/**
	 * Returns the partition key {@code <prefix>#<id>} (see
	 * {@link SingleTablePersistentEntity#getPartitionKeyPrefix()}) of a checked id, refusing it when DynamoDB could not store
	 * it: the key is also the sort key of plain items and of indexes {@code gsi1}/{@code gsi2}, so it may have at
	 * most {@value #MAX_KEY_BYTES} bytes in UTF-8.
	 */
	public static String partitionKey(SingleTablePersistentEntity<?> metadata, String id) {
		if (metadata.isSingleton() && !metadata.getPrefix().equals(id)) {
			throw new SingletonUsageException(metadata.getType(), "it is a singleton, whose one resource has the id '"
					+ metadata.getPrefix() + "', not '" + printable(id) + "'; leave the id null on create, read it "
					+ "with findSingleton(" + metadata.getType().getSimpleName() + ".class)");
		}
		String key = metadata.getPartitionKeyPrefix() + id;
		long bytes = ItemSize.utf8(key);
		if (bytes > MAX_KEY_BYTES) {
			throw new InvalidResourceIdException(metadata.getType(), "the id '"
					+ printable(id.substring(0, Math.min(20, id.length()))) + "...' makes the key " + bytes + " bytes long in UTF-8, and DynamoDB takes at most " + MAX_KEY_BYTES
					+ " (prefix '" + metadata.getPartitionKeyPrefix() + "' included)");
		}
		return key;
	}

	/**
	 * The start of every partition key of a type: {@code <prefix>#}, or for a singleton type the whole key of its
	 * one item, {@code SINGLETON#<prefix>}.
	 */
	public static String partitionKeyPrefix(SingleTablePersistentEntity<?> metadata) {
		return metadata.getPartitionKeyPrefix() + (metadata.isSingleton() ? metadata.getPrefix() : "");
	}

	/** Returns the sort key of version {@code version} of a versioned resource; {@code v0} is its latest copy. */
	public static String versionKey(long version) {
		return "v" + version;
	}

	/** Returns the key of one item of a resource: its partition key and the given sort key. */
	public static Map<String, AttributeValue> key(SingleTablePersistentEntity<?> metadata, String id, String sk) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(partitionKey(metadata, id)), ItemAttributes.SK,
				AttributeValue.fromS(sk));
	}

	/** The id with control characters and unpaired surrogates escaped, to name it in a message. */
	private static String printable(String id) {
		StringBuilder builder = new StringBuilder(id.length());
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < id.length()
					&& Character.isLowSurrogate(id.charAt(i + 1));
			if (paired) {
				builder.append(c).append(id.charAt(++i));
			}
			else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
				builder.append(String.format("\\u%04X", (int) c));
			}
			else {
				builder.append(c);
			}
		}
		return builder.toString();
	}

}
