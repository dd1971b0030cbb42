package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.query.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The cursor format without a server: encrypted and authenticated (nothing of the key readable), bound to its
 * query, refused when altered, foreign, of an earlier version or sealed with a key derived from the table name, and
 * the keys of a rotation.
 */
class CursorCodecUnitTests {

	private static final byte[] SECRET = "a-random-looking-secret-0123456789".getBytes(StandardCharsets.UTF_8);

	private final CursorCodec codec = new CursorCodec(SECRET);

	private final Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("Task#01M8ZQ4"), "sk",
			AttributeValue.fromS("v0"), "gsi1pk", AttributeValue.fromS("author#herbert"));

	@Test
	void roundTripsACompactUrlSafeCursor() {
		String cursor = this.codec.encode("Task|gsi1|author#herbert", this.key);

		assertThat(cursor).matches("[A-Za-z0-9_\\-]+").hasSizeLessThan(150);
		assertThat(this.codec.decode(cursor, "Task|gsi1|author#herbert")).isEqualTo(this.key);
	}

	@Test
	void aDecodedCursorRevealsNoKeyValueNorJson() {
		String cursor = this.codec.encode("Task|gsi1|author#herbert", this.key);
		String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);

		for (String revealing : new String[] { "author#herbert", "herbert", "Task#01M8ZQ4", "01M8ZQ4", "\"pk\"",
				"\"sk\"", "gsi1pk", "\"v0\"", "\":\"" }) {
			assertThat(decoded).as("the decoded cursor").doesNotContain(revealing);
		}
		assertThatExceptionOfType(RuntimeException.class).as("not JSON")
			.isThrownBy(() -> JsonMapper.builder().build().readTree(decoded));
		assertThat(this.codec.encode("Task|gsi1|author#herbert", this.key)).as("a random nonce each time")
			.isNotEqualTo(cursor);
	}

	@Test
	void refusesEveryCursorThatDiffersInOneCharacter() {
		String cursor = this.codec.encode("b", this.key);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int position = 0; position < cursor.length(); position++) {
			for (char replacement : new char[] { alphabet.charAt((alphabet.indexOf(cursor.charAt(position)) + 1) % 64),
					alphabet.charAt((alphabet.indexOf(cursor.charAt(position)) + 63) % 64) }) {
				String altered = cursor.substring(0, position) + replacement + cursor.substring(position + 1);
				assertThatExceptionOfType(InvalidCursorException.class).as(altered)
					.isThrownBy(() -> this.codec.decode(altered, "b"));
			}
		}
	}

	@Test
	void refusesCursorsOfAnotherQueryOrSecret() {
		String cursor = this.codec.encode("Task|gsi1|status#OPEN", this.key);

		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.codec.decode(cursor, "Task|gsi1|status#DONE"))
			.withMessageContaining("altered, truncated or issued by another query");
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> new CursorCodec("another-secret-0123456789".getBytes(StandardCharsets.UTF_8))
				.decode(cursor, "Task|gsi1|status#OPEN"))
			.withMessageContaining("not issued with a cursor secret of this application");
	}

	@Test
	void refusesGarbageAndTruncatedCursors() {
		String cursor = this.codec.encode("b", this.key);
		byte[] bytes = Base64.getUrlDecoder().decode(cursor);
		bytes[0] = 2;
		String otherFormat = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

		for (String bad : new String[] { "", " ", "garbage", "a.b.c", "!!!", cursor.substring(0, cursor.length() - 3),
				cursor.substring(3), cursor.substring(0, 20), otherFormat, cursor + "A", "x".repeat(9000) }) {
			assertThatExceptionOfType(InvalidCursorException.class).as(bad).isThrownBy(() -> this.codec.decode(bad, "b"));
		}
	}

	@Test
	void refusesACursorOfTheEarlierSignedFormatEvenWithTheTableNameDerivedKey() throws Exception {
		// what the previous version wrote: base64(JSON key) "." base64(HMAC-SHA256(SHA-256("singletable-cursor:" +
		// table), binding 0 JSON)[0..16]), its default key derived from the table name
		byte[] tableNameKey = MessageDigest.getInstance("SHA-256")
			.digest("singletable-cursor:table".getBytes(StandardCharsets.UTF_8));
		byte[] body = "{\"gsi1pk\":\"author#herbert\",\"pk\":\"Task#01M8ZQ4\",\"sk\":\"v0\"}"
			.getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(tableNameKey, "HmacSHA256"));
		mac.update("b".getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String legacy = encoder.encodeToString(body) + "." + encoder.encodeToString(Arrays.copyOf(mac.doFinal(body), 16));

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.codec.decode(legacy, "b"))
			.withMessageContaining("earlier singletable version");
		// the new format sealed with the old default (table-name-derived) secret
		String forged = new CursorCodec(tableNameKey).encode("b", this.key);
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.codec.decode(forged, "b"))
			.withMessageContaining("not issued with a cursor secret of this application");
	}

	@Test
	void acceptsCursorsOfAPreviousSecretForTheGracePeriodOnly() {
		byte[] previous = "the-secret-before-rotation".getBytes(StandardCharsets.UTF_8);
		Timestamps time = new Timestamps();
		Instant rotated = Instant.parse("2026-01-01T10:00:00Z");
		time.setClock(Clock.fixed(rotated, ZoneOffset.UTC));
		CursorSecrets before = new CursorSecrets(time);
		before.configure(previous);
		String old = new CursorCodec(before).encode("b", this.key);
		CursorSecrets rotatedSecrets = new CursorSecrets(time);
		rotatedSecrets.configure(SECRET);
		rotatedSecrets.configurePrevious(List.of(previous), Duration.ofHours(1));
		CursorCodec codec = new CursorCodec(rotatedSecrets);
		String current = codec.encode("b", this.key);

		time.setClock(Clock.fixed(rotated.plus(Duration.ofMinutes(59)), ZoneOffset.UTC));
		assertThat(codec.decode(old, "b")).isEqualTo(this.key);
		assertThat(this.codec.decode(codec.encode("b", this.key), "b")).as("new cursors use the current secret")
			.isEqualTo(this.key);

		time.setClock(Clock.fixed(rotated.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> codec.decode(old, "b"))
			.withMessageContaining("previous cursor secret more than PT1H ago");
		time.setClock(Clock.fixed(rotated.plus(Duration.ofDays(400)), ZoneOffset.UTC));
		assertThat(codec.decode(current, "b")).as("the current secret's cursors have no age limit")
			.isEqualTo(this.key);
		assertThatExceptionOfType(InvalidCursorException.class).as("without the previous secret")
			.isThrownBy(() -> this.codec.decode(old, "b"));

		CursorSecrets toGenerated = new CursorSecrets(time);
		toGenerated.generated(SECRET);
		toGenerated.configurePrevious(List.of(previous), Duration.ofDays(500));
		assertThat(new CursorCodec(toGenerated).decode(old, "b")).as("a previous secret beside the generated one")
			.isEqualTo(this.key);
		assertThat(this.codec.decode(new CursorCodec(toGenerated).encode("b", this.key), "b"))
			.as("sealed with the generated secret").isEqualTo(this.key);
	}

	@Test
	void aCursorNeededBeforeTheSecretIsKnownFailsInsteadOfReadingIt() {
		CursorSecrets unknown = new CursorSecrets(new Timestamps());

		assertThat(unknown.ready()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> new CursorCodec(unknown).encode("b", this.key))
			.withMessageContaining("CursorSecrets.known");
		unknown.generated(SECRET);
		assertThat(unknown.ready()).isTrue();
		assertThat(this.codec.decode(new CursorCodec(unknown).encode("b", this.key), "b")).isEqualTo(this.key);
	}

	@Test
	void roundTripsThePositionsOfAMergedQueryAndBindsThemToAllItsPartitions() {
		List<CursorCodec.Scope> scopes = mergedScopes("status#OPEN", "status#DONE", "status#HELD");
		Map<String, AttributeValue> open = key("status#OPEN");
		List<CursorCodec.Position> positions = List.of(
				new CursorCodec.Position(CursorCodec.Bound.at(open), CursorCodec.Bound.at(open)),
				new CursorCodec.Position(CursorCodec.Bound.DONE, CursorCodec.Bound.OPEN),
				new CursorCodec.Position(CursorCodec.Bound.OPEN, CursorCodec.Bound.DONE));
		List<CursorCodec.Position> held = List.of(positions.get(0), positions.get(1),
				new CursorCodec.Position(CursorCodec.Bound.at(key("status#HELD")), CursorCodec.Bound.OPEN));

		String cursor = this.codec.encode(scopes, positions);
		assertThat(cursor).matches("[A-Za-z0-9_\\-]+");
		assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1))
			.doesNotContain("status#").doesNotContain("Task#2").doesNotContain("\"up\"");
		assertThat(this.codec.decode(scopes, cursor)).isEqualTo(positions);
		assertThat(this.codec.decode(List.of(scopes.get(2), scopes.get(0), scopes.get(1)), cursor))
			.as("the same partitions in another order")
			.containsExactly(positions.get(2), positions.get(0), positions.get(1));
		assertThat(this.codec.decode(scopes, this.codec.encode(scopes, held))).isEqualTo(held);

		assertThatExceptionOfType(InvalidCursorException.class).as("fewer partitions")
			.isThrownBy(() -> this.codec.decode(scopes.subList(0, 2), cursor));
		assertThatExceptionOfType(InvalidCursorException.class).as("one partition's cursor")
			.isThrownBy(() -> this.codec.decode(scopes.get(0), cursor));
		assertThatExceptionOfType(InvalidCursorException.class).as("a key of another partition")
			.isThrownBy(() -> this.codec.decode(scopes, this.codec.encode(scopes, List.of(positions.get(0),
					positions.get(1), new CursorCodec.Position(CursorCodec.Bound.at(open), CursorCodec.Bound.OPEN)))))
			.withMessageContaining("another partition");
		String single = this.codec.encode(scopes.get(0), open);
		assertThatExceptionOfType(InvalidCursorException.class).as("a single partition's cursor")
			.isThrownBy(() -> this.codec.decode(scopes, single));
		for (int position = 0; position < cursor.length(); position++) {
			char replacement = (cursor.charAt(position) == 'A') ? 'B' : 'A';
			String altered = cursor.substring(0, position) + replacement + cursor.substring(position + 1);
			assertThatExceptionOfType(InvalidCursorException.class).as(altered)
				.isThrownBy(() -> this.codec.decode(scopes, altered));
		}
	}

	private static List<CursorCodec.Scope> mergedScopes(String... partitions) {
		return Arrays.stream(partitions)
			.map((partition) -> CursorCodec.scope(List.of("Task"), "gsi1", "gsi1pk", "pk", partition,
					(pk) -> pk.startsWith("Task#")))
			.toList();
	}

	private static Map<String, AttributeValue> key(String partition) {
		return Map.of("pk", AttributeValue.fromS("Task#2"), "sk", AttributeValue.fromS("Task#2"), "gsi1pk",
				AttributeValue.fromS(partition));
	}

}
