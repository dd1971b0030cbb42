package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 items 3, 4 and 6 on a table shared with the real Python {@code simplesingletable} 16.5.0: the filter
 * {@code metadata} of compressed versioned types, version summaries of Python-written versions, and singletons
 * ({@code SINGLETON#<ClassName>}), each written by one library and read or filtered by the other. Skipped with a
 * reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageMetadataAndSingletonsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	private final SingleTableTemplate template = this.table.template();

	/** Python {@code CrossTicket}: versioned, compressed, {@code db_get_filter_metadata} of status and priority. */
	@SingleTableEntity(prefix = "CrossTicket", versioned = true)
	record CrossTicket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, @FilterMetadata String status, @FilterMetadata int priority,
			String body) {
	}

	/** Python {@code CrossSettings(SingletonResource)}. */
	@SingleTableEntity(prefix = "CrossSettings", singleton = true)
	record CrossSettings(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String theme) {
	}

	/** Python {@code CrossVersionedSettings(SingletonVersionedResource)}. */
	@SingleTableEntity(prefix = "CrossVersionedSettings", singleton = true, versioned = true)
	record CrossVersionedSettings(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, int level) {
	}

	// ---- filter metadata ------------------------------------------------------------------------------------

	@Test
	void javaFiltersOnTheMetadataPythonWrote() {
		String open = pythonTicket("open", 2);
		String closed = pythonTicket("closed", 2);
		String low = pythonTicket("open", 1);

		List<String> found = this.template.query(CrossTicket.class)
			.filter(Filter.property("status").eq("open").and(Filter.property("priority").ge(2)))
			.stream()
			.map(CrossTicket::id)
			.toList();
		assertThat(found).contains(open).doesNotContain(closed, low);
	}

	@Test
	void pythonFiltersOnTheMetadataJavaWrote() {
		CrossTicket open = this.template.create(new CrossTicket(null, null, null, null, "open", 3, "java body"));
		CrossTicket closed = this.template.create(new CrossTicket(null, null, null, null, "closed", 3, "java body"));
		CrossTicket reopened = this.template.update(new CrossTicket(closed.id(), closed.version(), closed.createdAt(),
				closed.updatedAt(), "reopened", 4, "java body"));

		Map<String, AttributeValue> v0 = this.table.item("CrossTicket#" + reopened.id(), "v0");
		assertThat(v0.get("metadata").m()).containsOnly(Map.entry("status", AttributeValue.fromS("reopened")),
				Map.entry("priority", AttributeValue.fromN("4")));
		assertThat(this.table.item("CrossTicket#" + reopened.id(), "v1")).doesNotContainKey("metadata");
		assertThat(this.table.item("CrossTicket#" + reopened.id(), "v2")).doesNotContainKey("metadata");

		List<String> openIds = ids(python.call("list_filtered", Map.of("type", "CrossTicket", "path",
				"metadata.status", "value", "open")));
		assertThat(openIds).contains(open.id()).doesNotContain(closed.id());
		List<String> reopenedIds = ids(python.call("list_filtered", Map.of("type", "CrossTicket", "path",
				"metadata.priority", "value", 4)));
		assertThat(reopenedIds).contains(reopened.id()).doesNotContain(open.id());
		JsonNode read = python.call("get", Map.of("type", "CrossTicket", "id", reopened.id())).path("fields");
		assertThat(read.path("status").asString()).isEqualTo("reopened");
		assertThat(read.path("version").asInt()).isEqualTo(2);
	}

	// ---- version summaries ----------------------------------------------------------------------------------

	@Test
	void javaSummarizesTheVersionsPythonWrote() {
		String id = pythonTicket("open", 1);
		python.call("update", Map.of("type", "CrossTicket", "id", id, "data", Map.of("status", "closed")));
		List<JsonNode> versions = List.of(python.call("get", Map.of("type", "CrossTicket", "id", id, "version", 1))
			.path("fields"), python.call("get", Map.of("type", "CrossTicket", "id", id, "version", 2)).path("fields"));

		List<VersionSummary> summaries = this.template.findVersionSummaries(CrossTicket.class, id);
		assertThat(summaries).extracting(VersionSummary::version).containsExactly(2L, 1L);
		assertThat(summaries).extracting(VersionSummary::latest).containsExactly(true, false);
		for (VersionSummary summary : summaries) {
			JsonNode python = versions.get((int) summary.version() - 1);
			assertThat(summary.updatedAt()).isEqualTo(Instant.parse(python.path("updated_at").asString()));
			assertThat(summary.createdAt()).isEqualTo(Instant.parse(python.path("created_at").asString()));
		}
	}

	// ---- singletons -----------------------------------------------------------------------------------------

	@Test
	void javaReadsAndUpdatesThePythonSingleton() {
		this.template.deleteById(CrossSettings.class, "CrossSettings");
		JsonNode ensured = python.call("singleton_ensure", Map.of("type", "CrossSettings")).path("fields");
		assertThat(ensured.path("resource_id").asString()).isEqualTo("CrossSettings");

		Map<String, AttributeValue> item = this.table.item("SINGLETON#CrossSettings", "SINGLETON#CrossSettings");
		assertThat(item.get("gsitype").s()).isEqualTo("CrossSettings");
		CrossSettings read = this.template.findSingleton(CrossSettings.class).orElseThrow();
		assertThat(read.id()).isEqualTo("CrossSettings");
		assertThat(read.theme()).isEqualTo("light");

		this.template.update(new CrossSettings(read.id(), read.createdAt(), read.updatedAt(), "dark"));
		JsonNode again = python.call("get", Map.of("type", "CrossSettings", "id", "CrossSettings")).path("fields");
		assertThat(again.path("theme").asString()).isEqualTo("dark");
		assertThat(python.call("singleton_ensure", Map.of("type", "CrossSettings")).path("fields").path("theme")
			.asString()).isEqualTo("dark");
	}

	@Test
	void pythonReadsAndUpdatesTheVersionedSingletonJavaCreated() {
		this.template.deleteById(CrossVersionedSettings.class, "CrossVersionedSettings");
		CrossVersionedSettings created = this.template
			.create(new CrossVersionedSettings(null, null, null, null, 7));
		assertThat(created.id()).isEqualTo("CrossVersionedSettings");
		assertThat(this.table.sortKeys("SINGLETON#CrossVersionedSettings")).containsExactly("v0", "v1");

		JsonNode ensured = python.call("singleton_ensure", Map.of("type", "CrossVersionedSettings")).path("fields");
		assertThat(ensured.path("level").asInt()).isEqualTo(7);
		assertThat(ensured.path("version").asInt()).isEqualTo(1);
		python.call("update", Map.of("type", "CrossVersionedSettings", "id", "CrossVersionedSettings", "data",
				Map.of("level", 8)));

		CrossVersionedSettings read = this.template.findSingleton(CrossVersionedSettings.class).orElseThrow();
		assertThat(read.level()).isEqualTo(8);
		assertThat(read.version()).isEqualTo(2L);
		assertThat(this.template.findVersionSummaries(CrossVersionedSettings.class, "CrossVersionedSettings"))
			.extracting(VersionSummary::version)
			.containsExactly(2L, 1L);
	}

	private String pythonTicket(String status, int priority) {
		return python.call("create", Map.of("type", "CrossTicket", "data", Map.of("status", status, "priority",
				priority, "body", "python body"))).path("fields").path("resource_id").asString();
	}

	private static List<String> ids(JsonNode found) {
		return found.valueStream().map((resource) -> resource.path("fields").path("resource_id").asString()).toList();
	}

}
