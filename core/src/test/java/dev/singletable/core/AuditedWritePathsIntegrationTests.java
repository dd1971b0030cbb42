package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.BlobAndAuditFixtures.Case;
import dev.singletable.core.BlobAndAuditFixtures.Keyed;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.core.BlobAndAuditFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every write path of an audited type writes its row (from issue 16): {@code save} on create, upsert and update, a
 * partial update of a type with blobs, changes of list and nested fields with their old and new values, and no row for
 * a delete that fails.
 */
class AuditedWritePathsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	private String auditor = "alice";

	@BeforeEach
	void setUp() {
		this.template = BlobAndAuditFixtures.template(dynamo, s3, () -> this.auditor);
	}

	// ---- audit: every write path of an audited type writes its row -----------------------------------------

	@Test
	void saveOfAnAuditedTypeWritesItsRowsOnCreateUpsertAndUpdate() {
		Case created = this.template.save(new Case(null, null, "open", List.of("a"), Map.of("level", 1)));
		Case updated = this.template.save(created.withState("closed"));
		Keyed upserted = this.template.save(new Keyed("k1", "first"));
		this.template.save(new Keyed("k1", "second"));

		assertThat(rows(this.template, "Case", created.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows(this.template, "Case", created.id()).get(0).changedFields()).containsOnlyKeys("state");
		assertThat(rows(this.template, "Keyed", upserted.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(updated.version()).isEqualTo(2);
	}

	@Test
	void aPartialUpdateOfAnAuditedTypeWithBlobsWritesItsRow() {
		AuditedDoc doc = this.template.create(new AuditedDoc(null, null, "t", "body"));

		this.template.update(doc, Changes.set("title", "t2").and("body", "body2"));

		List<AuditEntry> rows = rows(this.template, "AuditedDoc", doc.id());
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows.get(0).changedFields()).containsOnlyKeys("title", "body");
		// blobs are recorded as the Python library records them: by reference, never their content
		FieldChange body = rows.get(0).changedFields().get("body");
		assertThat(body.oldValue().path("__blob_ref__").asBoolean()).isTrue();
		assertThat(body.oldValue().path("version").asLong()).isEqualTo(1);
		assertThat(body.newValue().path("version").asLong()).isEqualTo(2);
		assertThat(rows.get(1).resourceSnapshot().path("body").path("__blob_ref__").asBoolean()).isTrue();

		// an unchanged blob keeps its reference: no change recorded
		AuditedDoc v2 = this.template.getById(AuditedDoc.class, doc.id());
		this.template.update(new AuditedDoc(v2.id(), v2.version(), "t3", null));
		assertThat(rows(this.template, "AuditedDoc", doc.id()).get(0).changedFields()).containsOnlyKeys("title");
	}

	@Test
	void changesOfListAndNestedFieldsAreRecordedWithTheirOldAndNewValues() {
		Case created = this.template.create(new Case(null, null, "open", List.of("a", "b"), Map.of("level", 1)));
		this.template.update(new Case(created.id(), created.version(), "open", List.of("a", "c"),
				Map.of("level", 2, "by", "bob")));

		Map<String, FieldChange> changes = rows(this.template, "Case", created.id()).get(0).changedFields();
		assertThat(changes).containsOnlyKeys("tags", "details");
		assertThat(changes.get("tags").oldValue().get(1).asString()).isEqualTo("b");
		assertThat(changes.get("tags").newValue().get(1).asString()).isEqualTo("c");
		assertThat(changes.get("details").oldValue().path("level").asInt()).isEqualTo(1);
		assertThat(changes.get("details").newValue().path("by").asString()).isEqualTo("bob");
	}

	@Test
	void anAuditedDeleteThatFailsLeavesTheResourceAndWritesNoRow() {
		Case created = this.template.create(new Case(null, null, "open", List.of(), Map.of()));
		dynamo.faults().failNext("TransactWriteItems", 20, FaultInjector::serverError);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.deleteById(Case.class, created.id()));
		dynamo.faults().clear();

		assertThat(this.template.findById(Case.class, created.id())).isPresent();
		assertThat(rows(this.template, "Case", created.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.CREATE);
	}

	// ---- helpers --------------------------------------------------------------------------------------------

	@SingleTableEntity(versioned = true)
	@Audited(snapshot = true)
	record AuditedDoc(@Id String id, @Version Long version, String title, @BlobField String body) {
	}

}
