package dev.singletable.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The console's own CSRF tokens: issued by the server, verified without trusting anything the browser keeps. A
 * token is an expiry time and the HMAC-SHA256, under a key drawn at random when the application starts, of that
 * time, the action, the type, the resource's id and the version: it is good for that one change only, until it
 * expires, and no cookie (which a page on another port of the same machine could set) takes part.
 */
final class ConsoleCsrf {

	/** How long a confirmation page's token is good for. */
	static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final Clock clock;

	ConsoleCsrf(Clock clock) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, ALGORITHM);
		this.clock = clock;
	}

	/**
	 * Issues the token of one change.
	 * @param action {@code restore} or {@code delete}
	 * @param type the type's name
	 * @param id the resource's id
	 * @param version the version restored, or {@literal null}
	 * @return the token
	 */
	String issue(String action, String type, String id, @Nullable Long version) {
		long expires = this.clock.instant().plus(LIFETIME).getEpochSecond();
		return expires + "." + mac(expires, action, type, id, version);
	}

	/**
	 * Refuses a change whose token is missing, forged, for another change, or expired.
	 * @param token the token the form sent, or {@literal null}
	 * @param action the action asked for
	 * @param type the type's name
	 * @param id the resource's id
	 * @param version the version, or {@literal null}
	 * @throws ConsoleException 403 saying why
	 */
	void check(@Nullable String token, String action, String type, String id, @Nullable Long version) {
		int dot = (token != null) ? token.indexOf('.') : -1;
		long expires;
		try {
			expires = (dot > 0) ? Long.parseLong(token.substring(0, dot)) : -1;
		}
		catch (NumberFormatException ex) {
			expires = -1;
		}
		if (token == null || expires < 0 || !MessageDigest.isEqual(token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII),
				mac(expires, action, type, id, version).getBytes(StandardCharsets.US_ASCII))) {
			throw ConsoleException.forbidden("This change carries no valid CSRF token for " + action + " of " + type
					+ " '" + id + "': submit it from the console's confirmation page.");
		}
		if (this.clock.instant().getEpochSecond() > expires) {
			throw ConsoleException.forbidden("The CSRF token of this change has expired (it is good for "
					+ LIFETIME.toMinutes() + " minutes): open the confirmation page again.");
		}
	}

	private String mac(long expires, String action, String type, String id, @Nullable Long version) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			// ids hold no control characters: NUL separates the parts unambiguously
			String message = expires + "\0" + action + "\0" + type + "\0" + id + "\0" + ((version != null) ? version : "");
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
