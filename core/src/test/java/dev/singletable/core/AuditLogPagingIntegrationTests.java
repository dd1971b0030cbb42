package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.BlobAndAuditFixtures.Case;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Audit log queries paged to their end (from issue 16): every query visits each row once, a time range pages with
 * cursors and keeps only its rows, and a cursor outside the range is refused as a cursor of another query.
 */
class AuditLogPagingIntegrationTests {

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
	void everyAuditQueryPagesToItsEndVisitingEachRowOnce() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			this.auditor = (i % 2 == 0) ? "even" : "odd";
			ids.add(this.template.create(new Case(null, null, "s" + i, List.of(), Map.of())).id());
		}
		this.auditor = "even";
		Case first = this.template.getById(Case.class, ids.get(0));
		for (int i = 0; i < 4; i++) {
			first = this.template.update(first.withState("u" + i));
		}

		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forResource("Case", ids.get(0)).limit(2))).hasSize(5);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forType("Case").limit(3))).hasSize(11);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().byChanger("even").limit(2))).hasSize(8);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().byChanger("odd").limit(2).oldestFirst())).hasSize(3);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forType("Case").operation(AuditEntry.UPDATE).limit(2))).hasSize(4);
	}

	@Test
	void aTimeRangePagesWithCursorsAndKeepsOnlyTheRowsInTheRange() {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		this.template.setClock(clock);
		Case created = this.template.create(new Case(null, null, "s0", List.of(), Map.of()));
		Case current = created;
		for (int i = 1; i <= 6; i++) {
			clock.set(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i));
			current = this.template.update(current.withState("s" + i));
		}
		Instant from = Instant.parse("2025-01-01T00:02:00Z");
		Instant to = Instant.parse("2025-01-01T00:05:00Z");

		List<AuditEntry> inRange = BlobAndAuditFixtures.allPages(
				this.template.auditLog().forResource("Case", created.id()).between(from, to).limit(2));
		assertThat(inRange).extracting(AuditEntry::createdAt).allSatisfy((at) -> assertThat(at).isBetween(from, to));
		assertThat(inRange).hasSize(4);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().byChanger("alice").between(from, to).limit(3).oldestFirst()))
			.extracting(AuditEntry::createdAt)
			.containsExactly(from, from.plusSeconds(60), from.plusSeconds(120), to);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forType("Case").since(to).limit(1))).hasSize(2);
	}

	@Test
	void aCursorOutsideTheTimeRangeOfTheQueryIsRefusedAsACursorOfAnotherQuery() {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		this.template.setClock(clock);
		Case current = this.template.create(new Case(null, null, "s0", List.of(), Map.of()));
		for (int i = 1; i <= 3; i++) {
			clock.set(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i));
			current = this.template.update(current.withState("s" + i));
		}
		String id = current.id();
		String cursor = this.template.auditLog().forResource("Case", id).limit(1).page(null).nextCursor();

		assertThatExceptionOfType(dev.singletable.core.query.InvalidCursorException.class)
			.isThrownBy(() -> this.template.auditLog()
				.forResource("Case", id)
				.until(Instant.parse("2025-01-01T00:01:00Z"))
				.page(cursor));
	}

	// ---- helpers --------------------------------------------------------------------------------------------

}
