package dev.singletable.internal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The conversions of {@link AttributeValues} from JSON trees and from values (audit rows, key and query values),
 * which run the one token conversion: each gives what converting the tree node by node gives
 * ({@link TreeAttributesReference}), for every kind of node.
 */
class AttributeValuesUnitTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper = new MappingSingleTableConverter(new SingleTableMappingContext()).getJsonMapper();

	@Test
	void aTreeOfEveryKindOfNodeConvertsAsNodeByNode() {
		ObjectNode tree = everyKind();

		AttributeValue converted = AttributeValues.fromJson(tree, false);

		assertThat(converted).isEqualTo(TreeAttributesReference.of(tree, false));
		assertThat(List.copyOf(converted.m().keySet())).isEqualTo(List.copyOf(tree.propertyNames()));
		assertThat(converted.m().get("decimal").n()).isEqualTo("12.5");
		assertThat(converted.m().get("bigInteger").n()).isEqualTo("123456789012345678901234567890");
		assertThat(converted.m().get("binary").b().asByteArray()).containsExactly(1, 2, 3);
		assertThat(converted.m().get("pojoBytes").b().asByteArray()).containsExactly(4, 5);
		assertThat(converted.m().get("none").nul()).isTrue();
		assertThat(converted.m().get("nested").m().get("gone").nul()).isTrue();
		assertThat(AttributeValues.toAttributeValue(tree)).isEqualTo(converted);
	}

	@Test
	void aTreeOmittingNullsLeavesThemOutOfObjectsButNotOutOfLists() {
		ObjectNode tree = everyKind();

		AttributeValue converted = AttributeValues.fromJson(tree, true);

		assertThat(converted).isEqualTo(TreeAttributesReference.of(tree, true));
		assertThat(converted.m()).doesNotContainKey("none");
		assertThat(converted.m().get("nested").m()).doesNotContainKey("gone");
		assertThat(converted.m().get("list").l().get(1).nul()).isTrue();
	}

	@Test
	void aMissingOrNullTreeIsNull() {
		assertThat(AttributeValues.fromJson(MissingNode.getInstance(), false)).isEqualTo(AttributeValues.NULL);
		assertThat(AttributeValues.fromJson((JsonNode) null, false)).isEqualTo(AttributeValues.NULL);
		assertThat(AttributeValues.fromJson(NODES.nullNode(), true)).isEqualTo(AttributeValues.NULL);
		assertThat(AttributeValues.fromJson(NODES.stringNode("s"), false)).isEqualTo(AttributeValue.fromS("s"));
	}

	@Test
	void aNodeWithNoStoredFormIsRefusedNamingWhatItHolds() {
		ObjectNode tree = NODES.objectNode();
		tree.set("pojo", NODES.pojoNode(new StringBuilder("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> AttributeValues.fromJson(tree, false))
			.withMessageContaining("java.lang.StringBuilder");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AttributeValues.fromJson(NODES.numberNode(Double.POSITIVE_INFINITY), false))
			.withMessageContaining("DynamoDB cannot store the number Infinity");
	}

	@Test
	void aValueConvertsAsItsTreeWould() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("at", Instant.parse("2025-01-02T08:30:00.123Z"));
		value.put("amount", new BigDecimal("10.500"));
		value.put("count", 7);
		value.put("ratio", 0.1f);
		value.put("bytes", new byte[] { 9, 8 });
		value.put("tags", Set.of("a"));
		value.put("missing", null);
		value.put("record", new Line("pen", 2));

		for (Object each : List.of(value, new Line("ink", 3), "text", 42L, List.of(1, "two"), true)) {
			assertThat(AttributeValues.fromValue(this.mapper, each))
				.isEqualTo(TreeAttributesReference.of(this.mapper.valueToTree(each), false));
		}
		assertThat(AttributeValues.fromValue(this.mapper, value).m().get("bytes").b().asByteArray())
			.containsExactly(9, 8);
	}

	@Test
	void aTreeReadFromAnAttributeConvertsBackToIt() {
		AttributeValue item = AttributeValues.fromJson(everyKind(), false);

		JsonNode tree = AttributeValues.toJsonTree(item, this.mapper);
		AttributeValue back = AttributeValues.fromJson(tree, false);

		// binary comes back as its base64 text, every other value as it was
		assertThat(back.m().get("binary").s()).isEqualTo("AQID");
		Map<String, AttributeValue> withoutBinary = new LinkedHashMap<>(item.m());
		Map<String, AttributeValue> backWithoutBinary = new LinkedHashMap<>(back.m());
		for (String binary : List.of("binary", "pojoBytes")) {
			withoutBinary.remove(binary);
			backWithoutBinary.remove(binary);
		}
		assertThat(backWithoutBinary).isEqualTo(withoutBinary);
	}

	private static ObjectNode everyKind() {
		ObjectNode tree = NODES.objectNode();
		tree.put("text", "hello");
		tree.put("int", 42);
		tree.put("long", 1L << 40);
		tree.put("bigInteger", new BigInteger("123456789012345678901234567890"));
		tree.put("decimal", new BigDecimal("12.500"));
		tree.put("float", 0.1f);
		tree.put("double", 2.5e-7);
		tree.put("short", (short) 3);
		tree.put("flag", true);
		tree.putNull("none");
		tree.put("binary", new byte[] { 1, 2, 3 });
		tree.set("pojoBytes", NODES.pojoNode(new byte[] { 4, 5 }));
		ObjectNode nested = tree.putObject("nested");
		nested.put("kept", 1);
		nested.putNull("gone");
		nested.set("deeper", NODES.objectNode().put("x", "y"));
		tree.set("list", NODES.arrayNode().add("a").addNull().add(3.25).add(NODES.arrayNode().add(false)));
		tree.set("empty", NODES.arrayNode());
		tree.set("emptyObject", NODES.objectNode());
		return tree;
	}

	record Line(String item, int quantity) {
	}

}
