package dev.singletable.core.blob;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.util.Assert;

import dev.singletable.internal.format.BlobDigests;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a blob storage computes without S3, in {@code simplesingletable}'s layout, one copy for {@link BlobStorage}
 * and {@link ReactiveBlobStorage}: the object key of a location under the key prefix, the bytes a value is stored
 * as (the raw bytes of a {@code byte[]}, else the value's JSON; gzip-compressed when the {@link BlobSpec} says so;
 * checked against its limit), the user metadata that describes them, their digest, and the way back (decompression,
 * JSON). It holds no client and sends nothing: the templates' writes encode values with the codec of their storage
 * ({@link BlobStorage#codec()}) while they plan, before anything is sent. Thread-safe.
 */
public final class BlobCodec {

	static final String META_RESOURCE_TYPE = "resource_type";

	static final String META_RESOURCE_ID = "resource_id";

	static final String META_FIELD_NAME = "field_name";

	static final String META_COMPRESSED = "compressed";

	static final String META_VERSION = "version";

	private static final int BUFFER = 8192;

	private final String keyPrefix;

	private final JsonMapper jsonMapper;

	/**
	 * @param keyPrefix the key prefix, may be empty
	 * @param jsonMapper the mapper that writes and reads values
	 */
	BlobCodec(String keyPrefix, JsonMapper jsonMapper) {
		Assert.notNull(keyPrefix, "Key prefix must not be null (use \"\")");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		this.keyPrefix = keyPrefix;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Computes the bytes a value is stored as and checks them against the limit, as
	 * {@link BlobStorage#prepare} does (which is this).
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return the object, ready to write
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit
	 * @throws BlobStorageException when the value cannot be written as JSON
	 */
	public BlobStorage.PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		Assert.notNull(value, "Value must not be null (a null blob property has no object)");
		return new BlobStorage.PreparedBlob(location, spec, encode(location, value, spec));
	}

	/**
	 * Returns the object key of a location.
	 */
	String key(BlobLocation location) {
		return location.key(this.keyPrefix);
	}

	/**
	 * Returns the prefix of every object key of a resource.
	 */
	String resourcePrefix(String type, String id) {
		return BlobLocation.resourcePrefix(this.keyPrefix, type, id);
	}

	/**
	 * Returns the type values of a class are read as.
	 */
	JavaType type(Class<?> type) {
		return this.jsonMapper.constructType(type);
	}

	/**
	 * Returns the bytes a value is stored as, checked against the limit.
	 */
	private byte[] encode(BlobLocation location, Object value, BlobSpec spec) {
		byte[] bytes;
		if (value instanceof byte[] raw) {
			bytes = raw;
		}
		else {
			try {
				bytes = this.jsonMapper.writeValueAsBytes(value);
			}
			catch (JacksonException ex) {
				throw new BlobStorageException("The value of " + location + " (a " + value.getClass().getName()
						+ ") cannot be written as JSON: " + ex.getOriginalMessage(), location, key(location), ex);
			}
		}
		if (spec.compress()) {
			bytes = gzip(bytes);
		}
		if (spec.exceeds(bytes.length)) {
			throw new BlobTooLargeException(location, key(location), bytes.length, spec.maxSizeBytes(), false);
		}
		return bytes;
	}

	/**
	 * Returns the value of an object's uncompressed bytes as the given type: the bytes themselves for
	 * {@code byte[]}, else their JSON.
	 * @throws BlobStorageException when they are not JSON of that type
	 */
	@SuppressWarnings("unchecked")
	<T> T decode(BlobLocation location, String key, JavaType type, byte[] bytes) {
		if (type.getRawClass() == byte[].class) {
			return (T) bytes;
		}
		try {
			return this.jsonMapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new BlobStorageException("The object of " + location + " (" + key + ") is not JSON of "
					+ type.toCanonical() + ": " + ex.getOriginalMessage() + "; read it as byte[] to get its bytes",
					location, key, ex);
		}
	}

	/**
	 * Returns the user metadata of an object: resource type, id, field, {@code compressed} as Python's
	 * {@code str(bool)} writes it and, for versioned types, the version.
	 */
	static Map<String, String> metadata(BlobLocation location, BlobSpec spec) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(META_RESOURCE_TYPE, location.type());
		metadata.put(META_RESOURCE_ID, location.id());
		metadata.put(META_FIELD_NAME, location.field());
		metadata.put(META_COMPRESSED, spec.compress() ? "True" : "False");
		if (location.version() != null) {
			metadata.put(META_VERSION, String.valueOf(location.version()));
		}
		return metadata;
	}

	/**
	 * Returns whether the metadata of an object says it is compressed, whatever the case.
	 */
	static boolean isCompressed(Map<String, String> metadata) {
		return "true".equalsIgnoreCase(metadata.get(META_COMPRESSED));
	}

	/**
	 * Returns whether an ETag (the MD5 of the bytes of an object written in one request) is that of the given bytes.
	 */
	static boolean matches(String etag, byte[] body) {
		return BlobDigests.matches(etag, body);
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] gunzip(byte[] bytes, BlobLocation location, String key) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), BUFFER)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new BlobStorageException("The object of " + location + " (" + key + ") says it is compressed but "
					+ "is not valid gzip: " + ex.getMessage(), location, key, ex);
		}
	}

}
