package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.singletable.internal.format.ItemSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests for {@link ItemSize}.
 */
class ItemSizeUnitTests {

	@Test
	void countsUtf8BytesOfEveryCodePointLikeTheEncoder() {
		Random random = new Random(20261123);
		for (int round = 0; round < 2_000; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int i = 0; i < length; i++) {
				int codePoint = switch (random.nextInt(4)) {
					case 0 -> random.nextInt(0x80);
					case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
					case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
					default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
				};
				text.appendCodePoint(codePoint);
			}
			String value = text.toString();
			assertThat(ItemSize.utf8(value)).as("bytes of %s", value)
				.isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void countsAnUnpairedSurrogateOnTheLargeSide() {
		String lone = "a\uD800b";
		assertThat(ItemSize.utf8(lone)).isEqualTo(5).isGreaterThanOrEqualTo(lone.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void addsNamesValuesAndContainerOverheads() {
		Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("héllo"), // 2 + 6
				"n", AttributeValue.fromN("12345"), // 1 + 3 + 1
				"b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])), // 1 + 10
				"ok", AttributeValue.fromBool(true), // 2 + 1
				"m", AttributeValue.fromM(Map.of("€", AttributeValue.fromS("x"))), // 1 + 3 + (1 + 3 + 1)
				"l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromNul(true))), // 1 + 3 + 3 + 2
				"ss", AttributeValue.fromSs(List.of("a", "bc"))); // 2 + 3 + 3
		assertThat(ItemSize.of(item)).isEqualTo(8 + 5 + 11 + 3 + 9 + 9 + 8);
	}


	@Test
	void exceedingLooksAtCharactersOnlyWhenTheBoundIsAboveTheLimit() {
		Map<String, AttributeValue> ascii = Map.of("k", AttributeValue.fromS("a".repeat(60))); // bound 183, exact 61
		Map<String, AttributeValue> euros = Map.of("k", AttributeValue.fromS("€".repeat(40))); // bound 123, exact 121
		Map<String, AttributeValue> small = Map.of("k", AttributeValue.fromS("ab")); // bound 9, exact 3
		assertThat(ItemSize.exceeding(ascii, 100)).isEqualTo(-1);
		assertThat(ItemSize.exceeding(euros, 100)).isEqualTo(121).isEqualTo(ItemSize.of(euros));
		assertThat(ItemSize.exceeding(euros, 121)).isEqualTo(-1);
		assertThat(ItemSize.exceeding(small, 2)).isEqualTo(3);
		assertThat(ItemSize.exceeding(small, 3)).isEqualTo(-1);
	}

}
