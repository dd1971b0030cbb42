package com.example.reference.accounts;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
@Import(AuditConfiguration.class)
class AccountAuditTests {

	@Autowired
	AccountRepository accounts;

	@Autowired
	SingleTableTemplate template;

	@AfterEach
	void endRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void recordsWhoChangedWhat() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteUser("alice");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

		Account created = accounts.save(new Account(null, null, null, null, "ann@example.com", "x1"));
		Account changed = accounts.save(created.withEmail("ann@example.org"));

		List<AuditEntry> rows = template.auditLog().forResource("Account", created.id()).page(null).items();
		AuditEntry update = rows.get(0);                                  // newest first
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(update.changedBy()).isEqualTo("alice");
		assertThat(update.changedFields()).containsOnlyKeys("email");      // passwordHash is excluded
		assertThat(update.resourceSnapshot().get("email").asString()).isEqualTo("ann@example.org");
		assertThat(update.transactionId()).isNotNull();
		assertThat(changed.createdBy()).isEqualTo("alice");
		assertThat(changed.modifiedBy()).isEqualTo("alice");
	}

}
