package com.example.python;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class IncidentTests {

	@Autowired
	IncidentRepository incidents;

	@Autowired
	SingleTableTemplate template;

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void readsAndUpdatesAnItemPythonWrote() {
		Map<String, AttributeValue> key = Map.of("pk", s("Incident#01JGGVSAKV1C5G000000000042"),
				"sk", s("Incident#01JGGVSAKV1C5G000000000042"));
		dynamoDb.putItem((put) -> put.tableName(template.getTableName()).item(Map.ofEntries(   // as Python writes it
				Map.entry("pk", key.get("pk")), Map.entry("sk", key.get("sk")),
				Map.entry("gsitype", s("Incident")), Map.entry("gsitypesk", s("2025-01-01T12:00:00+00:00")),
				Map.entry("gsi1pk", s("team#core")), Map.entry("resource_id", s("01JGGVSAKV1C5G000000000042")),
				Map.entry("created_at", s("2025-01-01T12:00:00+00:00")),
				Map.entry("updated_at", s("2025-01-01T12:00:00+00:00")),
				Map.entry("team", s("core")), Map.entry("title", s("Disk full")),
				Map.entry("assignee_name", s("Ann")), Map.entry("priority", AttributeValue.fromN("2")),
				Map.entry("added_later", s("keep me")))));                   // a field the Java type does not map

		Incident incident = incidents.findByTeam("core").get(0);
		incidents.save(incident.withTitle("Disk full on db-1"));               // only if updated_at is still the one read
		Map<String, AttributeValue> item = dynamoDb.getItem((get) -> get.tableName(template.getTableName()).key(key))
			.item();

		assertThat(incident.assigneeName()).isEqualTo("Ann");
		assertThat(incident.other()).containsEntry("added_later", "keep me");
		assertThat(item.get("title").s()).isEqualTo("Disk full on db-1");
		assertThat(item.get("added_later").s()).isEqualTo("keep me");
		assertThat(item.get("created_at").s()).isEqualTo("2025-01-01T12:00:00+00:00");
		assertThat(item.get("updated_at").s()).endsWith("+00:00");
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

}
