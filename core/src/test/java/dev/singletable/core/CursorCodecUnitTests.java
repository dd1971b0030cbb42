package dev.singletable.core;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.query.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorCodecUnitTests {

	private final CursorCodec codec = new CursorCodec(CursorCodec.defaultSecret("table"));

	private final Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("Task#1"), "sk",
			AttributeValue.fromS("Task#1"), "gsi1pk", AttributeValue.fromS("status#OPEN"));

	@Test
	void roundTripsAUrlSafeCursor() {
		String cursor = this.codec.encode("Task|gsi1|status#OPEN", this.key);

		assertThat(cursor).matches("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+");
		assertThat(this.codec.decode(cursor, "Task|gsi1|status#OPEN")).isEqualTo(this.key);
	}

	@Test
	void refusesEveryCursorThatDiffersInOneCharacter() {
		String cursor = this.codec.encode("b", this.key);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int position = 0; position < cursor.length(); position++) {
			if (cursor.charAt(position) == '.') {
				continue;
			}
			for (char replacement : new char[] { alphabet.charAt((alphabet.indexOf(cursor.charAt(position)) + 1) % 64),
					alphabet.charAt((alphabet.indexOf(cursor.charAt(position)) + 63) % 64) }) {
				String altered = cursor.substring(0, position) + replacement + cursor.substring(position + 1);
				assertThatExceptionOfType(InvalidCursorException.class).as(altered)
					.isThrownBy(() -> this.codec.decode(altered, "b"));
			}
		}
	}

	@Test
	void refusesCursorsOfAnotherQuery() {
		String cursor = this.codec.encode("Task|gsi1|status#OPEN", this.key);

		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.codec.decode(cursor, "Task|gsi1|status#DONE"));
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> new CursorCodec(CursorCodec.defaultSecret("other")).decode(cursor, "Task|gsi1|status#OPEN"));
	}

	@Test
	void refusesGarbageTruncatedAndAlteredCursors() {
		String cursor = this.codec.encode("b", this.key);
		String body = cursor.substring(0, cursor.indexOf('.'));
		String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
				new String(Base64.getUrlDecoder().decode(body)).replace("Task#1", "Task#2").getBytes())
				+ cursor.substring(cursor.indexOf('.'));

		for (String bad : new String[] { "", "garbage", "a.b.c", "!!!.???", cursor.substring(0, cursor.length() - 3),
				cursor.substring(3), altered, "e30." + cursor.substring(cursor.indexOf('.') + 1) }) {
			assertThatExceptionOfType(InvalidCursorException.class).as(bad).isThrownBy(() -> this.codec.decode(bad, "b"));
		}
	}

	@Test
	void roundTripsThePositionsOfAMergedQueryAndBindsThemToAllItsPartitions() {
		List<CursorCodec.Scope> scopes = mergedScopes("status#OPEN", "status#DONE", "status#HELD");
		List<CursorCodec.Position> positions = List.of(
				new CursorCodec.Position(CursorCodec.Bound.at(this.key), CursorCodec.Bound.at(this.key)),
				new CursorCodec.Position(CursorCodec.Bound.DONE, CursorCodec.Bound.OPEN),
				new CursorCodec.Position(CursorCodec.Bound.OPEN, CursorCodec.Bound.DONE));
		List<CursorCodec.Position> held = List.of(positions.get(0), positions.get(1),
				new CursorCodec.Position(CursorCodec.Bound.at(key("status#HELD")), CursorCodec.Bound.OPEN));

		String cursor = this.codec.encode(scopes, positions);
		assertThat(cursor).matches("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+");
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
					positions.get(1), new CursorCodec.Position(CursorCodec.Bound.at(this.key), CursorCodec.Bound.OPEN)))))
			.withMessageContaining("another partition");
		String single = this.codec.encode(scopes.get(0), this.key);
		assertThatExceptionOfType(InvalidCursorException.class).as("a single partition's cursor")
			.isThrownBy(() -> this.codec.decode(scopes, single));
		for (int position = 0; position < cursor.length(); position++) {
			if (cursor.charAt(position) != '.') {
				char replacement = (cursor.charAt(position) == 'A') ? 'B' : 'A';
				String altered = cursor.substring(0, position) + replacement + cursor.substring(position + 1);
				assertThatExceptionOfType(InvalidCursorException.class).as(altered)
					.isThrownBy(() -> this.codec.decode(scopes, altered));
			}
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
