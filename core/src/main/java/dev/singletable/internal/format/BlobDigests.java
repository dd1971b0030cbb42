package dev.singletable.internal.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest that identifies the bytes of a stored object: their MD5, in lower-case hex — what S3 answers as the
 * ETag of an object written in one request, so that a digest recorded in an item and an object's ETag compare alike.
 */
public final class BlobDigests {

	private BlobDigests() {
	}

	/**
	 * Returns the MD5 of the bytes, in lower-case hex.
	 */
	public static String of(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM has no MD5, which every Java platform must provide", ex);
		}
	}

	/**
	 * Returns whether an ETag (quoted or not, any case) is the digest of the bytes.
	 */
	public static boolean matches(String etag, byte[] body) {
		return etag.replace("\"", "").equalsIgnoreCase(of(body));
	}

}
