package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.BlobAndAuditFixtures.Case;
import dev.singletable.core.BlobAndAuditFixtures.Doc;
import dev.singletable.core.BlobAndAuditFixtures.Keyed;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.core.BlobAndAuditFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Per-type counts follow what is stored (from issue 16): saves that create, batch deletes of what exists, restores,
 * version deletes and transactions of every kind; deleting an entity already gone counts nothing.
 */
class TypeCountsFollowWritesIntegrationTests {

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

	// ---- per-type counts ------------------------------------------------------------------------------------

	@Test
	void countsFollowSavesThatCreateAndBatchDeletesOfWhatExists() {
		this.template.setTrackCounts(true);
		this.template.save(new Keyed("a", "1"));
		this.template.save(new Keyed("b", "1"));
		this.template.save(new Keyed("a", "2"));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 2L);

		this.template.deleteAllById(Keyed.class, List.of("a", "missing"));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 1L);

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Keyed("b", "again")));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 1L);
	}

	@Test
	void countsFollowRestoresVersionDeletesAndTransactionsOfEveryKind() {
		this.template.setTrackCounts(true);
		Doc doc = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		Doc v2 = this.template.update(doc.withBody(Map.of("n", 2)));
		this.template.restoreVersion(Doc.class, doc.id(), 1);
		this.template.deleteVersion(Doc.class, doc.id(), 1);
		assertThat(this.template.countsByType()).containsEntry("Doc", 1L);

		// the latest version deleted: the resource is gone
		this.template.deleteVersion(Doc.class, doc.id(), 3);
		assertThat(this.template.countsByType()).containsEntry("Doc", 0L);
		assertThat(this.template.deleteById(Doc.class, doc.id())).isTrue();
		assertThat(this.template.countsByType()).containsEntry("Doc", 0L);

		this.template.transaction((tx) -> {
			tx.save(new Keyed("t1", "a"));
			tx.create(new Doc("t2", null, "b", null));
			tx.deleteById(Keyed.class, "never-stored");
		});
		assertThat(this.template.countsByType()).containsEntry("Doc", 1L).containsEntry("Keyed", 1L);
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void deletingAnEntityAlreadyGoneWritesNoRowAndCountsNothing() {
		this.template.setTrackCounts(true);
		Case versioned = this.template.create(new Case(null, null, "open", List.of(), Map.of()));
		Memo plain = this.template.create(new Memo(null, null, "m"));
		this.template.deleteById(Case.class, versioned.id());
		this.template.deleteById(Memo.class, plain.id());
		assertThat(this.template.countsByType()).containsEntry("Case", 0L).containsEntry("Memo", 0L);

		this.template.delete(versioned);
		this.template.delete(plain);
		this.template.transaction((tx) -> {
			tx.delete(versioned);
			tx.delete(plain);
		});

		assertThat(this.template.countsByType()).containsEntry("Case", 0L).containsEntry("Memo", 0L);
		assertThat(rows(this.template, "Case", versioned.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.CREATE);
		assertThat(rows(this.template, "Memo", plain.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.CREATE);

		// a stale delete of an entity that is still stored is refused as before
		Memo current = this.template.create(new Memo(null, null, "m2"));
		this.template.update(new Memo(current.id(), current.version(), "changed"));
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.delete(current));
		assertThat(this.template.countsByType()).containsEntry("Memo", 1L);
	}

	// ---- helpers --------------------------------------------------------------------------------------------

	@SingleTableEntity
	@Audited
	record Memo(@Id String id, @Version Long version, String text) {
	}

}
