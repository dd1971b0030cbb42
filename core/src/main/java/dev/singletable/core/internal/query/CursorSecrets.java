package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Step;

/**
 * The keys a template's cursors are sealed and opened with ({@link CursorCodec}), derived from its secrets: the
 * current secret — the one configured ({@link #configure}), else the table's generated one
 * ({@link StoredCursorSecret}), read on first use and kept — and the previous secrets of a rotation, whose cursors
 * are still opened while they are younger than the grace period.
 * <p>
 * Each secret gives two values, derived HKDF-style (RFC 5869, extract then expand, HMAC-SHA256): an AES-256 key
 * and a 4-byte key id, which a cursor carries so that it is opened with the right key. Neither reveals the secret.
 * <p>
 * The reads that seal or open cursors start with {@link #known}, the plan that reads (or creates) the table's secret
 * when it is not known yet, on the driver that runs the read, the same for both execution models: a reactive
 * template's reads never block on it, and no template reads it outside a read's plan.
 */
public final class CursorSecrets {

	/** How long cursors of a previous secret stay accepted, unless told otherwise. */
	public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

	private static final byte[] SALT = "singletable cursor keys v1".getBytes(StandardCharsets.UTF_8);

	private final Timestamps time;

	private volatile @Nullable Key configured;

	private volatile @Nullable Key generated;

	private volatile List<Key> previous = List.of();

	private volatile Duration grace = DEFAULT_GRACE;

	/**
	 * Creates the secrets of a template, the current one the table's generated secret until one is configured,
	 * which a read's plan makes known ({@link #known}) before any cursor is sealed or opened.
	 * @param time the template's time source (for the age of a previous secret's cursors)
	 */
	public CursorSecrets(Timestamps time) {
		this.time = time;
	}

	/**
	 * Returns secrets made of one configured secret.
	 * @param secret the secret
	 * @return the secrets
	 */
	public static CursorSecrets of(byte[] secret) {
		CursorSecrets secrets = new CursorSecrets(new Timestamps());
		secrets.configure(secret);
		return secrets;
	}

	/**
	 * Sets the current secret, used instead of the table's generated one.
	 * @param secret the secret, not empty
	 */
	public void configure(byte[] secret) {
		Assert.notNull(secret, "Secret must not be null");
		this.configured = derive(secret);
	}

	/**
	 * Sets the previous secrets of a rotation: cursors sealed with one of them are opened while younger than the
	 * grace period; new cursors are always sealed with the current secret.
	 * @param secrets the previous secrets, none empty
	 * @param grace how long after it was issued a cursor of a previous secret is accepted
	 */
	public void configurePrevious(List<byte[]> secrets, Duration grace) {
		Assert.notNull(secrets, "Secrets must not be null");
		Assert.notNull(grace, "Grace must not be null");
		if (grace.isNegative()) {
			throw new IllegalArgumentException("The grace period of previous cursor secrets must not be negative");
		}
		List<Key> keys = new ArrayList<>(secrets.size());
		for (byte[] secret : secrets) {
			keys.add(derive(secret));
		}
		this.previous = List.copyOf(keys);
		this.grace = grace;
	}

	/**
	 * Whether the current key is known without reading the table.
	 * @return whether it is
	 */
	public boolean ready() {
		return this.configured != null || this.generated != null;
	}

	/**
	 * The plan that makes the current key known before a read seals or opens cursors, for the reads of both
	 * templates: done at once when a secret is configured or the table's was read, else it reads (or creates) the
	 * table's secret ({@link StoredCursorSecret#readOrCreate}) and keeps it.
	 * @param tableName the table whose generated secret is read
	 * @return the plan
	 */
	public Step<Void> known(String tableName) {
		if (ready()) {
			return Step.done(null);
		}
		return StoredCursorSecret.readOrCreate(tableName, this.time).then((secret) -> {
			generated(secret);
			return Step.done(null);
		});
	}

	/**
	 * Keeps the table's generated secret, read by the caller.
	 * @param secret the secret
	 */
	public void generated(byte[] secret) {
		this.generated = derive(secret);
	}

	/**
	 * Returns the key new cursors are sealed with: the configured secret's, else the table's generated one's, which
	 * the read's plan made known ({@link #known}).
	 * @throws IllegalStateException when neither is known: a read that did not run {@link #known} first
	 */
	Key current() {
		Key key = this.configured;
		if (key == null) {
			key = this.generated;
		}
		if (key == null) {
			throw new IllegalStateException("The table's cursor secret was not read before a cursor was needed; "
					+ "a read must run the plan of CursorSecrets.known first");
		}
		return key;
	}

	/**
	 * The keys a cursor may have been sealed with: the current one, then the previous ones.
	 */
	List<Key> keys() {
		List<Key> previous = this.previous;
		List<Key> keys = new ArrayList<>(previous.size() + 1);
		keys.add(current());
		keys.addAll(previous);
		return keys;
	}

	/**
	 * Whether a key is the current one (a previous key's cursors have an age limit).
	 */
	boolean isCurrent(Key key) {
		return key == this.configured || (this.configured == null && key == this.generated);
	}

	Duration grace() {
		return this.grace;
	}

	Instant now() {
		return this.time.now();
	}

	/**
	 * Derives the key of a secret.
	 * @param secret the secret, not empty
	 * @return the key
	 */
	static Key derive(byte[] secret) {
		if (secret.length == 0) {
			throw new IllegalArgumentException("Cursor secret must not be empty");
		}
		byte[] pseudoRandomKey = hmac(SALT, secret);
		byte[] aes = expand(pseudoRandomKey, "aes-256-gcm cursor key", 32);
		byte[] id = expand(pseudoRandomKey, "cursor key id", Key.ID_BYTES);
		Arrays.fill(pseudoRandomKey, (byte) 0);
		return new Key(id, new SecretKeySpec(aes, "AES"));
	}

	/** HKDF-Expand for at most one block (32 bytes): {@code HMAC(prk, info || 0x01)}, truncated. */
	private static byte[] expand(byte[] pseudoRandomKey, String info, int length) {
		byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
		byte[] input = Arrays.copyOf(infoBytes, infoBytes.length + 1);
		input[infoBytes.length] = 1;
		return Arrays.copyOf(hmac(pseudoRandomKey, input), length);
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * The key of one secret.
	 *
	 * @param id the key id a cursor carries
	 * @param aes the AES-256 key
	 */
	record Key(byte[] id, SecretKeySpec aes) {

		static final int ID_BYTES = 4;

		boolean hasId(byte[] bytes, int offset) {
			return Arrays.equals(this.id, 0, ID_BYTES, bytes, offset, offset + ID_BYTES);
		}

	}

}
