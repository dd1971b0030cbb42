package dev.singletable.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code META-INF/spring-configuration-metadata.json}, generated from {@link SingleTableProperties} by
 * {@code spring-boot-configuration-processor}, describes every {@code singletable.*} property for IDEs.
 */
class SingleTablePropertiesMetadataTests {

	private static final List<String> PROPERTIES = List.of("singletable.table-name", "singletable.region",
			"singletable.endpoint", "singletable.consistent-reads", "singletable.cursor-secret",
			"singletable.cursor-rotation.previous-secrets", "singletable.cursor-rotation.grace",
			"singletable.compression.enabled", "singletable.compression.level", "singletable.versioning.max-versions", "singletable.table.create",
			"singletable.embedded.enabled", "singletable.embedded.port", "singletable.embedded.persistent",
			"singletable.repositories.enabled",
			"singletable.web.problem-details.enabled", "singletable.transaction.enabled", "singletable.transaction.reactive.enabled",
			"singletable.concurrency.max-requests", "singletable.stream.prefetch", "singletable.counts.enabled",
			"singletable.audit.shards",
			"singletable.python-compatibility.allow-dropping-blobs-and-metadata", "singletable.blobs.bucket", "singletable.blobs.key-prefix",
			"singletable.blobs.endpoint", "singletable.blobs.region", "singletable.blobs.embedded.enabled",
			"singletable.blobs.embedded.port", "singletable.blobs.cache.enabled", "singletable.blobs.cache.max-size",
			"singletable.blobs.cache.max-items", "singletable.blobs.cache.ttl", "singletable.blobs.cache.max-item-size",
			"singletable.metrics.enabled", "singletable.backfill.segments", "singletable.backfill.threads",
			"singletable.backfill.max-capacity-per-second", "singletable.backfill.lease-duration",
			"singletable.backfill.progress-interval", "singletable.backfill.max-attempts",
			"singletable.migrations.enabled", "singletable.migrations.poll-interval", "singletable.drift.enabled",
			"singletable.drift.on-query", "singletable.drift.on-stale-definitions", "singletable.drift.poll-interval",
			"singletable.events.publication-registry.enabled",
			"singletable.events.publication-registry.shards", "singletable.changes.enabled",
			"singletable.changes.lease-table", "singletable.changes.start-from", "singletable.changes.poll-interval",
			"singletable.changes.failover-time", "singletable.changes.max-attempts",
			"singletable.changes.initial-backoff", "singletable.changes.max-backoff",
			"singletable.changes.shutdown-timeout", "singletable.changes.cloudwatch-metrics",
			"singletable.changes.lease-assignment-interval", "singletable.changes.dispatch-interval",
			"singletable.changes.parent-shard-poll-interval", "singletable.changes.worker-metrics-interval",
			"singletable.changes.sync-shards-at-start");

	@Test
	void describesEverySingleTableProperty() throws IOException {
		Map<String, JsonNode> properties = singleTableProperties();
		assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(PROPERTIES);
		properties.forEach((name, property) -> assertThat(property.path("description").asString())
			.as("description of %s", name)
			.isNotBlank()
			.matches("^[A-Z].*"));
	}

	@Test
	void listsTheDefaults() throws IOException {
		Map<String, JsonNode> properties = singleTableProperties();
		assertThat(properties.get("singletable.table.create").path("defaultValue").asString()).isEqualTo("validate");
		assertThat(properties.get("singletable.repositories.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.consistent-reads").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("singletable.cursor-rotation.grace").path("defaultValue").asString()).isEqualTo("24h");
		assertThat(properties.get("singletable.embedded.port").path("defaultValue").asInt()).isZero();
		assertThat(properties.get("singletable.compression.level").path("defaultValue").asInt())
			.isEqualTo(dev.singletable.core.mapping.MappingDefaults.DEFAULT_COMPRESSION_LEVEL);
		assertThat(properties.get("singletable.web.problem-details.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.transaction.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.transaction.reactive.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.concurrency.max-requests").path("defaultValue").asInt()).isEqualTo(8);
		assertThat(properties.get("singletable.stream.prefetch").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.counts.enabled").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("singletable.python-compatibility.allow-dropping-blobs-and-metadata")
			.path("defaultValue")
			.asBoolean()).isFalse();
		assertThat(properties.get("singletable.blobs.key-prefix").path("defaultValue").asString()).isEmpty();
		assertThat(properties.get("singletable.blobs.embedded.port").path("defaultValue").asInt()).isZero();
		assertThat(properties.get("singletable.metrics.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.drift.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.drift.on-query").path("defaultValue").asString()).isEqualTo("refuse");
		assertThat(properties.get("singletable.drift.on-stale-definitions").path("defaultValue").asString())
			.isEqualTo("refuse");
		assertThat(properties.get("singletable.drift.poll-interval").path("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("singletable.blobs.cache.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("singletable.blobs.cache.max-size").path("defaultValue").asString()).isEqualTo("100MB");
		assertThat(properties.get("singletable.blobs.cache.max-items").path("defaultValue").asInt()).isEqualTo(1000);
		assertThat(properties.get("singletable.blobs.cache.ttl").path("defaultValue").asString()).isEqualTo("900s");
		assertThat(properties.get("singletable.blobs.cache.max-item-size").path("defaultValue").asString())
			.isEqualTo("1MB");
	}

	@Test
	void describesEveryPropertyOfTheConfigurationReferenceWithItsDefault() throws IOException {
		Map<String, String> documented = documentedProperties();
		assertThat(documented).containsKeys("singletable.table-name", "management.health.singletable.enabled");
		assertThat(documented).as("properties docs/reference/configuration.md lists").containsKeys(
				PROPERTIES.toArray(String[]::new));
		Map<String, JsonNode> metadata = allProperties();
		documented.forEach((name, defaultValue) -> {
			assertThat(metadata).as("metadata of %s", name).containsKey(name);
			JsonNode property = metadata.get(name);
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			if (defaultValue.startsWith("`")) {
				assertThat(property.path("defaultValue").asString()).as("default of %s", name)
					.isEqualTo(defaultValue.substring(1, defaultValue.length() - 1));
			}
		});
	}

	/**
	 * Reads the tables of the configuration reference, {@code docs/reference/configuration.md}: each property and its
	 * default cell, for example {@code `validate`}.
	 */
	private static Map<String, String> documentedProperties() throws IOException {
		Pattern row = Pattern.compile("^\\| `([a-z.-]+)` \\| ([^|]*) \\|");
		Map<String, String> properties = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("..", "docs", "reference", "configuration.md"),
				StandardCharsets.UTF_8)) {
			Matcher matcher = row.matcher(line);
			if (matcher.find() && (matcher.group(1).startsWith("singletable.")
					|| matcher.group(1).startsWith("management.health.singletable."))) {
				properties.put(matcher.group(1), matcher.group(2).trim());
			}
		}
		return properties;
	}

	private static Map<String, JsonNode> allProperties() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>(singleTableProperties());
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL resource : Collections.list(SingleTablePropertiesMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = resource.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					if (property.path("name").asString().equals("management.health.singletable.enabled")) {
						properties.put("management.health.singletable.enabled", property);
					}
				}
			}
		}
		return properties;
	}

	private static Map<String, JsonNode> singleTableProperties() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		List<URL> resources = new ArrayList<>(Collections.list(SingleTablePropertiesMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json")));
		for (URL resource : resources) {
			try (InputStream in = resource.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("singletable.")) {
						properties.put(name, property);
					}
				}
			}
		}
		return properties;
	}

}
