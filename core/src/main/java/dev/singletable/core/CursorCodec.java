package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.singletable.core.query.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes the key a query continues from as an opaque, URL-safe cursor, signed with HMAC-SHA256 over the key
 * and the query it belongs to (types, index, partition). Decoding refuses garbage, truncated, altered and
 * foreign cursors with {@link InvalidCursorException}.
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
