package dev.singletable.core.audit;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.StorageJsonMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link AuditDiff}: top-level fields by stored name with whole old and new values, as the Python library
 * records them.
 */
class AuditDiffUnitTests {

	private final JsonMapper json = StorageJsonMapper.create();

	private JsonNode tree(String text) {
		return this.json.readTree(text);
	}

	@Test
	void reportsChangedTopLevelFieldsWithWholeValues() {
		JsonNode before = tree("{\"resource_id\":\"1\",\"version\":1,\"updated_at\":\"a\",\"title\":\"x\","
				+ "\"address\":{\"city\":\"Oslo\",\"zip\":\"1\"},\"tags\":[\"a\"],\"count\":1}");
		JsonNode after = tree("{\"resource_id\":\"1\",\"version\":2,\"updated_at\":\"b\",\"title\":\"x\","
				+ "\"address\":{\"city\":\"Bergen\",\"zip\":\"1\"},\"tags\":[\"a\",\"b\"],\"count\":1.0}");
		Map<String, FieldChange> changes = AuditDiff.changedFields(before, after, Set.of());
		assertThat(changes).containsOnlyKeys("address", "tags");
		assertThat(changes.get("address").oldValue()).isEqualTo(tree("{\"city\":\"Oslo\",\"zip\":\"1\"}"));
		assertThat(changes.get("address").newValue()).isEqualTo(tree("{\"city\":\"Bergen\",\"zip\":\"1\"}"));
		assertThat(changes.get("tags").newValue()).isEqualTo(tree("[\"a\",\"b\"]"));
	}

	@Test
	void treatsAnAbsentFieldAsNullAndSkipsExcludedOnes() {
		JsonNode before = tree("{\"note\":\"n\",\"secret\":\"s1\",\"gone\":null}");
		JsonNode after = tree("{\"secret\":\"s2\",\"added\":3}");
		Map<String, FieldChange> changes = AuditDiff.changedFields(before, after, Set.of("secret"));
		assertThat(changes).containsOnlyKeys("note", "added");
		assertThat(changes.get("note").newValue()).isEqualTo(NullNode.getInstance());
		assertThat(changes.get("added").oldValue()).isEqualTo(NullNode.getInstance());
		assertThat(AuditDiff.changedFields(after, after, Set.of())).isEmpty();
	}

}
