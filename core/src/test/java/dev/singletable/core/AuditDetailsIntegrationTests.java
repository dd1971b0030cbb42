package dev.singletable.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.audit.InvalidAuditMetadataException;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Per-call audit details: the {@link AuditScope}'s changer and metadata on the rows of template, repository and
 * transaction writes, nested scopes, the {@code AuditMetadataProvider} under them, the transaction id every row
 * gets, and invalid metadata refused before anything is written.
 */
class AuditDetailsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setAuditorAware(() -> Optional.of("alice"));
	}

	@AfterEach
	void noScopeLeaks() {
		assertThat(AuditScope.current()).isEqualTo(AuditDetails.none());
	}

	private List<AuditEntry> rows(String type, String id) {
		return this.template.auditLog().forResource(type, id).page(null).items();
	}

	private static Map<String, String> strings(AuditEntry row) {
		Map<String, String> values = new HashMap<>();
		row.metadata().forEach((key, value) -> values.put(key, value.isString() ? value.asString() : value.toString()));
		values.remove(AuditEntry.TRANSACTION_ID);
		return values;
	}

	@Test
	void templateCreateUpdateAndDeleteCarryTheScopesChangerAndMetadata() {
		AuditDetails details = AuditDetails.changedBy("nightly-import")
			.with("reason", "backfill")
			.with("batch", 42)
			.with("ratio", new BigDecimal("0.25"))
			.with("dry_run", false)
			.with("tags", List.of("a", 1, true))
			.with("source", Map.of("system", "erp", "ids", List.of(7, 8)));
		Invoice created = AuditScope.call(details,
				() -> this.template.create(new Invoice(null, null, null, null, "c1", 10)));
		Invoice updated = AuditScope.call(AuditDetails.changedBy("support").with("ticket", "T-9"),
				() -> this.template.update(created.withAmount(11)));
		AuditScope.run(AuditDetails.of(Map.of("reason", "gdpr")), () -> this.template.delete(updated));

		List<AuditEntry> rows = rows("Invoice", created.id());
		assertThat(rows).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.UPDATE, AuditEntry.CREATE);
		AuditEntry create = rows.get(2);
		assertThat(create.changedBy()).isEqualTo("nightly-import");
		assertThat(create.metadata().get("reason").asString()).isEqualTo("backfill");
		assertThat(create.metadata().get("batch").asLong()).isEqualTo(42);
		assertThat(create.metadata().get("ratio").decimalValue()).isEqualByComparingTo("0.25");
		assertThat(create.metadata().get("dry_run").booleanValue()).isFalse();
		assertThat(create.metadata().get("tags").toString()).isEqualTo("[\"a\",1,true]");
		assertThat(create.metadata().get("source").path("ids").get(1).asInt()).isEqualTo(8);
		assertThat(rows.get(1).changedBy()).isEqualTo("support");
		assertThat(strings(rows.get(1))).containsOnly(Map.entry("ticket", "T-9"));
		// no changer in the scope: the AuditorAware's
		assertThat(rows.get(0).changedBy()).isEqualTo("alice");
		assertThat(strings(rows.get(0))).containsOnly(Map.entry("reason", "gdpr"));
		assertThat(this.template.auditLog().byChanger("nightly-import").page(null).items()).containsExactly(create);

		// stored as the seed's types: a map of strings, numbers, booleans, lists and maps
		Map<String, AttributeValue> item = dynamo.storedItem(AuditItems.key(create.id()), AuditItems.key(create.id()));
		Map<String, AttributeValue> metadata = item.get("audit_metadata").m();
		assertThat(metadata.get("batch").n()).isEqualTo("42");
		assertThat(metadata.get("dry_run").bool()).isFalse();
		assertThat(metadata.get("tags").l()).hasSize(3);
		assertThat(metadata.get("source").m().get("system").s()).isEqualTo("erp");
		assertThat(item.get("changed_by").s()).isEqualTo("nightly-import");
		assertThat(item.get("gsi3pk").s()).isEqualTo("_INTERNAL#AuditLog#changer#nightly-import");

		// outside any scope: the auditor, and no metadata but the transaction id
		Note note = this.template.create(new Note(null, null, "plain"));
		AuditEntry plain = rows("Note", note.id()).get(0);
		assertThat(plain.changedBy()).isEqualTo("alice");
		assertThat(plain.metadata()).containsOnlyKeys(AuditEntry.TRANSACTION_ID);
	}

	@Test
	void repositoryWritesCarryTheScopesDetails() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(RepositoryConfig.class)) {
			NoteRepository notes = context.getBean(NoteRepository.class);
			SingleTableTemplate repositoryTemplate = context.getBean(SingleTableTemplate.class);
			AuditDetails importing = AuditDetails.changedBy("import").with("file", "notes.csv");
			Note saved = AuditScope.call(importing, () -> notes.save(new Note(null, null, "one")));
			AuditScope.run(importing.with("line", 2), () -> notes.save(saved.withText("two")));
			AuditScope.run(AuditDetails.changedBy("cleanup"), () -> notes.deleteById(saved.id()));

			List<AuditEntry> rows = repositoryTemplate.auditLog().forResource("Note", saved.id()).page(null).items();
			assertThat(rows).extracting(AuditEntry::operation)
				.containsExactly(AuditEntry.DELETE, AuditEntry.UPDATE, AuditEntry.CREATE);
			assertThat(rows).extracting(AuditEntry::changedBy).containsExactly("cleanup", "import", "import");
			assertThat(strings(rows.get(2))).containsOnly(Map.entry("file", "notes.csv"));
			assertThat(strings(rows.get(1))).containsOnly(Map.entry("file", "notes.csv"), Map.entry("line", "2"));
			assertThat(strings(rows.get(0))).isEmpty();
		}
	}

	@Test
	void changesInAnUnauditedBlockAddNoRowAndNestedScopesKeepItUnaudited() {
		Invoice created = this.template.create(new Invoice(null, null, null, null, "u1", 10));
		Invoice repaired = AuditScope.callUnaudited(() -> {
			assertThat(AuditScope.isUnaudited()).isTrue();
			Invoice first = this.template.update(created.withAmount(11));
			// a scope opened inside changes the details, not whether rows are written
			return AuditScope.call(AuditDetails.changedBy("repair"), () -> {
				assertThat(AuditScope.isUnaudited()).isTrue();
				return this.template.update(first.withAmount(12));
			});
		});
		assertThat(AuditScope.isUnaudited()).isFalse();
		assertThat(repaired.version()).isEqualTo(3);
		assertThat(rows("Invoice", created.id())).extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);

		// the outer scope's details are kept for the block, and rows are written again after it
		AuditScope.run(AuditDetails.changedBy("outer"), () -> {
			AuditScope.runUnaudited(() -> assertThat(AuditScope.current().getChangedBy()).isEqualTo("outer"));
			this.template.update(repaired.withAmount(13));
		});
		List<AuditEntry> rows = rows("Invoice", created.id());
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows.get(0).changedBy()).isEqualTo("outer");
	}

	@Test
	void anUnauditedBlockEndsWhenItThrows() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> AuditScope.runUnaudited(() -> {
			throw new IllegalStateException("boom");
		}));
		assertThat(AuditScope.isUnaudited()).isFalse();
		Invoice created = this.template.create(new Invoice(null, null, null, null, "u2", 10));
		assertThat(rows("Invoice", created.id())).hasSize(1);
	}

	@Test
	void saveIsAuditedAsWhatItDoes() {
		// a plain type without @Version: save upserts, a CREATE row when nothing was stored, else an UPDATE
		AuditScope.run(AuditDetails.changedBy("sync"), () -> {
			this.template.save(new Tag("t-1", "red"));
			this.template.save(new Tag("t-1", "blue"));
		});
		List<AuditEntry> tagRows = rows("Tag", "t-1");
		assertThat(tagRows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(tagRows).extracting(AuditEntry::changedBy).containsOnly("sync");
		assertThat(tagRows.get(0).changedFields()).containsOnlyKeys("label");
		assertThat(tagRows.get(0).changedFields().get("label").oldValue().asString()).isEqualTo("red");

		Invoice saved = this.template.save(new Invoice(null, null, null, null, "s", 1));
		this.template.save(saved.withAmount(2));
		assertThat(rows("Invoice", saved.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
	}

	@Test
	void nestedScopesMergeTheInnerOverTheOuterAndRestoreTheOuter() {
		List<Note> notes = new ArrayList<>();
		AuditScope.run(AuditDetails.changedBy("outer").with("a", "1").with("b", "1"), () -> {
			AuditScope.run(AuditDetails.of(Map.of("b", "2", "c", "2")), () -> {
				notes.add(this.template.create(new Note(null, null, "inner, no changer")));
				AuditScope.run(AuditDetails.changedBy("innermost"),
						() -> notes.add(this.template.create(new Note(null, null, "innermost"))));
			});
			notes.add(this.template.create(new Note(null, null, "outer again")));
		});
		notes.add(this.template.create(new Note(null, null, "no scope")));

		AuditEntry inner = rows("Note", notes.get(0).id()).get(0);
		assertThat(inner.changedBy()).isEqualTo("outer");
		assertThat(strings(inner)).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "2"));
		AuditEntry innermost = rows("Note", notes.get(1).id()).get(0);
		assertThat(innermost.changedBy()).isEqualTo("innermost");
		assertThat(strings(innermost)).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "2"));
		AuditEntry outer = rows("Note", notes.get(2).id()).get(0);
		assertThat(outer.changedBy()).isEqualTo("outer");
		assertThat(strings(outer)).containsOnly(Map.entry("a", "1"), Map.entry("b", "1"));
		AuditEntry none = rows("Note", notes.get(3).id()).get(0);
		assertThat(none.changedBy()).isEqualTo("alice");
		assertThat(strings(none)).isEmpty();
	}

	@Test
	void theOuterScopeIsBoundAgainWhenABlockThrows() {
		AuditDetails outer = AuditDetails.changedBy("outer").with("k", "outer");
		Note note = AuditScope.call(outer, () -> {
			assertThatIllegalStateException().isThrownBy(() -> AuditScope.run(AuditDetails.changedBy("inner"), () -> {
				throw new IllegalStateException("boom");
			}));
			assertThat(AuditScope.current()).isEqualTo(outer);
			return this.template.create(new Note(null, null, "after the failure"));
		});
		assertThatIllegalStateException().isThrownBy(() -> AuditScope.run(outer, () -> {
			throw new IllegalStateException("boom");
		}));
		assertThat(AuditScope.current()).isEqualTo(AuditDetails.none());

		AuditEntry row = rows("Note", note.id()).get(0);
		assertThat(row.changedBy()).isEqualTo("outer");
		assertThat(strings(row)).containsOnly(Map.entry("k", "outer"));
		// a failed write in a scope leaves the scope as it was too
		Invoice invoice = this.template.create(new Invoice(null, null, null, null, "c", 1));
		this.template.update(invoice.withAmount(2));
		AuditScope.run(AuditDetails.changedBy("stale"), () -> assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(invoice.withAmount(3))));
		assertThat(AuditScope.current()).isEqualTo(AuditDetails.none());
		assertThat(this.template.auditLog().byChanger("stale").page(null).items()).isEmpty();
	}

	@Test
	void theProvidersMetadataIsOnEveryRowUnderTheScope() {
		this.template.setAuditMetadataProvider(() -> Map.of("request_id", "req-1", "host", "web-1"));
		Note plain = this.template.create(new Note(null, null, "provider only"));
		Note scoped = AuditScope.call(AuditDetails.of(Map.of("request_id", "scoped", "job", "j")),
				() -> this.template.create(new Note(null, null, "scoped")));
		this.template.setAuditMetadataProvider(() -> null);
		Note without = this.template.create(new Note(null, null, "provider gives nothing"));

		assertThat(strings(rows("Note", plain.id()).get(0))).containsOnly(Map.entry("request_id", "req-1"),
				Map.entry("host", "web-1"));
		assertThat(strings(rows("Note", scoped.id()).get(0))).containsOnly(Map.entry("request_id", "scoped"),
				Map.entry("host", "web-1"), Map.entry("job", "j"));
		assertThat(strings(rows("Note", without.id()).get(0))).isEmpty();
	}

	@Test
	void oneTransactionsRowsShareATransactionIdAndOtherWritesHaveTheirOwn() {
		Invoice invoice = this.template.create(new Invoice(null, null, null, null, "c", 1));
		Note first = this.template.create(new Note(null, null, "first"));
		List<Note> created = new ArrayList<>();
		this.template.transaction((tx) -> {
			tx.update(invoice.withAmount(2));
			// details bound when an operation is queued apply to its row, whenever the commit
			AuditScope.run(AuditDetails.changedBy("in-tx").with("step", 2),
					() -> created.add(tx.create(new Note(null, null, "second"))));
			tx.delete(first);
		});
		AuditEntry update = rows("Invoice", invoice.id()).get(0);
		AuditEntry create = rows("Note", created.get(0).id()).get(0);
		AuditEntry delete = rows("Note", first.id()).get(0);
		assertThat(update.transactionId()).isNotNull().matches("[0-9A-HJKMNP-TV-Z]{26}");
		assertThat(create.transactionId()).isEqualTo(update.transactionId());
		assertThat(delete.transactionId()).isEqualTo(update.transactionId());
		assertThat(create.changedBy()).isEqualTo("in-tx");
		assertThat(strings(create)).containsOnly(Map.entry("step", "2"));
		assertThat(update.changedBy()).isEqualTo("alice");

		// a Spring-managed transaction: one id for its rows, the details of the scope in force when each was queued
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));
		List<Note> managed = transactions.execute((status) -> List.of(
				AuditScope.call(AuditDetails.changedBy("managed"), () -> this.template.create(new Note(null, null, "m1"))),
				this.template.create(new Note(null, null, "m2"))));
		AuditEntry m1 = rows("Note", managed.get(0).id()).get(0);
		AuditEntry m2 = rows("Note", managed.get(1).id()).get(0);
		assertThat(m1.transactionId()).isEqualTo(m2.transactionId()).isNotEqualTo(update.transactionId());
		assertThat(m1.changedBy()).isEqualTo("managed");
		assertThat(m2.changedBy()).isEqualTo("alice");

		// each single write is a transaction of its own
		Set<String> ids = new HashSet<>();
		for (AuditEntry row : this.template.auditLog().all().stream().toList()) {
			ids.add(row.transactionId());
		}
		// invoice create, first create, the template transaction, the managed one
		assertThat(ids).hasSize(4).doesNotContainNull();
	}

	@Test
	void invalidMetadataIsRefusedNamingTheKey() {
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.changedBy("x").with("when", Instant.EPOCH))
			.withMessageContaining("'when'")
			.withMessageContaining("java.time.Instant")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("when"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.of(Map.of("tags", List.of("a", UUID.randomUUID()))))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("tags[1]"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.of(Map.of("source", Map.of("ratio", Double.NaN))))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("source.ratio"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.of(Map.of("source", Map.of(1, "one"))))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("source.1"));
		Map<String, Object> withNull = new HashMap<>();
		withNull.put("empty", null);
		assertThatExceptionOfType(InvalidAuditMetadataException.class).isThrownBy(() -> AuditDetails.of(withNull))
			.withMessageContaining("'empty' is null");
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with(AuditEntry.TRANSACTION_ID, "mine"))
			.withMessageContaining("reserved");
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with("", "v"));
		// the lists and maps are copied: later changes are not seen
		List<String> tags = new ArrayList<>(List.of("a"));
		AuditDetails details = AuditDetails.of(Map.of("tags", tags));
		tags.add("b");
		assertThat(details.getMetadata().get("tags")).isEqualTo(List.of("a"));
	}

	@Test
	void numbersDynamoDbCannotStoreAreRefusedWhenTheDetailsAreBuiltNamingTheKeyAndWhy() {
		dynamo.requests().reset();
		BigDecimal fiftyDigits = new BigDecimal("3.1415926535897932384626433832795028841971693993751");
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.changedBy("x").with("pi", fiftyDigits))
			.withMessageContaining("'pi'")
			.withMessageContaining("50 significant digits")
			.withMessageContaining("at most 38")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("pi"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with("ratio", Double.NaN))
			.withMessageContaining("'ratio' is NaN")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("ratio"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.of(Map.of("source", Map.of("sizes", List.of(1, new BigDecimal("1E-131"))))))
			.withMessageContaining("magnitude")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("source.sizes[1]"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with("huge", 1e300))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("huge"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with("id", new java.math.BigInteger("9".repeat(39))))
			.withMessageContaining("39 significant digits");
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> AuditDetails.none().with("tags", Set.of("")))
			.withMessageContaining("java.util");
		// a provider's: refused when the change is made, before any request
		this.template.setAuditMetadataProvider(() -> Map.of("total", fiftyDigits));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> this.template.create(new Note(null, null, "refused")))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("total"));
		assertThat(dynamo.requests().operations()).isEmpty();
	}

	@Test
	void numbersAtDynamoDbsLimitsAreAcceptedAndStored() {
		Map<String, Object> limits = Map.of("digits38", new BigDecimal("1234567890123456789012345678901234567.8"),
				"largest", new BigDecimal("9.9999999999999999999999999999999999999E+125"), "smallest",
				new BigDecimal("-1E-130"), "trailing_zeros", new java.math.BigInteger("1" + "0".repeat(60)),
				"double", Double.MAX_VALUE / 1e183, "zero", new BigDecimal("0E-200"));
		Note note = AuditScope.call(AuditDetails.of(limits),
				() -> this.template.create(new Note(null, null, "limits")));

		AuditEntry row = rows("Note", note.id()).get(0);
		Map<String, AttributeValue> stored = dynamo.storedItem(AuditItems.key(row.id()), AuditItems.key(row.id()))
			.get("audit_metadata")
			.m();
		limits.forEach((key, value) -> assertThat(new BigDecimal(stored.get(key).n())).as(key)
			.isEqualByComparingTo(new BigDecimal(value.toString())));
	}

	@Test
	void aProvidersInvalidMetadataFailsTheWriteBeforeAnythingIsWritten() {
		AtomicReference<Map<String, ?>> provided = new AtomicReference<>(Map.of("ok", "yes"));
		this.template.setAuditMetadataProvider(provided::get);
		Invoice invoice = this.template.create(new Invoice(null, null, null, null, "c", 1));
		long rows = this.template.auditLog().all().stream().count();

		provided.set(Map.of("user", new Object()));
		dynamo.requests().reset();
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> this.template.create(new Note(null, null, "refused")))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("user"));
		assertThat(dynamo.requests().operations()).isEmpty();

		provided.set(Map.of(AuditEntry.TRANSACTION_ID, "forged"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> this.template.update(invoice.withAmount(5)))
			.withMessageContaining("reserved");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems", "PutItem");

		// in a transaction: the operation queued with invalid metadata fails it, and nothing is written
		provided.set(Map.of("ok", "yes"));
		assertThatExceptionOfType(InvalidAuditMetadataException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Note(null, null, "queued"));
				provided.set(Map.of("size", Double.POSITIVE_INFINITY));
				tx.update(invoice.withAmount(6));
			}));
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems", "PutItem");
		assertThat(this.template.query(Note.class).stream().count()).isZero();
		assertThat(this.template.getById(Invoice.class, invoice.id()).amount()).isEqualTo(1);
		assertThat(this.template.auditLog().all().stream().count()).isEqualTo(rows);
	}

	@SingleTableEntity(versioned = true)
	@Audited(snapshot = true)
	record Invoice(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String customer, int amount) {

		Invoice withAmount(int amount) {
			return new Invoice(this.id, this.version, this.createdAt, this.updatedAt, this.customer, amount);
		}

	}

	@SingleTableEntity
	@Audited
	record Note(@Id String id, @Version Long version, String text) {

		Note withText(String text) {
			return new Note(this.id, this.version, text);
		}

	}

	@SingleTableEntity
	@Audited
	record Tag(@Id String id, String label) {
	}

	interface NoteRepository extends SingleTableRepository<Note> {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = AuditDetailsIntegrationTests.class,
			considerNestedRepositories = true,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NoteRepository.class))
	static class RepositoryConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setAuditorAware(() -> Optional.of("repository-auditor"));
			return template;
		}

	}

}
