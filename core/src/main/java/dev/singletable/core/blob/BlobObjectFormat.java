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

import dev.singletable.core.internal.format.BlobDigests;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The format of a blob object in {@code simplesingletable}'s layout: the body (raw bytes or JSON, gzip-compressed
 * when the {@link BlobSpec} says so, checked against the size limit) and the user metadata that describes it.
 */
final class BlobObjectFormat {

	static final String META_RESOURCE_TYPE = "resource_type";

	static final String META_RESOURCE_ID = "resource_id";

	static final String META_FIELD_NAME = "field_name";

	static final String META_COMPRESSED = "compressed";

	static final String META_VERSION = "version";

	private static final int BUFFER = 8192;

	private BlobObjectFormat() {
	}

	/**
	 * Returns the bytes a value is stored as, checked against the limit.
	 */
	static byte[] encode(JsonMapper jsonMapper, BlobLocation location, String key, Object value, BlobSpec spec) {
		byte[] bytes;
		if (value instanceof byte[] raw) {
			bytes = raw;
		}
		else {
			try {
				bytes = jsonMapper.writeValueAsBytes(value);
			}
			catch (JacksonException ex) {
				throw new BlobStorageException("The value of " + location + " (a " + value.getClass().getName()
						+ ") cannot be written as JSON: " + ex.getOriginalMessage(), location, key, ex);
			}
		}
		if (spec.compress()) {
			bytes = gzip(bytes);
		}
		if (spec.exceeds(bytes.length)) {
			throw new BlobTooLargeException(location, key, bytes.length, spec.maxSizeBytes(), false);
		}
		return bytes;
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
