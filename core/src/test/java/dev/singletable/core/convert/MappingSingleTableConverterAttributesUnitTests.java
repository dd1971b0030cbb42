package dev.singletable.core.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.internal.format.TreeAttributesReference;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The attributes of an uncompressed type, which {@link MappingSingleTableConverter#writeBody} converts from the
 * tokens the entity is serialized to: the same attributes, in the same order, as the entity's JSON tree converted
 * field by field gives (the way the body was written before), for
 * every kind of value a property holds, with nulls kept and left out.
 */
class MappingSingleTableConverterAttributesUnitTests {

	private static final Instant CREATED = Instant.parse("2025-01-01T12:00:00.123456Z");

	private static final Instant UPDATED = Instant.parse("2025-01-02T08:30:00Z");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	@Test
	void everyKindOfValueIsStoredAsItsJsonTreeWouldBe() {
		Everything entity = Everything.of("1");

		Map<String, AttributeValue> body = this.converter.writeBody(entity, CREATED, UPDATED);

		assertThat(body).isEqualTo(asTheTreeGives(entity, false));
		assertThat(List.copyOf(body.keySet())).isEqualTo(List.copyOf(asTheTreeGives(entity, false).keySet()));
		assertThat(body.get("missing").nul()).isTrue();
		assertThat(body.get("labels").ss()).containsExactly("a", "b");
		assertThat(body).doesNotContainKey("none");
		assertThat(body.get("ratio").n()).isEqualTo(TreeAttributesReference.of(
				JsonNodeFactory.instance.numberNode(0.1f), false).n());
		assertThat(body.get("huge").n()).isEqualTo("123456789012345678901234567890");
		assertThat(body.get("exact").n()).isEqualTo("12.5");
		assertThat(body.get("bytes").b().asByteArray()).containsExactly(1, 2, 3);
		assertThat(body.get("mixed").l().get(0).nul()).isTrue();
		assertThat(body.get("nested").m().get("inner").m()).containsKey("gone");
		assertThat(body).containsKeys(ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT);
		assertThat(body.get(ItemAttributes.CREATED_AT).s()).isEqualTo(StorageTimestamps.format(CREATED));
		assertThat(this.converter.read(Everything.class, body).text()).isEqualTo("text");
	}

	@Test
	void aTypeOmittingNullsLeavesThemOutAtEveryLevelButInLists() {
		Sparse entity = new Sparse("2", 1L, null, Arrays.asList("x", null), nestedWithNull());

		Map<String, AttributeValue> body = this.converter.writeBody(entity, null, UPDATED);

		assertThat(body).isEqualTo(asTheTreeGives(entity, true));
		assertThat(body).doesNotContainKeys("missing", ItemAttributes.CREATED_AT);
		assertThat(body.get("list").l().get(1).nul()).isTrue();
		assertThat(body.get("nested").m().get("inner").m()).doesNotContainKey("gone");
	}

	@Test
	void aNumberDynamoDbCannotStoreIsRefusedNamingIt() {
		Measured entity = new Measured("3", Double.NaN);

		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.writeBody(entity, CREATED, UPDATED))
			.withMessageContaining("DynamoDB cannot store the number NaN");
	}

	@Test
	void aTypeSerializedAsNoJsonObjectIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.converter.writeBody(new Scalar("4"), CREATED, UPDATED))
			.withMessageContaining("Cannot store Scalar")
			.withMessageContaining("not to an object of properties");
	}

	/**
	 * The body as the entity's JSON tree gives it: each field converted node by node
	 * ({@link TreeAttributesReference}), a string set's elements as their text, the system timestamps the type has no property for added.
	 */
	private Map<String, AttributeValue> asTheTreeGives(Object entity, boolean omitNulls) {
		ObjectNode tree = this.converter.getJsonMapper().valueToTree(entity);
		Set<String> stringSets = Set.of("labels", "none");
		Map<String, AttributeValue> body = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : tree.properties()) {
			JsonNode value = field.getValue();
			if (value.isNull() && omitNulls) {
				continue;
			}
			if (stringSets.contains(field.getKey()) && value.isArray()) {
				if (!value.isEmpty()) {
					body.put(field.getKey(),
							AttributeValue.fromSs(value.valueStream().map(JsonNode::asString).distinct().toList()));
				}
				continue;
			}
			body.put(field.getKey(), TreeAttributesReference.of(value, omitNulls));
		}
		if (entity instanceof Everything) {
			body.put(ItemAttributes.CREATED_AT, AttributeValue.fromS(StorageTimestamps.format(CREATED)));
		}
		body.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(StorageTimestamps.format(UPDATED)));
		return body;
	}

	private static Map<String, Object> nestedWithNull() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("kept", 1);
		inner.put("gone", null);
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("inner", inner);
		nested.put("list", Arrays.asList(1, null, "two", 3.25, List.of(true, false)));
		return nested;
	}

	enum Kind {

		SMALL, LARGE

	}

	record Part(String name, int count, @Nullable Part child) {
	}

	@SingleTableEntity(compression = Compression.DISABLED)
	record Everything(@Id String id, @Version Long version, String text, int small, long big, BigInteger huge,
			BigDecimal exact, float ratio, double measure, boolean flag, @Nullable String missing, byte[] bytes,
			List<Object> mixed, Map<String, Object> nested, Set<String> labels, Set<String> none, Instant at,
			Kind kind, Optional<String> maybe, JsonNode json, List<Part> parts, Map<String, List<Long>> grid) {

		static Everything of(String id) {
			ObjectNode json = JsonNodeFactory.instance.objectNode();
			json.put("n", 1.5);
			json.put("d", new BigDecimal("1E+3"));
			json.putNull("z");
			json.putArray("a").add(1).add("b");
			return new Everything(id, 4L, "text", 7, 1L << 40, new BigInteger("123456789012345678901234567890"),
					new BigDecimal("12.50"), 0.1f, 1e-7, true, null, new byte[] { 1, 2, 3 },
					Arrays.asList(null, 1, 2.5, "x", true, Map.of("k", 1), List.of()), nestedWithNull(),
					new TreeSet<>(Set.of("b", "a")), Set.of(), Instant.parse("2025-03-04T05:06:07.000008Z"), Kind.LARGE,
					Optional.of("present"), json,
					List.of(new Part("p", 2, new Part("q", 0, null))), Map.of("row", List.of(1L, -2L, Long.MAX_VALUE)));
		}

	}

	@SingleTableEntity(compression = Compression.DISABLED, omitNulls = true)
	record Sparse(@Id String id, @Version Long version, @Nullable String missing, List<@Nullable String> list,
			Map<String, Object> nested) {
	}

	@SingleTableEntity(compression = Compression.DISABLED)
	record Scalar(@Id String id) {

		@com.fasterxml.jackson.annotation.JsonValue
		String text() {
			return "scalar " + this.id;
		}

	}

	@SingleTableEntity(compression = Compression.DISABLED)
	record Measured(@Id String id, double value) {
	}

}
