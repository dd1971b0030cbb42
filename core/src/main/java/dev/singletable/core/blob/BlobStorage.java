package dev.singletable.core.blob;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores blob property values as S3 objects in {@code simplesingletable}'s layout, so that either library reads
 * what the other wrote: keys as {@link BlobLocation#key(String)} builds them; the body is the raw bytes of a
 * {@code byte[]} or the value's JSON (written by the storage mapper), gzip-compressed when the {@link BlobSpec}
 * says so; user metadata {@code resource_type}, {@code resource_id}, {@code field_name}, {@code compressed}
 * ({@code True}/{@code False}, as Python's {@code str(bool)} writes it; read case-insensitively) and, for
 * versioned types, {@code version}; the content type when one is set. The size limit applies to the stored bytes
 * (after compression), on write and on read.
 * <p>
 * Reads go through an in-process LRU cache ({@link BlobCacheSettings}, on by default with {@code simplesingletable}'s
 * limits) keyed by the object key: an object under a versioned key never changes, and this storage forgets a key
 * whenever it writes, copies over or deletes it, so that this process never reads its own superseded objects. An
 * object another process rewrites or deletes is seen once its cached copy expires.
 * <p>
 * Failures are typed: {@link BlobTooLargeException}, {@link BlobNotFoundException}, else
 * {@link BlobStorageException} naming the resource, the property and the key. Thread-safe.
 */
public final class BlobStorage {

	/** Most keys per {@code DeleteObjects} request, S3's limit. */
	static final int DELETE_BATCH = 1000;

	static final String META_RESOURCE_TYPE = "resource_type";

	static final String META_RESOURCE_ID = "resource_id";

	static final String META_FIELD_NAME = "field_name";

	static final String META_COMPRESSED = "compressed";

	static final String META_VERSION = "version";

	private static final int BUFFER = 8192;

	private final S3Client client;

	private final String bucket;

	private final String keyPrefix;

	private final JsonMapper jsonMapper;

	private final int deleteBatch;

	private final int listPageSize;

	private final BlobCache cache;

	/**
	 * Creates the storage with the default cache ({@link BlobCacheSettings#DEFAULT}).
	 * @param client the S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty (the Python library's {@code s3_key_prefix})
	 * @param jsonMapper the mapper that writes and reads values, normally the storage mapper of the converter
	 */
	public BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper) {
		this(client, bucket, keyPrefix, jsonMapper, BlobCacheSettings.DEFAULT);
	}

	/**
	 * Creates the storage with the given cache limits.
	 * @param client the S3 client
	 * @param bucket the bucket that holds the objects
	 * @param keyPrefix the key prefix, may be empty (the Python library's {@code s3_key_prefix})
	 * @param jsonMapper the mapper that writes and reads values, normally the storage mapper of the converter
	 * @param cache the cache limits, {@link BlobCacheSettings#DISABLED} for none
	 */
	public BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper,
			BlobCacheSettings cache) {
		this(client, bucket, keyPrefix, jsonMapper, DELETE_BATCH, DELETE_BATCH, cache, Clock.systemUTC());
	}

	/**
	 * Creates the storage with smaller delete batches and list pages, for tests.
	 */
	BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper, int deleteBatch,
			int listPageSize) {
		this(client, bucket, keyPrefix, jsonMapper, deleteBatch, listPageSize, BlobCacheSettings.DEFAULT,
				Clock.systemUTC());
	}

	/**
	 * Creates the storage with a clock for the cache's expiry, for tests.
	 */
	BlobStorage(S3Client client, String bucket, String keyPrefix, JsonMapper jsonMapper, int deleteBatch,
			int listPageSize, BlobCacheSettings cache, Clock clock) {
		Assert.notNull(client, "S3Client must not be null");
		Assert.hasText(bucket, "Bucket must not be empty");
		Assert.notNull(keyPrefix, "Key prefix must not be null (use \"\")");
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(cache, "BlobCacheSettings must not be null (use BlobCacheSettings.DISABLED)");
		this.client = client;
		this.bucket = bucket;
		this.keyPrefix = keyPrefix;
		this.jsonMapper = jsonMapper;
		this.deleteBatch = deleteBatch;
		this.listPageSize = listPageSize;
		this.cache = new BlobCache(cache, clock);
	}

	/**
	 * Returns the counters of the cache.
	 * @return a snapshot of hits, misses, evictions and what the cache holds; all zero when it is disabled
	 */
	public BlobCacheStats getCacheStats() {
		return this.cache.isEnabled() ? this.cache.stats() : BlobCacheStats.EMPTY;
	}

	/**
	 * Empties the cache, so that the next read of every object goes to S3 (for example after another process
	 * rewrote objects this one may have cached). Hits, misses and evictions keep counting.
	 */
	public void clearCache() {
		this.cache.clear();
	}

	/**
	 * Returns the bucket.
	 * @return the bucket name
	 */
	public String getBucket() {
		return this.bucket;
	}

	/**
	 * Returns the object key of a location.
	 * @param location the location
	 * @return the key
	 */
	public String key(BlobLocation location) {
		return location.key(this.keyPrefix);
	}

	/**
	 * Writes a value: its bytes as stored are computed (and checked against the limit) before anything is sent.
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return what was stored
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit; nothing is written
	 * @throws BlobStorageException when the value cannot be written as JSON or S3 refuses the write
	 */
	public StoredBlob write(BlobLocation location, Object value, BlobSpec spec) {
		return write(prepare(location, value, spec));
	}

	/**
	 * Computes the bytes a value is stored as and checks them against the limit, without sending anything: a write
	 * of several objects prepares them all first, so that one too large stops it before any object is written.
	 * @param location where the value goes
	 * @param value the value: a {@code byte[]} is stored as is, anything else as JSON
	 * @param spec compression, content type and limit
	 * @return the object, ready to {@link #write(PreparedBlob) write}
	 * @throws BlobTooLargeException when the stored bytes would exceed the limit
	 * @throws BlobStorageException when the value cannot be written as JSON
	 */
	public PreparedBlob prepare(BlobLocation location, Object value, BlobSpec spec) {
		Assert.notNull(value, "Value must not be null (a null blob property has no object)");
		return new PreparedBlob(location, spec, encode(location, key(location), value, spec));
	}

	/**
	 * Writes a prepared object.
	 * @param blob the object
	 * @return what was stored
	 * @throws BlobStorageException when S3 refuses the write
	 */
	public StoredBlob write(PreparedBlob blob) {
		return put(blob, false);
	}

	/**
	 * Writes a prepared object unless S3 already holds one at its key (a conditional write,
	 * {@code If-None-Match: *}): a write of a version's object must not replace the object another write of the
	 * same version stored. A store that ignores the condition writes the object.
	 * @param blob the object
	 * @return what was stored, or empty when nothing was written: an object exists at the key, or the store does
	 * not implement conditional writes (answers 501), so the caller must find out otherwise
	 * @throws BlobStorageException when S3 refuses the write for another reason
	 */
	public Optional<StoredBlob> writeIfAbsent(PreparedBlob blob) {
		try {
			return Optional.of(put(blob, true));
		}
		catch (BlobStorageException ex) {
			if (ex.getCause() instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 501)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private StoredBlob put(PreparedBlob blob, boolean ifAbsent) {
		BlobLocation location = blob.location();
		BlobSpec spec = blob.spec();
		byte[] body = blob.body();
		String key = key(location);
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(META_RESOURCE_TYPE, location.type());
		metadata.put(META_RESOURCE_ID, location.id());
		metadata.put(META_FIELD_NAME, location.field());
		metadata.put(META_COMPRESSED, spec.compress() ? "True" : "False");
		if (location.version() != null) {
			metadata.put(META_VERSION, String.valueOf(location.version()));
		}
		PutObjectResponse response = changing(key,
				() -> s3(location, key, "write", () -> this.client.putObject((request) -> {
					request.bucket(this.bucket).key(key).metadata(metadata).contentLength((long) body.length);
					if (ifAbsent) {
						request.ifNoneMatch("*");
					}
					if (spec.contentType() != null) {
						request.contentType(spec.contentType());
					}
				}, RequestBody.fromBytes(body))));
		return new StoredBlob(location, key, body.length, spec.compress(), spec.contentType(), response.eTag());
	}

	/**
	 * A value encoded as it is stored (compressed when its spec says so), checked against the limit, not yet sent.
	 *
	 * @param location where it goes
	 * @param spec how it is stored
	 * @param body the bytes as stored
	 */
	public record PreparedBlob(BlobLocation location, BlobSpec spec, byte[] body) {
	}

	/**
	 * Returns the bytes a value is stored as, checked against the limit.
	 */
	private byte[] encode(BlobLocation location, String key, Object value, BlobSpec spec) {
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
	 * Returns whether the object at a location holds exactly the bytes of a prepared value: its ETag (the MD5 of
	 * the bytes of an object written in one request) is compared with theirs, with one {@code HeadObject}.
	 * @param location the location of the stored object
	 * @param blob the prepared value
	 * @return {@literal true} when the object exists with the same bytes
	 * @throws BlobStorageException when S3 refuses the request
	 */
	public boolean holds(BlobLocation location, PreparedBlob blob) {
		String key = key(location);
		String etag;
		try {
			etag = s3(location, key, "read", () -> this.client.headObject((request) -> request.bucket(this.bucket).key(key)))
				.eTag();
		}
		catch (BlobNotFoundException ex) {
			return false;
		}
		if (etag == null) {
			return false;
		}
		try {
			byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(blob.body());
			return etag.replace("\"", "").equalsIgnoreCase(java.util.HexFormat.of().formatHex(md5));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			return false;
		}
	}

	/**
	 * Reads a value as the given type: the raw bytes for {@code byte[]}, else the JSON of the object (uncompressed
	 * when its metadata says {@code compressed} is true, whatever the case). The object comes from the cache when
	 * it holds it.
	 * @param location the location
	 * @param spec the limit (compression is read from the object's metadata)
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 * @throws BlobNotFoundException when there is no object
	 * @throws BlobTooLargeException when the object exceeds the limit; it is not read
	 * @throws BlobStorageException when the object is not JSON of that type, or S3 refuses the read
	 */
	public <T> T read(BlobLocation location, BlobSpec spec, Class<T> type) {
		return read(location, spec, this.jsonMapper.constructType(type));
	}

	/**
	 * Reads a value as the given (possibly generic) type; see {@link #read(BlobLocation, BlobSpec, Class)}.
	 * @param location the location
	 * @param spec the limit
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public <T> T read(BlobLocation location, BlobSpec spec, JavaType type) {
		String key = key(location);
		byte[] bytes = cachedBytes(location, key, spec);
		if (type.getRawClass() == byte[].class) {
			// the cache keeps its own copy: the caller may change the array it gets
			return (T) (this.cache.isEnabled() ? bytes.clone() : bytes);
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
	 * Returns an object's uncompressed bytes from the cache, else reads them and caches them (see {@link BlobCache}
	 * for why the generation is taken first). The limit applies to the size in S3 in both cases.
	 */
	private byte[] cachedBytes(BlobLocation location, String key, BlobSpec spec) {
		long generation = this.cache.generation();
		BlobCache.Entry cached = this.cache.get(key);
		if (cached != null) {
			if (spec.exceeds(cached.storedSize())) {
				throw new BlobTooLargeException(location, key, cached.storedSize(), spec.maxSizeBytes(), true);
			}
			return cached.bytes();
		}
		Read read = readBytes(location, key, spec);
		this.cache.put(key, read.bytes(), read.storedSize(), generation);
		return read.bytes();
	}

	/**
	 * An object's uncompressed bytes and its size in S3.
	 */
	private record Read(byte[] bytes, long storedSize) {
	}

	/**
	 * Reads an object's uncompressed bytes, refusing one larger than the limit before its body is read.
	 */
	private Read readBytes(BlobLocation location, String key, BlobSpec spec) {
		return s3(location, key, "read", () -> {
			try (ResponseInputStream<GetObjectResponse> in = this.client
				.getObject((request) -> request.bucket(this.bucket).key(key))) {
				GetObjectResponse response = in.response();
				Long length = response.contentLength();
				if (length != null && spec.exceeds(length)) {
					in.abort();
					throw new BlobTooLargeException(location, key, length, spec.maxSizeBytes(), true);
				}
				byte[] stored = readLimited(in, spec, location, key);
				String compressed = response.metadata().get(META_COMPRESSED);
				return new Read("true".equalsIgnoreCase(compressed) ? gunzip(stored, location, key) : stored,
						stored.length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static byte[] readLimited(InputStream in, BlobSpec spec, BlobLocation location, String key)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[BUFFER];
		long total = 0;
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			total += read;
			if (spec.exceeds(total)) {
				throw new BlobTooLargeException(location, key, total, spec.maxSizeBytes(), true);
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	/**
	 * Copies an object, with its metadata, to another location of the bucket.
	 * @param from the location of the object
	 * @param to where the copy goes
	 * @return {@literal false} when there is no object at {@code from}
	 * @throws BlobStorageException when S3 refuses the copy
	 */
	public boolean copy(BlobLocation from, BlobLocation to) {
		String source = key(from);
		String target = key(to);
		try {
			changing(target, () -> s3(from, source, "read", () -> this.client.copyObject((request) -> request
				.sourceBucket(this.bucket)
				.sourceKey(source)
				.destinationBucket(this.bucket)
				.destinationKey(target))));
			return true;
		}
		catch (BlobNotFoundException ex) {
			return false;
		}
	}

	/**
	 * Deletes one object; deleting one that does not exist succeeds.
	 * @param location the location
	 * @throws BlobStorageException when S3 refuses the delete
	 */
	public void delete(BlobLocation location) {
		String key = key(location);
		changing(key, () -> s3(location, key, "delete",
				() -> this.client.deleteObject((request) -> request.bucket(this.bucket).key(key))));
	}

	/**
	 * Deletes the given objects, in requests of at most {@value #DELETE_BATCH} keys.
	 * @param locations the locations
	 * @return how many objects were deleted (or did not exist)
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	public int deleteAll(Iterable<BlobLocation> locations) {
		List<String> keys = new ArrayList<>();
		locations.forEach((location) -> keys.add(key(location)));
		return deleteKeys(keys, null);
	}

	/**
	 * Deletes every object of a resource: lists its key prefix (every page) and deletes what it finds in requests
	 * of at most {@value #DELETE_BATCH} keys.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return how many objects were deleted
	 * @throws BlobStorageException naming the keys S3 did not delete
	 */
	public int deleteResource(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		try {
			return deleteKeys(listKeys(prefix), prefix);
		}
		finally {
			this.cache.invalidatePrefix(prefix);
		}
	}

	/**
	 * Lists the locations of every object of a versioned resource ({@code v{n}/{field}} keys); other keys under
	 * its prefix are left out.
	 * @param type the resource type name
	 * @param id the resource id
	 * @return the locations, in key order
	 */
	public List<BlobLocation> listVersioned(String type, String id) {
		String prefix = BlobLocation.resourcePrefix(this.keyPrefix, type, id);
		List<BlobLocation> locations = new ArrayList<>();
		for (String key : listKeys(prefix)) {
			String rest = key.substring(prefix.length());
			int slash = rest.indexOf('/');
			if (slash > 1 && rest.charAt(0) == 'v' && rest.indexOf('/', slash + 1) < 0 && slash < rest.length() - 1) {
				try {
					long version = Long.parseLong(rest.substring(1, slash));
					if (version > 0) {
						locations.add(BlobLocation.of(type, id, version, rest.substring(slash + 1)));
					}
				}
				catch (NumberFormatException ex) {
					// not a version segment: not an object of this layout
				}
			}
		}
		return locations;
	}

	private List<String> listKeys(String prefix) {
		return s3(null, prefix, "list", () -> this.client
			.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix).maxKeys(this.listPageSize))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList());
	}

	private int deleteKeys(List<String> keys, @Nullable String prefix) {
		List<String> failed = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += this.deleteBatch) {
			List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + this.deleteBatch))
				.stream()
				.map((key) -> ObjectIdentifier.builder().key(key).build())
				.toList();
			DeleteObjectsResponse response;
			try {
				response = s3(null, prefix, "delete", () -> this.client.deleteObjects(
						(request) -> request.bucket(this.bucket).delete(Delete.builder().objects(batch).quiet(true).build())));
			}
			finally {
				batch.forEach((object) -> this.cache.invalidate(object.key()));
			}
			if (response.hasErrors()) {
				response.errors().forEach((error) -> failed.add(error.key() + " (" + error.code() + ")"));
			}
		}
		if (!failed.isEmpty()) {
			throw new BlobStorageException("S3 did not delete " + failed.size() + " of " + keys.size() + " objects in "
					+ this.bucket + ": " + failed, null, prefix, null);
		}
		return keys.size();
	}

	/**
	 * Runs a request that writes or deletes the object of a key, then forgets the key's cached object, whatever the
	 * outcome (a request that failed may still have changed it).
	 */
	private <R> R changing(String key, S3Call<R> call) {
		try {
			return call.run();
		}
		finally {
			this.cache.invalidate(key);
		}
	}

	/**
	 * Runs an S3 request, turning its failures into typed exceptions naming what was concerned.
	 */
	private <R> R s3(@Nullable BlobLocation location, @Nullable String key, String action, S3Call<R> call) {
		try {
			return call.run();
		}
		catch (BlobStorageException ex) {
			throw ex;
		}
		catch (NoSuchKeyException ex) {
			if (location != null && key != null) {
				throw new BlobNotFoundException(location, key, this.bucket, ex);
			}
			throw failure(location, key, action, ex);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404 && location != null && key != null && "read".equals(action)) {
				throw new BlobNotFoundException(location, key, this.bucket, ex);
			}
			throw failure(location, key, action, ex);
		}
		catch (SdkException | UncheckedIOException ex) {
			throw failure(location, key, action, ex);
		}
	}

	private BlobStorageException failure(@Nullable BlobLocation location, @Nullable String key, String action,
			RuntimeException ex) {
		String what = (location != null) ? "the blob of " + location : "the blobs under " + key;
		return new BlobStorageException("Could not " + action + " " + what + " in S3 bucket '" + this.bucket
				+ "' (key " + key + "): " + ex.getMessage(), location, key, ex);
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] bytes, BlobLocation location, String key) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), BUFFER)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new BlobStorageException("The object of " + location + " (" + key + ") says it is compressed but "
					+ "is not valid gzip: " + ex.getMessage(), location, key, ex);
		}
	}

	@FunctionalInterface
	private interface S3Call<R> {

		R run();

	}

}
