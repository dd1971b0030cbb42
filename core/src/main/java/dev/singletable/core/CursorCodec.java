package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.query.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * All cursor rules in one place. A cursor is the key a query continues from (the table keys plus the keys of the
 * index read, taken from a result item or a {@code LastEvaluatedKey}) as opaque, URL-safe JSON, signed with
 * HMAC-SHA256 over the key and what it is bound to, its {@link Scope}: the query's types, index and partition.
 * Decoding refuses garbage, truncated, altered and foreign cursors, and a key that names other attributes than
 * the index's, another partition or (for a single-type query) another type, with {@link InvalidCursorException}.
 * How a cursor becomes a Spring Data {@code ScrollPosition} is {@code dev.singletable.repository.Cursors}.
 */
final class CursorCodec {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final int MAC_BYTES = 16;

	private static final int MAX_LENGTH = 8192;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecretKeySpec key;

	CursorCodec(byte[] secret) {
		if (secret.length == 0) {
			throw new IllegalArgumentException("Cursor secret must not be empty");
		}
		this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
	}

	static byte[] defaultSecret(String tableName) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(("singletable-cursor:" + tableName).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the cursors of one query are bound to.
	 *
	 * @param binding the signed binding: the types' prefixes, the index and the partition
	 * @param keyAttributes the attributes a cursor's key holds: the table keys and the index keys
	 * @param partitionAttribute the index's partition key attribute
	 * @param partition the partition read
	 * @param owns whether a {@code pk} belongs to the query's type, or {@literal null} for a query over several
	 * types, whose cursors are bound by the signature alone
	 */
	record Scope(String binding, Set<String> keyAttributes, String partitionAttribute, String partition,
			@Nullable Predicate<String> owns) {
	}

	/**
	 * Returns the scope of a query's cursors.
	 * @param prefixes the prefixes of the types read
	 * @param index the index, or {@literal null} for the table
	 * @param partitionAttribute the partition key attribute
	 * @param sortAttribute the sort key attribute, or {@literal null}
	 * @param partition the partition value
	 * @param owns the type check for a single-type query, else {@literal null}
	 * @return the scope
	 */
	static Scope scope(Collection<String> prefixes, @Nullable String index, String partitionAttribute,
			@Nullable String sortAttribute, String partition, @Nullable Predicate<String> owns) {
		return scope(String.join(",", new TreeSet<>(prefixes)), index, partitionAttribute, sortAttribute, partition,
				owns);
	}

	/**
	 * Returns the scope of the cursors of a query that reads no entity types (the audit log's).
	 * @param subject what the query reads besides its index and partition (its time range and direction): a cursor
	 * of another subject is refused
	 * @param index the index
	 * @param partitionAttribute the partition key attribute
	 * @param sortAttribute the sort key attribute
	 * @param partition the partition value
	 * @return the scope
	 */
	static Scope scope(String subject, String index, String partitionAttribute, String sortAttribute,
			String partition) {
		return scope(subject, index, partitionAttribute, sortAttribute, partition, null);
	}

	private static Scope scope(String subject, @Nullable String index, String partitionAttribute,
			@Nullable String sortAttribute, String partition, @Nullable Predicate<String> owns) {
		Set<String> attributes = new LinkedHashSet<>(List.of(ItemAttributes.PK, ItemAttributes.SK, partitionAttribute));
		if (sortAttribute != null) {
			attributes.add(sortAttribute);
		}
		String binding = subject + "|" + index + "|" + partition;
		return new Scope(binding, Set.copyOf(attributes), partitionAttribute, partition, owns);
	}

	/**
	 * Returns the key of an item as a cursor holds it: the scope's key attributes the item has.
	 * @param scope the scope
	 * @param item the item
	 * @return the key
	 */
	static Map<String, AttributeValue> keyOf(Scope scope, Map<String, AttributeValue> item) {
		Map<String, AttributeValue> key = new HashMap<>();
		for (String attribute : scope.keyAttributes()) {
			AttributeValue value = item.get(attribute);
			if (value != null) {
				key.put(attribute, value);
			}
		}
		return key;
	}

	/**
	 * Encodes a key of a query.
	 * @param scope the query's scope
	 * @param key the key, from {@link #keyOf} or a {@code LastEvaluatedKey}
	 * @return the cursor
	 */
	String encode(Scope scope, Map<String, AttributeValue> key) {
		return encode(scope.binding(), key);
	}

	/**
	 * Decodes a cursor of a query, checking its signature and that its key fits the query's index, partition and
	 * type.
	 * @param scope the query's scope
	 * @param cursor the cursor
	 * @return the key to start from
	 * @throws InvalidCursorException when the cursor does not belong to the query
	 */
	Map<String, AttributeValue> decode(Scope scope, String cursor) {
		Map<String, AttributeValue> key = decode(cursor, scope.binding());
		if (!scope.keyAttributes().containsAll(key.keySet()) || !key.containsKey(ItemAttributes.PK)
				|| !key.containsKey(ItemAttributes.SK) || !key.containsKey(scope.partitionAttribute())) {
			throw new InvalidCursorException("its key does not match the keys of this query's index");
		}
		if (!scope.partition().equals(key.get(scope.partitionAttribute()).s())) {
			throw new InvalidCursorException("it belongs to another partition");
		}
		if (scope.owns() != null && !scope.owns().test(key.get(ItemAttributes.PK).s())) {
			throw new InvalidCursorException("it belongs to another type");
		}
		return key;
	}

	String encode(String binding, Map<String, AttributeValue> key) {
		ObjectNode payload = this.json.createObjectNode();
		new TreeMap<>(key).forEach((name, value) -> payload.put(name, value.s()));
		byte[] body = this.json.writeValueAsBytes(payload);
		return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(binding, body));
	}

	Map<String, AttributeValue> decode(String cursor, String binding) {
		if (cursor.isBlank() || cursor.length() > MAX_LENGTH) {
			throw new InvalidCursorException("it is empty or too long");
		}
		int dot = cursor.indexOf('.');
		if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
			throw new InvalidCursorException("it is not in the cursor format");
		}
		byte[] body = decodeCanonical(cursor.substring(0, dot));
		byte[] signature = decodeCanonical(cursor.substring(dot + 1));
		if (!MessageDigest.isEqual(signature, mac(binding, body))) {
			throw new InvalidCursorException("it was altered, truncated or issued by another query");
		}
		JsonNode payload;
		try {
			payload = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidCursorException("its content cannot be read");
		}
		if (payload == null || !payload.isObject() || payload.isEmpty()) {
			throw new InvalidCursorException("its content is not a key");
		}
		Map<String, AttributeValue> key = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : payload.properties()) {
			if (!entry.getValue().isString() || entry.getValue().stringValue().isEmpty()) {
				throw new InvalidCursorException("its key attribute '" + entry.getKey() + "' is not a string");
			}
			key.put(entry.getKey(), AttributeValue.fromS(entry.getValue().stringValue()));
		}
		return key;
	}

	/**
	 * Decodes URL-safe base64, accepting only the one spelling this codec writes: the lenient decoder ignores
	 * unused trailing bits, which would let an altered cursor pass.
	 */
	private static byte[] decodeCanonical(String text) {
		byte[] bytes;
		try {
			bytes = DECODER.decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCursorException("it is not URL-safe base64");
		}
		if (!ENCODER.encodeToString(bytes).equals(text)) {
			throw new InvalidCursorException("it was altered");
		}
		return bytes;
	}

	private byte[] mac(String binding, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(binding.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
