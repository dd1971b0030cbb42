package dev.singletable.core;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

}
