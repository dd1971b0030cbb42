package dev.singletable.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log written by the template for {@link Audited} types: each create, update, restore and delete of such
 * a type carries its row in the same request (a single write becomes a transaction), inside template and Spring
 * transactions too; a cancelled request writes neither the change nor its row.
 */
class AuditLogWriteIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private final AtomicReference<String> auditor = new AtomicReference<>("alice");

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setAuditorAware(() -> Optional.ofNullable(this.auditor.get()));
	}

	private List<AuditEntry> rows(String type, String id) {
		return this.template.auditLog().forResource(type, id).page(null).items();
	}

	private long allRows() {
		return this.template.auditLog().all().stream().count();
	}

	@Test
	void aVersionedCreateUpdateAndDeleteEachWriteTheirRowInTheSameTransaction() {
		dynamo.requests().reset();
		Account created = this.template.create(new Account(null, null, null, null, "a@example.com", "s1", 5));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);

		this.auditor.set("bob");
		dynamo.requests().reset();
		Account updated = this.template.update(created.withEmail("b@example.com", "s2"));
		// the stored state before the change: one strongly consistent GetItem, then the one transaction
		assertThat(dynamo.requests().operations()).containsExactly("GetItem", "TransactWriteItems");

		this.auditor.set(null);
		dynamo.requests().reset();
		this.template.delete(updated);
		// one strongly consistent read (is it there, and the snapshot), the transaction, then the history's keys
		assertThat(dynamo.requests().operations()).startsWith("GetItem", "TransactWriteItems")
			.containsOnlyOnce("GetItem");

		List<AuditEntry> rows = rows("Account", created.id());
		assertThat(rows).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.UPDATE, AuditEntry.CREATE);
		AuditEntry update = rows.get(1);
		assertThat(update.changedBy()).isEqualTo("bob");
		// the excluded field changed too, and is never recorded
		assertThat(update.changedFields()).containsOnlyKeys("email");
		assertThat(update.changedFields().get("email").oldValue().asString()).isEqualTo("a@example.com");
		assertThat(update.changedFields().get("email").newValue().asString()).isEqualTo("b@example.com");
		assertThat(update.resourceSnapshot().path("email").asString()).isEqualTo("b@example.com");
		assertThat(update.resourceSnapshot().has("secret")).isFalse();
		assertThat(update.resourceSnapshot().path("version").asLong()).isEqualTo(2);
		assertThat(rows.get(2).changedBy()).isEqualTo("alice");
		assertThat(rows.get(2).changedFields()).isNull();
		// a delete's snapshot is the state it removed; no auditor, no changer
		assertThat(rows.get(0).changedBy()).isNull();
		assertThat(rows.get(0).resourceSnapshot().path("email").asString()).isEqualTo("b@example.com");
		assertThat(this.template.auditLog().byChanger("bob").page(null).items()).containsExactly(update);
		assertThat(this.template.auditLog().forType("Account").operation(AuditEntry.CREATE).page(null).items())
			.containsExactly(rows.get(2));
	}

	@Test
	void aPlainPutOfAnAuditedTypeBecomesATwoItemTransactionAndUnauditedTypesStayOnePut() {
		dynamo.requests().reset();
		Ticket ticket = this.template.create(new Ticket(null, null, "first", "open"));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(2);

		dynamo.requests().reset();
		this.template.create(new Memo(null, null, "not audited"));
		assertThat(dynamo.requests().operations()).containsExactly("PutItem");

		Ticket closed = this.template.update(ticket.withState("closed"));
		AuditEntry update = rows("Ticket", ticket.id()).get(0);
		assertThat(update.changedFields()).containsOnlyKeys("state");
		assertThat(update.resourceSnapshot()).isNull();
		assertThat(closed.version()).isEqualTo(2);
		assertThat(allRows()).isEqualTo(2);
	}

	@Test
	void aStaleUpdateWritesNeitherTheVersionNorItsRow() {
		Account created = this.template.create(new Account(null, null, null, null, "a@example.com", "s", 1));
		this.template.update(created.withEmail("b@example.com", "s"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(created.withEmail("c@example.com", "s")));

		assertThat(rows("Account", created.id())).hasSize(2);
		assertThat(dynamo.sortKeys("Account#" + created.id())).containsExactlyInAnyOrder("v0", "v1", "v2");
	}

	@Test
	void aRowDynamoDbRejectsCancelsTheChange() {
		// the data compresses below 400 KB, but the row holds it twice (old and new) uncompressed
		Account created = this.template.create(new Account(null, null, null, null, randomText(1), "s", 1));
		dynamo.requests().reset();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.template.update(created.withEmail(randomText(2), "s")));
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);

		assertThat(dynamo.sortKeys("Account#" + created.id())).containsExactlyInAnyOrder("v0", "v1");
		assertThat(this.template.getById(Account.class, created.id()).version()).isEqualTo(1);
		assertThat(rows("Account", created.id())).extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
	}

	private static String randomText(long seed) {
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder(240_000);
		for (int i = 0; i < 240_000; i++) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	@Test
	void aCancelledTransactionWritesNoChangeAndNoRow() {
		Ticket ticket = this.template.create(new Ticket(null, null, "t", "open"));
		long before = allRows();
		dynamo.faults().failNext("TransactWriteItems", 1, () -> TransactionCanceledException.builder()
			.statusCode(400)
			.message("Transaction cancelled")
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("TransactionCanceledException")
				.errorMessage("Transaction cancelled [ValidationError, None]")
				.build())
			.cancellationReasons(CancellationReason.builder().code("ValidationError").message("injected").build(),
					CancellationReason.builder().code("None").build())
			.build());

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.template.update(ticket.withState("closed")));

		assertThat(this.template.getById(Ticket.class, ticket.id()).state()).isEqualTo("open");
		assertThat(allRows()).isEqualTo(before);
	}

	@Test
	void aTemplateTransactionCarriesTheRowsOfEachAuditedOperation() {
		Account account = this.template.create(new Account(null, null, null, null, "a@example.com", "s", 1));
		Ticket ticket = this.template.create(new Ticket(null, null, "t", "open"));
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.update(account.withEmail("x@example.com", "s"));
			tx.delete(ticket);
			tx.create(new Memo(null, null, "m"));
		});

		TransactWriteItemsRequest sent = dynamo.requests().sent(TransactWriteItemsRequest.class).get(0);
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		// v2 + v0 + row, ticket delete + row, memo put
		assertThat(sent.transactItems()).hasSize(6);
		assertThat(rows("Account", account.id()).get(0).operation()).isEqualTo(AuditEntry.UPDATE);
		assertThat(rows("Ticket", ticket.id()).get(0).operation()).isEqualTo(AuditEntry.DELETE);

		long before = allRows();
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Ticket(null, null, "new", "open"));
				tx.update(account.withEmail("stale@example.com", "s"));
			}));
		assertThat(allRows()).isEqualTo(before);
		assertThat(this.template.query(Ticket.class).stream().count()).isZero();
	}

	@Test
	void aSpringManagedTransactionCarriesTheRowsAndARollbackWritesNone() {
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));
		Ticket ticket = transactions.execute((status) -> this.template.create(new Ticket(null, null, "t", "open")));
		assertThat(rows("Ticket", ticket.id())).hasSize(1);

		transactions.executeWithoutResult((status) -> {
			this.template.update(ticket.withState("doing"));
			status.setRollbackOnly();
		});
		assertThat(rows("Ticket", ticket.id())).hasSize(1);
		assertThat(this.template.getById(Ticket.class, ticket.id()).state()).isEqualTo("open");
	}

	@Test
	void deleteByIdAndRestoreAreAuditedAndAMissingResourceWritesNoRow() {
		Account account = this.template.create(new Account(null, null, null, null, "a@example.com", "s", 1));
		this.template.update(account.withEmail("b@example.com", "s"));
		Account restored = this.template.restoreVersion(Account.class, account.id(), 1);
		assertThat(restored.email()).isEqualTo("a@example.com");
		AuditEntry restore = rows("Account", account.id()).get(0);
		assertThat(restore.operation()).isEqualTo(AuditEntry.UPDATE);
		assertThat(restore.changedFields().get("email").newValue().asString()).isEqualTo("a@example.com");

		assertThat(this.template.deleteById(Account.class, account.id())).isTrue();
		assertThat(dynamo.sortKeys("Account#" + account.id())).isEmpty();
		assertThat(rows("Account", account.id()).get(0).operation()).isEqualTo(AuditEntry.DELETE);
		long before = allRows();
		this.template.transaction((tx) -> tx.deleteById(Ticket.class, "missing-in-a-transaction"));
		assertThat(this.template.deleteById(Account.class, account.id())).isFalse();
		assertThat(this.template.deleteById(Ticket.class, "missing")).isFalse();
		assertThat(allRows()).isEqualTo(before);
	}

	@Test
	void putAllOfAnAuditedTypeIsRefused() {
		assertThatExceptionOfType(org.springframework.dao.InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.putAll(List.of(new Ticket(null, null, "t", "open"))))
			.withMessageContaining("Ticket is @Audited");
		assertThat(allRows()).isZero();
	}

	@Test
	void rowsAreInTheSeedsLayout() {
		Ticket ticket = this.template.create(new Ticket(null, null, "t", "open"));
		AuditEntry row = rows("Ticket", ticket.id()).get(0);
		var item = dynamo.storedItem(AuditItems.key(row.id()), AuditItems.key(row.id()));
		assertThat(item.get("gsi1pk").s()).isEqualTo("_INTERNAL#AuditLog#Ticket#" + ticket.id());
		assertThat(item.get("gsi2pk").s()).isEqualTo("_INTERNAL#AuditLog#Ticket");
		assertThat(item.get("gsitype").s()).isEqualTo("_INTERNAL#AuditLog");
		assertThat(item.get("gsi3pk").s()).isEqualTo("_INTERNAL#AuditLog#changer#alice");
		assertThat(item.get("audited_resource_id").s()).isEqualTo(ticket.id());
		assertThat(row.createdAt()).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void rowsAreFoundByTheTemplatesClockOnEveryIndexAndIncludeLimitsTheFields() {
		Instant at = Instant.parse("2024-03-04T05:06:07.123Z");
		this.template.setClock(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
		Label label = this.template.create(new Label(null, null, "a", "b", "c"));
		this.template.update(new Label(label.id(), label.version(), "a2", "b2", "c2"));

		Instant from = at.minusSeconds(1);
		Instant to = at.plusSeconds(1);
		assertThat(this.template.auditLog().forResource("Label", label.id()).between(from, to).page(null).items())
			.hasSize(2);
		assertThat(this.template.auditLog().byChanger("alice").between(from, to).page(null).items()).hasSize(2);
		assertThat(this.template.auditLog().forType("Label").since(to).page(null).items()).isEmpty();
		AuditEntry update = rows("Label", label.id()).get(0);
		assertThat(update.createdAt()).isEqualTo(at);
		assertThat(update.changedFields()).containsOnlyKeys("name");
		assertThat(update.resourceSnapshot().propertyNames()).containsExactlyInAnyOrder("resource_id", "version", "created_at",
				"updated_at", "name");
	}

	@SingleTableEntity
	@Audited(include = "name", snapshot = true)
	record Label(@Id String id, @Version Long version, String name, String color, String note) {
	}

	@SingleTableEntity(versioned = true)
	@Audited(exclude = "secret", snapshot = true)
	record Account(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String email, String secret, int credits) {

		Account withEmail(String email, String secret) {
			return new Account(this.id, this.version, this.createdAt, this.updatedAt, email, secret, this.credits);
		}

	}

	@SingleTableEntity
	@Audited
	record Ticket(@Id String id, @Version Long version, String title, String state) {

		Ticket withState(String state) {
			return new Ticket(this.id, this.version, this.title, state);
		}

	}

	@SingleTableEntity
	record Memo(@Id String id, @Version Long version, String text) {
	}

}
