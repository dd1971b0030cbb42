package dev.singletable.benchmarks.blob;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.singletable.benchmarks.model.Documents;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The attachments of the blob-write row: ~50 KB of generated prose, different in every write (its first bytes are
 * the write's sequence number), the same bytes for every contender at the same sequence number.
 */
public final class Attachments {

	/** Bytes of one attachment. */
	public static final int SIZE = 50 * 1024;

	/** Where the objects of every contender go, on the in-process S3. */
	public static final String BUCKET = "benchmarks-blobs";

	/** The blob property, as stored. */
	public static final String FIELD = "attachment";

	/** The type name of the articles with an attachment, the first part of their keys and their objects' keys. */
	public static final String TYPE = "BlobArticle";

	private static final byte[] TEXT = text();

	private Attachments() {
	}

	/**
	 * Creates {@link #BUCKET} unless it exists (tests share the in-process S3 of their JVM).
	 * @param s3 the client
	 */
	public static void createBucket(S3Client s3) {
		try {
			s3.createBucket((request) -> request.bucket(BUCKET));
		}
		catch (BucketAlreadyOwnedByYouException ex) {
			// created by an earlier run in this JVM
		}
	}

	/**
	 * Returns the attachment of one write.
	 * @param sequence the write's sequence number
	 * @return a new array of {@link #SIZE} bytes
	 */
	public static byte[] of(long sequence) {
		byte[] bytes = TEXT.clone();
		ByteBuffer.wrap(bytes).putLong(sequence);
		return bytes;
	}

	/**
	 * Returns the attachment of the writes that keep it unchanged: the same bytes every time, in a new array.
	 * @return a new array of {@link #SIZE} bytes
	 */
	public static byte[] unchanged() {
		return of(-1);
	}

	private static byte[] text() {
		StringBuilder text = new StringBuilder(SIZE + 16 * 1024);
		for (long seed = 0; text.length() < SIZE; seed++) {
			text.append(Documents.prose(Documents.article(5000 + seed))).append('\n');
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		byte[] exact = new byte[SIZE];
		System.arraycopy(bytes, 0, exact, 0, SIZE);
		return exact;
	}

	/**
	 * The key of a {@code BlobArticle}'s attachment object of one version, as singletable and
	 * {@code simplesingletable} write it ({@code {type}/{id}/v{version}/{field}}).
	 * @param id the article's id
	 * @param version the version whose object it is
	 * @return the key
	 */
	public static String key(String id, long version) {
		return TYPE + "/" + id + "/v" + version + "/" + FIELD;
	}

	/**
	 * The user metadata singletable and {@code simplesingletable} give a {@code BlobArticle}'s attachment object.
	 * @param id the article's id
	 * @param version the version whose object it is
	 * @return the metadata, in the libraries' order
	 */
	public static Map<String, String> metadata(String id, long version) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("resource_type", TYPE);
		metadata.put("resource_id", id);
		metadata.put("field_name", FIELD);
		metadata.put("compressed", "False");
		metadata.put("version", Long.toString(version));
		return metadata;
	}

}
