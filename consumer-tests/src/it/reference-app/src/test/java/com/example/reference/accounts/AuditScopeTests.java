package com.example.reference.accounts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who and why per call, and the queries of the audit log, of audit-log.md.
 */
@DataSingleTableTest
@Import(AuditConfiguration.class)
class AuditScopeTests {

	@Autowired
	AccountRepository accounts;

	@Autowired
	SingleTableTemplate template;

	@Test
	void aScopeNamesTheChangerAndTheReason() {
		List<Account> imported = List.of(new Account(null, null, null, null, "a@example.com", "h1"),
				new Account(null, null, null, null, "b@example.com", "h2"));
		Account account = accounts.save(new Account(null, null, null, null, "c@example.com", "h3"));

		AuditDetails details = AuditDetails.changedBy("nightly-import").with("reason", "backfill").with("batch", 42);
		AuditScope.run(details, () -> accounts.saveAll(imported));
		Account fixed = AuditScope.call(AuditDetails.of(Map.of("ticket", "T-9")), () -> accounts.save(account.withEmail("c@example.org")));

		AuditEntry row = template.auditLog().byChanger("nightly-import").limit(1).page(null).items().get(0);
		assertThat(row.metadata().get("reason").asString()).isEqualTo("backfill");
		assertThat(row.metadata().get("batch").asInt()).isEqualTo(42);
		AuditEntry ticket = template.auditLog().forType("Account").operation(AuditEntry.UPDATE).limit(1).page(null)
			.items().get(0);
		assertThat(ticket.resourceId()).isEqualTo(fixed.id());
		assertThat(ticket.metadata().get("ticket").asString()).isEqualTo("T-9");
	}

	@Test
	void queriesTheLog() {
		String id = accounts.save(new Account(null, null, null, null, "d@example.com", "h4")).id();
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String cursor = null;

		QueryPage<AuditEntry> page = template.auditLog().forResource("Account", id).since(yesterday).limit(20).page(null);
		Stream<AuditEntry> byAlice = template.auditLog().byChanger("alice").stream();
		QueryPage<AuditEntry> updates = template.auditLog().forType("Account").operation(AuditEntry.UPDATE).page(cursor);

		assertThat(page.items()).extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
		assertThat(byAlice).allMatch((row) -> "alice".equals(row.changedBy()));
		assertThat(updates.items()).allMatch((row) -> row.operation().equals(AuditEntry.UPDATE));
	}

}
