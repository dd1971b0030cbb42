package dev.singletable.core.audit;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests the {@link AuditItems} layout, stored in DynamoDB Local and read back.
 */
class AuditItemsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final JsonMapper json = StorageJsonMapper.create();

	private final AuditItems items = new AuditItems(this.json);

	@Test
	void storesTheSeedsLayoutAndReadsItBack() {
		Instant at = Instant.parse("2025-03-04T05:06:07.123456Z");
		JsonNode snapshot = this.json.readTree("{\"title\":\"b\",\"price\":1.25,\"tags\":[\"x\"]}");
		AuditEntry entry = new AuditEntry("01JAAAAAAAAAAAAAAAAAAAAAAA", "Order", "o-1", AuditEntry.UPDATE, "alice",
				Map.of("title", new FieldChange(this.json.readTree("\"a\""), this.json.readTree("\"b\""))), snapshot,
				Map.of("request", this.json.readTree("\"r-9\"")), at);
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(this.items.toItem(entry)));
		Map<String, AttributeValue> stored = dynamo.storedItem("_INTERNAL#AuditLog#01JAAAAAAAAAAAAAAAAAAAAAAA",
				"_INTERNAL#AuditLog#01JAAAAAAAAAAAAAAAAAAAAAAA");
		assertThat(stored.get("gsitype").s()).isEqualTo("_INTERNAL#AuditLog");
		assertThat(stored.get("gsitypesk").s()).isEqualTo("2025-03-04T05:06:07.123456+00:00");
		assertThat(stored.get("created_at").s()).isEqualTo("2025-03-04T05:06:07.123456+00:00");
		assertThat(stored.get("gsi1pk").s()).isEqualTo("_INTERNAL#AuditLog#Order#o-1");
		assertThat(stored.get("gsi2pk").s()).isEqualTo("_INTERNAL#AuditLog#Order");
		assertThat(stored.get("gsi3pk").s()).isEqualTo("_INTERNAL#AuditLog#changer#alice");
		assertThat(stored.get("gsi3sk").s()).isEqualTo("2025-03-04T05:06:07.123456+00:00");
		assertThat(stored.get("resource_id").s()).isEqualTo("01JAAAAAAAAAAAAAAAAAAAAAAA");
		assertThat(stored.get("changed_fields").m().get("title").m()).containsOnly(
				Map.entry("old", AttributeValue.fromS("a")), Map.entry("new", AttributeValue.fromS("b")));
		assertThat(stored.get("resource_snapshot").m().get("price").n()).isEqualTo("1.25");
		assertThat(stored.get("audit_metadata").m()).containsOnly(Map.entry("request", AttributeValue.fromS("r-9")));
		assertThat(stored).containsOnlyKeys("pk", "sk", "resource_id", "created_at", "updated_at",
				"audited_resource_type", "audited_resource_id", "operation", "changed_by", "changed_fields",
				"resource_snapshot", "audit_metadata", "gsitype", "gsitypesk", "gsi1pk", "gsi2pk", "gsi3pk", "gsi3sk");
		AuditEntry read = this.items.fromItem(stored);
		assertThat(read).isEqualTo(entry);
	}

	@Test
	void anEntryWithoutChangerHasNoChangerIndexKeyAndNullsWhereTheSeedHasNone() {
		AuditEntry entry = new AuditEntry("01JBBBBBBBBBBBBBBBBBBBBBBB", "Order", "o-1", AuditEntry.CREATE, null, null,
				null, Map.of(), Instant.parse("2025-03-04T05:06:07Z"));
		Map<String, AttributeValue> item = this.items.toItem(entry);
		assertThat(item).doesNotContainKeys("gsi3pk", "gsi3sk");
		assertThat(item.get("changed_by").nul()).isTrue();
		assertThat(item.get("changed_fields").nul()).isTrue();
		assertThat(item.get("resource_snapshot").nul()).isTrue();
		assertThat(item.get("audit_metadata").m()).isEmpty();
		assertThat(item.get("created_at").s()).isEqualTo("2025-03-04T05:06:07+00:00");
		assertThat(this.items.fromItem(item)).isEqualTo(entry);
	}

	@Test
	void readsNullOldValuesAndRefusesItemsThatAreNotAuditRows() {
		AuditEntry entry = new AuditEntry("01JCCCCCCCCCCCCCCCCCCCCCCC", "Order", "o-1", AuditEntry.UPDATE, "bob",
				Map.of("note", new FieldChange(NullNode.getInstance(), this.json.readTree("\"n\""))), null, Map.of(),
				Instant.parse("2025-03-04T05:06:07Z"));
		assertThat(this.items.fromItem(this.items.toItem(entry)).changedFields().get("note").oldValue().isNull())
			.isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.items.fromItem(Map.of("pk", AttributeValue.fromS("Order#1"))))
			.withMessageContaining("Order#1 is not an audit row");
	}

}
