package dev.singletable.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what {@link ConsoleModel} decides without a table: which partition templates render a stored key (by
 * their shape, not their text), and raw attributes as text.
 */
class ConsoleModelTests {

	@Test
	void templatesThatDifferOnlyInPropertyNamesHaveOneShape() {
		assertThat(ConsoleModel.shape("customer#{id}")).isEqualTo(ConsoleModel.shape("customer#{customerId}"))
			.isEqualTo("customer#{}");
		assertThat(ConsoleModel.shape("n#{n:05d}")).isEqualTo("n#{:05d}");
		assertThat(ConsoleModel.shape("a$b#{x}")).isEqualTo("a$b#{}");
	}

	@Test
	void aShapeRendersAKeyWhenItsLiteralsAreInPlace() {
		assertThat(ConsoleModel.renders("customer#{}", "customer#c-42")).isTrue();
		assertThat(ConsoleModel.renders("customer#{}", "customer#")).isFalse();
		assertThat(ConsoleModel.renders("customer#{}", "owner#ann")).isFalse();
		assertThat(ConsoleModel.renders("{}#x", "a.b#x")).isTrue();
		assertThat(ConsoleModel.renders("t#{}#{}", "t#a#b")).isTrue();
		assertThat(ConsoleModel.renders("t#{}#{}", "t#a")).isFalse();
	}

	@Test
	void mapsListsAndSetsOfRawItemsAreJson() {
		JsonMapper mapper = JsonMapper.builder().build();
		AttributeValue map = AttributeValue.fromM(Map.of("b", AttributeValue.fromN("1.50"), "a",
				AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(true),
						AttributeValue.fromNul(true)))));
		assertThat(ConsoleModel.describe(mapper, map)).isEqualTo("{\"a\":[\"x\",true,null],\"b\":1.50}");
		assertThat(ConsoleModel.describe(mapper, AttributeValue.fromSs(List.of("p", "q")))).isEqualTo("[\"p\",\"q\"]");
		assertThat(ConsoleModel.describe(mapper, AttributeValue.fromS("plain"))).isEqualTo("plain");
	}

}
