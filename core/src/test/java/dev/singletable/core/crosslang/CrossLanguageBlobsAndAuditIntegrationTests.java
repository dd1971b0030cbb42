package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.AuditLogQueries;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 on a table shared with the real Python {@code simplesingletable} 16.5.0, whose blob storage uses the
 * in-process S3: blob objects and references written by either library are read by the other, and so are audit
 * rows. Skipped with a reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageBlobsAndAuditIntegrationTests {

	private static final String PREFIX = "blobs";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final SharedTable table = new SharedTable(dynamo);

	private final JsonMapper json = StorageJsonMapper.create();

	private BlobStorage storage;

	@BeforeEach
	void pointPythonAtTheBucket() {
		python.call("configure_s3", Map.of("endpoint", S3Local.endpoint().toString(), "bucket", s3.bucket(), "prefix",
				PREFIX));
		this.storage = new BlobStorage(s3.client(), s3.bucket(), PREFIX, this.json);
	}

	// ---- blobs ---------------------------------------------------------------------------------------------

	@Test
	void javaReadsPythonsVersionedBlobsThroughTheReferencesOnTheItems() {
		byte[] raw = { 0, 1, 2, (byte) 0xff };
		String id = python.call("blob_create", Map.of("type", "CrossBlobDoc", "data", Map.of("title", "one", "body",
				Map.of("pages", List.of(1, 2)), "raw_base64", Base64.getEncoder().encodeToString(raw))))
			.path("fields").path("resource_id").asString();
		python.call("blob_update", Map.of("type", "CrossBlobDoc", "id", id, "data", Map.of("title", "two")));
		python.call("blob_update", Map.of("type", "CrossBlobDoc", "id", id, "data",
				Map.of("body", Map.of("pages", List.of(3)))));
		assertThat(s3.keys()).containsExactlyInAnyOrder(PREFIX + "/CrossBlobDoc/" + id + "/v1/body",
				PREFIX + "/CrossBlobDoc/" + id + "/v1/raw", PREFIX + "/CrossBlobDoc/" + id + "/v3/body");

		Map<String, AttributeValue> v2 = this.table.item("CrossBlobDoc#" + id, "v2");
		assertThat(BlobAttributes.readVersions(v2)).containsOnly(Map.entry("body", 1L), Map.entry("raw", 1L));
		Map<String, BlobLocation> v2Blobs = BlobAttributes.locations("CrossBlobDoc", id, 2L, v2);
		assertThat(this.storage.read(v2Blobs.get("body"), BlobSpec.DEFAULT, JsonNode.class))
			.isEqualTo(this.json.readTree("{\"pages\":[1,2]}"));
		assertThat(this.storage.read(v2Blobs.get("raw"), BlobSpec.DEFAULT, byte[].class)).containsExactly(raw);

		Map<String, AttributeValue> v0 = this.table.item("CrossBlobDoc#" + id, "v0");
		Map<String, BlobLocation> latest = BlobAttributes.locations("CrossBlobDoc", id, 3L, v0);
		assertThat(latest.get("body")).isEqualTo(BlobLocation.of("CrossBlobDoc", id, 3, "body"));
		assertThat(latest.get("raw")).isEqualTo(BlobLocation.of("CrossBlobDoc", id, 1, "raw"));
		assertThat(this.storage.read(latest.get("body"), BlobSpec.DEFAULT, JsonNode.class))
			.isEqualTo(this.json.readTree("{\"pages\":[3]}"));
	}

	@Test
	void pythonReadsTheObjectsAndReferencesJavaWrote() {
		String id = python.call("blob_create", Map.of("type", "CrossBlobDoc", "data", Map.of("title", "no blobs")))
			.path("fields").path("resource_id").asString();
		this.storage.write(BlobLocation.of("CrossBlobDoc", id, 1, "body"), Map.of("from", "java"),
				new BlobSpec(true, "application/json", -1));
		this.storage.write(BlobLocation.of("CrossBlobDoc", id, 1, "raw"), new byte[] { 9, 8, 7 }, BlobSpec.DEFAULT);
		for (String sk : new String[] { "v1", "v0" }) {
			Map<String, AttributeValue> blobAttributes = new LinkedHashMap<>();
			BlobAttributes.writeVersioned(blobAttributes, Map.of("body", 1L, "raw", 1L));
			dynamo.rawClient().updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("CrossBlobDoc#" + id), "sk", AttributeValue.fromS(sk)))
				.updateExpression("SET #f = :f, #v = :v")
				.expressionAttributeNames(Map.of("#f", BlobAttributes.FIELDS, "#v", BlobAttributes.VERSIONS))
				.expressionAttributeValues(Map.of(":f", blobAttributes.get(BlobAttributes.FIELDS), ":v",
						blobAttributes.get(BlobAttributes.VERSIONS))));
		}
		JsonNode read = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", id)).path("fields");
		assertThat(read.path("body")).isEqualTo(this.json.readTree("{\"from\":\"java\"}"));
		assertThat(Base64.getDecoder().decode(read.path("raw").asString())).containsExactly(9, 8, 7);
	}

	@Test
	void plainBlobsShareTheUnversionedKey() {
		String id = python.call("blob_create", Map.of("type", "CrossBlobNote", "data", Map.of("title", "t", "text",
				"python text"))).path("fields").path("resource_id").asString();
		Map<String, AttributeValue> item = this.table.item("CrossBlobNote#" + id, "CrossBlobNote#" + id);
		Map<String, BlobLocation> blobs = BlobAttributes.locations("CrossBlobNote", id, null, item);
		assertThat(blobs).containsOnly(Map.entry("text", BlobLocation.of("CrossBlobNote", id, "text")));
		assertThat(this.storage.read(blobs.get("text"), BlobSpec.DEFAULT, String.class)).isEqualTo("python text");

		this.storage.write(blobs.get("text"), "java text", BlobSpec.DEFAULT);
		assertThat(python.call("blob_get", Map.of("type", "CrossBlobNote", "id", id)).path("fields").path("text")
			.asString()).isEqualTo("java text");
	}

	// ---- audit log -----------------------------------------------------------------------------------------

	@Test
	void javaReadsTheAuditRowsPythonWrote() {
		String id = python.call("audited_create", Map.of("type", "CrossAudited", "by", "alice", "data",
				Map.of("title", "a", "price", 1.5, "tags", List.of("x")))).path("fields").path("resource_id").asString();
		python.call("audited_update", Map.of("type", "CrossAudited", "id", id, "by", "bob", "data",
				Map.of("title", "b", "price", 2.25), "meta", Map.of("reason", "py-fix", "attempt", 2, "source",
						Map.of("tags", List.of("a", true)))));

		AuditLogQueries audit = new AuditLogQueries(dynamo.client(), dynamo.tableName());
		List<AuditEntry> entries = audit.forResource("CrossAudited", id).page(null).items();
		assertThat(entries).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		AuditEntry update = entries.get(0);
		assertThat(update.changedBy()).isEqualTo("bob");
		assertThat(update.resourceType()).isEqualTo("CrossAudited");
		assertThat(update.resourceId()).isEqualTo(id);
		assertThat(update.changedFields()).containsOnlyKeys("title", "price");
		assertThat(update.changedFields().get("title"))
			.isEqualTo(new FieldChange(this.json.readTree("\"a\""), this.json.readTree("\"b\"")));
		assertThat(update.changedFields().get("price").newValue().decimalValue()).isEqualByComparingTo("2.25");
		assertThat(update.resourceSnapshot().path("title").asString()).isEqualTo("b");
		// Python's audit_metadata= arguments (16.5 writes no transaction id)
		assertThat(update.metadata()).containsOnlyKeys("reason", "attempt", "source");
		assertThat(update.metadata().get("reason").asString()).isEqualTo("py-fix");
		assertThat(update.metadata().get("attempt").asInt()).isEqualTo(2);
		assertThat(update.metadata().get("source").toString()).isEqualTo("{\"tags\":[\"a\",true]}");
		assertThat(update.transactionId()).isNull();
		assertThat(entries.get(1).changedBy()).isEqualTo("alice");
		assertThat(entries.get(1).metadata()).isEmpty();
		assertThat(entries.get(1).changedFields()).isNull();
		// Python 16.5 writes no changer index: its rows are found by type with a filter
		assertThat(audit.byChanger("bob").page(null).items()).isEmpty();
		assertThat(audit.forType("CrossAudited").changedBy("bob").page(null).items()).containsExactly(update);
	}

	@Test
	void pythonsAuditLogQuerierReadsTheRowsJavaWrote() {
		AuditItems items = new AuditItems(this.json);
		AuditEntry entry = new AuditEntry("01JDAAAAAAAAAAAAAAAAAAAAAA", "CrossAudited", "r-1", AuditEntry.UPDATE, "carol",
				Map.of("title", new FieldChange(this.json.readTree("\"old\""), this.json.readTree("\"new\""))),
				this.json.readTree("{\"title\":\"new\",\"price\":3.5}"), Map.of("reason", this.json.readTree("\"fix\"")),
				Instant.parse("2025-02-03T04:05:06.789Z"));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(items.toItem(entry)));

		JsonNode logs = python.call("audit_logs_for_resource", Map.of("type", "CrossAudited", "id", "r-1"));
		assertThat(logs.size()).isEqualTo(1);
		JsonNode log = logs.get(0);
		assertThat(log.path("resource_id").asString()).isEqualTo("01JDAAAAAAAAAAAAAAAAAAAAAA");
		assertThat(log.path("operation").asString()).isEqualTo("UPDATE");
		assertThat(log.path("changed_by").asString()).isEqualTo("carol");
		assertThat(log.path("changed_fields").path("title").path("old").asString()).isEqualTo("old");
		assertThat(log.path("changed_fields").path("title").path("new").asString()).isEqualTo("new");
		assertThat(log.path("resource_snapshot").path("price").asString()).isEqualTo("3.5");
		assertThat(log.path("audit_metadata").path("reason").asString()).isEqualTo("fix");
		assertThat(log.path("created_at").asString()).isEqualTo("2025-02-03T04:05:06.789000+00:00");
		JsonNode byChanger = python.call("audit_logs_by_changer", Map.of("by", "carol", "type", "CrossAudited"));
		assertThat(byChanger.size()).isEqualTo(1);
	}

	@Test
	void theTemplatesAuditRowsAreReadByPythonAndPythonsRowsByTheTemplate() {
		SingleTableTemplate template = this.table.template();
		template.setAuditorAware(() -> Optional.of("dave"));
		JavaTwins.CrossAudited created = template
			.create(new JavaTwins.CrossAudited(null, null, null, "java title", 4.5, List.of("t")));
		AuditScope.run(AuditDetails.changedBy("importer").with("reason", "java-fix").with("batch", 7),
				() -> template.update(created.withTitle("java title 2")));
		String transactionId = template.auditLog().forResource("CrossAudited", created.id()).page(null).items().get(0)
			.transactionId();

		JsonNode logs = python.call("audit_logs_for_resource", Map.of("type", "CrossAudited", "id", created.id()));
		assertThat(logs.size()).isEqualTo(2);
		JsonNode update = logs.get(0);
		assertThat(update.path("operation").asString()).isEqualTo("UPDATE");
		assertThat(update.path("changed_by").asString()).isEqualTo("importer");
		assertThat(update.path("audit_metadata").path("reason").asString()).isEqualTo("java-fix");
		assertThat(update.path("audit_metadata").path("batch").asString()).isEqualTo("7");
		assertThat(update.path("audit_metadata").path(AuditEntry.TRANSACTION_ID).asString()).isEqualTo(transactionId)
			.hasSize(26);
		assertThat(update.path("changed_fields").path("title").path("old").asString()).isEqualTo("java title");
		assertThat(update.path("changed_fields").path("title").path("new").asString()).isEqualTo("java title 2");
		assertThat(update.path("changed_fields").has("price")).isFalse();
		assertThat(update.path("resource_snapshot").path("title").asString()).isEqualTo("java title 2");
		assertThat(logs.get(1).path("operation").asString()).isEqualTo("CREATE");
		assertThat(python.call("audit_logs_by_changer", Map.of("by", "dave", "type", "CrossAudited")).size())
			.isEqualTo(1);

		// Python changes the resource Java wrote, then deletes it; the template's queries read its rows
		python.call("audited_update", Map.of("type", "CrossAudited", "id", created.id(), "by", "erin", "data",
				Map.of("price", 5.0)));
		python.call("audited_delete", Map.of("type", "CrossAudited", "id", created.id(), "by", "erin"));
		List<AuditEntry> entries = template.auditLog().forResource("CrossAudited", created.id()).page(null).items();
		assertThat(entries).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.UPDATE, AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(entries.get(1).changedBy()).isEqualTo("erin");
		assertThat(entries.get(1).changedFields()).containsOnlyKeys("price");
		assertThat(template.auditLog().forType("CrossAudited").changedBy("erin").page(null).items()).hasSize(2);
	}

	// ---- per-type counts -----------------------------------------------------------------------------------

	@Test
	void countsKeptByJavaAndPythonAgreeAfterMixedWrites() {
		SingleTableTemplate template = this.table.template();
		template.setTrackCounts(true);
		// Java writes first: the row is created in the layout Python reads and increments
		JavaTwins.CrossAudited javaOne = template.create(new JavaTwins.CrossAudited(null, null, null, "j1", 1, List.of()));
		template.create(new JavaTwins.CrossAudited(null, null, null, "j2", 1, List.of()));
		String pythonOne = python.call("create", Map.of("type", "CrossAudited", "data", Map.of("title", "p1")))
			.path("fields").path("resource_id").asString();
		python.call("create", Map.of("type", "CrossAudited", "data", Map.of("title", "p2")));
		python.call("create", Map.of("type", "CrossNote", "data", Map.of("title", "n")));
		python.call("delete", Map.of("type", "CrossAudited", "id", javaOne.id()));
		assertThat(template.deleteById(JavaTwins.CrossAudited.class, pythonOne)).isTrue();
		template.create(new JavaTwins.CrossNote(null, null, null, "java note", null));

		JsonNode pythons = python.call("stats", Map.of());
		assertThat(pythons.path("CrossAudited").asLong()).isEqualTo(2);
		assertThat(pythons.path("CrossNote").asLong()).isEqualTo(2);
		assertThat(template.countsByType()).containsOnly(Map.entry("CrossAudited", 2L), Map.entry("CrossNote", 2L));
		assertThat(pythons.size()).isEqualTo(2);
	}

}
