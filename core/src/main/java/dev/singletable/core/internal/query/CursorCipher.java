package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.query.InvalidCursorException;

/**
 * The sealed form of a cursor, for {@link CursorCodec}: URL-safe base64 (no padding) of a format byte, the 4-byte id
 * of the key it was sealed with ({@link CursorSecrets}), a random 12-byte nonce, then the AES-256-GCM ciphertext of
 * its issue time (4 bytes, seconds) and its content, with a 16-byte tag authenticating it together with the format
 * byte, the key id and what the cursor is bound to. Nothing of the content can be read or changed without the key.
 */
final class CursorCipher {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** The first byte of every cursor: the format's version. */
	private static final byte FORMAT = 1;

	/** The format byte and the key id, in the clear (and authenticated). */
	private static final int HEADER_BYTES = 1 + CursorSecrets.Key.ID_BYTES;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/** The issue time (seconds since the epoch, unsigned) that the encrypted content starts with. */
	private static final int ISSUED_BYTES = 4;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final SecureRandom RANDOM = new SecureRandom();

	private CursorCipher() {
	}

	/**
	 * Encrypts a cursor's content with the current key: the {@linkplain #FORMAT format} byte, the key id, a random
	 * nonce, then the AES-GCM ciphertext of the issue time and the content, authenticated together with the format
	 * byte, the key id and the binding.
	 */
	static String seal(CursorSecrets secrets, String binding, byte[] body) {
		CursorSecrets.Key key = secrets.current();
		byte[] header = new byte[HEADER_BYTES];
		header[0] = FORMAT;
		System.arraycopy(key.id(), 0, header, 1, CursorSecrets.Key.ID_BYTES);
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		long issued = secrets.now().getEpochSecond();
		byte[] plain = new byte[ISSUED_BYTES + body.length];
		for (int i = 0; i < ISSUED_BYTES; i++) {
			plain[i] = (byte) (issued >>> (8 * (ISSUED_BYTES - 1 - i)));
		}
		System.arraycopy(body, 0, plain, ISSUED_BYTES, body.length);
		byte[] sealed;
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(header);
			cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
			sealed = cipher.doFinal(plain);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(TRANSFORMATION + " is not available", ex);
		}
		byte[] cursor = new byte[HEADER_BYTES + NONCE_BYTES + sealed.length];
		System.arraycopy(header, 0, cursor, 0, HEADER_BYTES);
		System.arraycopy(nonce, 0, cursor, HEADER_BYTES, NONCE_BYTES);
		System.arraycopy(sealed, 0, cursor, HEADER_BYTES + NONCE_BYTES, sealed.length);
		return ENCODER.encodeToString(cursor);
	}

	/**
	 * Checks a cursor's format, decrypts it with the key it names and checks that it belongs to the binding (and,
	 * sealed with a previous key, that it is younger than the grace period), returning its content.
	 * @throws InvalidCursorException when it does not open
	 */
	static byte[] open(CursorSecrets secrets, String cursor, String binding, int maxLength) {
		if (cursor.isBlank() || cursor.length() > maxLength) {
			throw new InvalidCursorException("it is empty or too long");
		}
		if (cursor.indexOf('.') >= 0) {
			throw new InvalidCursorException("it is in the format of an earlier singletable version (signed, not "
					+ "encrypted), which is no longer accepted");
		}
		byte[] bytes = decodeCanonical(cursor);
		if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8 + ISSUED_BYTES || bytes[0] != FORMAT) {
			throw new InvalidCursorException("it is not in the cursor format");
		}
		byte[] plain = null;
		CursorSecrets.Key opened = null;
		boolean known = false;
		for (CursorSecrets.Key key : secrets.keys()) {
			if (key.hasId(bytes, 1)) {
				known = true;
				plain = decrypt(key, bytes, binding);
				if (plain != null) {
					opened = key;
					break;
				}
			}
		}
		if (!known) {
			throw new InvalidCursorException("it was not issued with a cursor secret of this application (another "
					+ "table or application, a secret rotated out, or a forged cursor)");
		}
		if (plain == null || opened == null) {
			throw new InvalidCursorException("it was altered, truncated or issued by another query");
		}
		if (!secrets.isCurrent(opened)) {
			long issued = 0;
			for (int i = 0; i < ISSUED_BYTES; i++) {
				issued = (issued << 8) | (plain[i] & 0xFF);
			}
			Duration grace = secrets.grace();
			if (Instant.ofEpochSecond(issued).plus(grace).isBefore(secrets.now())) {
				throw new InvalidCursorException("it was issued with a previous cursor secret more than " + grace
						+ " ago, the grace period of the secret's rotation");
			}
		}
		return Arrays.copyOfRange(plain, ISSUED_BYTES, plain.length);
	}

	/** The decrypted content, or {@literal null} when the key does not authenticate it. */
	private static byte @Nullable [] decrypt(CursorSecrets.Key key, byte[] cursor, String binding) {
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, cursor, HEADER_BYTES,
					NONCE_BYTES));
			cipher.updateAAD(cursor, 0, HEADER_BYTES);
			cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(cursor, HEADER_BYTES + NONCE_BYTES, cursor.length - HEADER_BYTES - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(TRANSFORMATION + " is not available", ex);
		}
	}

	/**
	 * Decodes URL-safe base64, accepting only the one spelling {@link #seal} writes: the lenient decoder ignores
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

}
