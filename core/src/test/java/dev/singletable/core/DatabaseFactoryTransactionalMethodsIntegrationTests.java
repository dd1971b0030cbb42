package dev.singletable.core;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Transactional methods over one database factory (from issue 24), as an application wires it without Spring Boot: a
 * plain Spring context with {@code @EnableTransactionManagement}, one {@link SingleTableDatabaseFactory} bean, two
 * templates built on it (each with a converter of its own, one with blob storage) and a {@link
 * SingleTableTransactionManager} built on the factory alone — no template is given the manager. {@code @Transactional}
 * methods write through both templates: one {@code TransactWriteItems} at the commit, nothing (no item, no S3 object)
 * on a rollback, whichever way the writes were made (template calls, {@code template.transaction(..)} inside, deletes,
 * updates of blob types); templates built on factories of their own never join. Against DynamoDB Local and the
 * in-process S3.
 */
class DatabaseFactoryTransactionalMethodsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-transactional-methods");

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate ledgers;

	private SingleTableTemplate receipts;

	private Service service;

	/** Reads through the uncounted client, on a factory of its own. */
	private SingleTableTemplate inspector;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.ledgers = this.context.getBean("ledgers", SingleTableTemplate.class);
		this.receipts = this.context.getBean("receipts", SingleTableTemplate.class);
		this.service = this.context.getBean(Service.class);
		this.inspector = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		this.inspector.setBlobStorage(new BlobStorage(s3.rawClient(), s3.bucket(), "pre",
				this.inspector.getConverter().getJsonMapper()));
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// ---- @Transactional over two templates of one factory --------------------------------------------------

	@Test
	void aTransactionalMethodSendsTheWritesOfBothTemplatesAsOneRequestWithTheirBlobs() {
		Ledger ledger = new Ledger("groceries");
		Receipt receipt = this.service.run(() -> {
			this.ledgers.create(ledger);
			Receipt created = this.receipts.create(new Receipt("r1", null, "milk, bread"));
			assertThat(dynamo.requests().count("TransactWriteItems")).as("collected, not sent").isZero();
			assertThat(s3.keys()).as("nothing uploaded before the commit").isEmpty();
			return created;
		});

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(dynamo.requests().count("PutItem")).isZero();
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems())
			.as("the plain ledger's item, the versioned receipt's v1 and v0")
			.hasSize(3);
		assertThat(ledger.getId()).isNotNull();
		assertThat(ledger.getVersion()).isEqualTo(1L);
		assertThat(receipt.version()).isEqualTo(1L);
		assertThat(this.inspector.getById(Ledger.class, ledger.getId()).getName()).isEqualTo("groceries");
		assertThat(this.inspector.loadBlobs(this.inspector.getById(Receipt.class, "r1")).text())
			.isEqualTo("milk, bread");
		assertThat(s3.keys()).singleElement().asString().startsWith("pre/Receipt/r1/");
	}

	@Test
	void anExceptionInATransactionalMethodWritesNothingThroughEitherTemplateAndLeavesBeansAsGiven() {
		Ledger kept = this.ledgers.create(new Ledger("kept"));
		Receipt updated = this.receipts.create(new Receipt("r1", null, "first text"));
		this.receipts.create(new Receipt("r2", null, "to be deleted"));
		List<String> objects = s3.keys();
		assertThat(objects).hasSize(2);
		dynamo.requests().reset();
		s3.requests().reset();
		Ledger fresh = new Ledger("never stored");

		assertThatIllegalStateException().isThrownBy(() -> this.service.run(() -> {
			this.ledgers.create(fresh);
			kept.setName("changed");
			this.ledgers.update(kept);
			this.receipts.create(new Receipt("r3", null, "never uploaded"));
			this.receipts.update(updated.withText("second text"));
			this.receipts.deleteById(Receipt.class, "r2");
			this.ledgers.transaction((tx) -> tx.create(new Ledger("joined, never stored")));
			throw new IllegalStateException("roll back");
		})).withMessage("roll back");

		assertThat(dynamo.requests().operations()).as("nothing sent but the reads that guard writes")
			.doesNotContain("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
		assertThat(s3.requests().operations()).as("no object written or deleted (a HeadObject may tell an unchanged "
				+ "value from a new one)").doesNotContain("PutObject", "DeleteObject", "DeleteObjects", "CopyObject",
						"CreateMultipartUpload");
		assertThat(s3.keys()).containsExactlyElementsOf(objects);
		assertThat(fresh.getId()).as("the generated id is taken back").isNull();
		assertThat(fresh.getVersion()).isNull();
		assertThat(kept.getVersion()).as("the version stamped by the update is put back").isEqualTo(1L);
		assertThat(this.inspector.query(Ledger.class).all()).singleElement()
			.satisfies((ledger) -> assertThat(ledger.getName()).isEqualTo("kept"));
		assertThat(this.inspector.loadBlobs(this.inspector.getById(Receipt.class, "r1")).text())
			.isEqualTo("first text");
		assertThat(this.inspector.loadBlobs(this.inspector.getById(Receipt.class, "r2")).text())
			.isEqualTo("to be deleted");
		assertThat(this.inspector.findById(Receipt.class, "r3")).isEmpty();
	}

	@Test
	void aCancelledCommitOfOperationsOfEveryKindWritesNothingAndKeepsEveryObject() {
		Receipt restored = this.receipts.create(new Receipt("r1", null, "one"));
		this.receipts.update(restored.withText("two"));
		this.receipts.create(new Receipt("r2", null, "kept"));
		Ledger removed = this.ledgers.create(new Ledger("removed by id"));
		Ledger checked = this.ledgers.create(new Ledger("checked"));
		Ledger stale = this.ledgers.create(new Ledger("stale"));
		Ledger newer = this.inspector.getById(Ledger.class, stale.getId());
		newer.setName("changed by another writer");
		this.inspector.update(newer);
		List<String> objects = s3.keys();
		assertThat(objects).hasSize(3);
		s3.requests().reset();
		dynamo.requests().reset();

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.service.run(() -> {
			this.receipts.restoreVersion(Receipt.class, "r1", 1);
			this.receipts.deleteById(Receipt.class, "r2");
			this.ledgers.deleteAllById(Ledger.class, List.of(removed.getId()));
			this.ledgers.transaction((tx) -> tx.requireExists(Ledger.class, checked.getId()));
			stale.setName("based on the first version");
			return this.ledgers.update(stale);
		})).satisfies((ex) -> assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.operation()).isEqualTo("update");
			assertThat(failure.entityType()).isEqualTo(Ledger.class);
			assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.VERSION_CONFLICT);
		}));

		assertThat(dynamo.requests().count("TransactWriteItems")).as("one commit, cancelled").isEqualTo(1);
		assertThat(s3.requests().operations()).doesNotContain("PutObject", "DeleteObject", "DeleteObjects");
		assertThat(s3.keys()).containsExactlyElementsOf(objects);
		assertThat(stale.getVersion()).as("the version the update stamped is put back").isEqualTo(1L);
		Receipt latest = this.inspector.getById(Receipt.class, "r1");
		assertThat(latest.version()).isEqualTo(2L);
		assertThat(this.inspector.loadBlobs(latest).text()).isEqualTo("two");
		assertThat(this.inspector.loadBlobs(this.inspector.getById(Receipt.class, "r2")).text()).isEqualTo("kept");
		assertThat(this.inspector.findById(Ledger.class, removed.getId())).isPresent();
		assertThat(this.inspector.getById(Ledger.class, stale.getId()).getName())
			.isEqualTo("changed by another writer");
	}

	@Test
	void aCommittedDeleteOfABlobTypeRemovesItsObjectsAfterTheCommit() {
		this.receipts.create(new Receipt("r1", null, "kept"));
		this.receipts.create(new Receipt("r2", null, "deleted"));
		dynamo.requests().reset();

		this.service.run(() -> {
			this.receipts.deleteById(Receipt.class, "r2");
			this.ledgers.create(new Ledger("with the delete"));
			assertThat(s3.keys()).as("nothing deleted before the commit").hasSize(2);
			return null;
		});

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.inspector.findById(Receipt.class, "r2")).isEmpty();
		assertThat(s3.keys()).as("the deleted receipt's objects are gone").singleElement().asString()
			.startsWith("pre/Receipt/r1/");
	}

	@Test
	void templateTransactionsInsideATransactionalMethodJoinItAndCommitWithIt() {
		this.service.run(() -> {
			this.ledgers.transaction((tx) -> tx.create(new Ledger("one")));
			this.receipts.transaction((tx) -> {
				tx.create(new Receipt("r1", null, "text"));
				this.ledgers.create(new Ledger("two"));
			});
			assertThat(dynamo.requests().count("TransactWriteItems")).as("the template transactions joined")
				.isZero();
			return null;
		});

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(4);
		assertThat(this.inspector.query(Ledger.class).all()).hasSize(2);
		assertThat(this.inspector.findById(Receipt.class, "r1")).isPresent();
	}

	@Test
	void aFailedTemplateTransactionInsideATransactionalMethodRollsBackTheWholeOfIt() {
		assertThatExceptionOfType(UnexpectedRollbackException.class).isThrownBy(() -> this.service.run(() -> {
			this.ledgers.create(new Ledger("outer"));
			assertThatIllegalStateException().isThrownBy(() -> this.receipts.transaction((tx) -> {
				tx.create(new Receipt("r1", null, "inner"));
				throw new IllegalStateException("inner fails");
			}));
			return null;
		}));

		assertThat(dynamo.requests().count("TransactWriteItems")).isZero();
		assertThat(this.inspector.query(Ledger.class).all()).isEmpty();
		assertThat(this.inspector.findById(Receipt.class, "r1")).isEmpty();
		assertThat(s3.keys()).isEmpty();
	}

	@Test
	void requiresNewOnOneTemplateCommitsOnItsOwnWhileTheOuterMethodRollsBack() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.run(() -> {
			this.ledgers.create(new Ledger("outer, rolled back"));
			this.context.getBean(Inner.class).requiresNew(() -> {
				this.receipts.create(new Receipt("r1", null, "inner, committed"));
				this.receipts.transaction((tx) -> tx.create(new Receipt("r2", null, "joins the inner one")));
			});
			assertThat(dynamo.requests().count("TransactWriteItems")).as("the inner one committed").isEqualTo(1);
			throw new IllegalStateException("outer fails");
		}));

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.inspector.query(Ledger.class).all()).isEmpty();
		assertThat(this.inspector.query(Receipt.class).all()).extracting(Receipt::id)
			.containsExactlyInAnyOrder("r1", "r2");
		assertThat(s3.keys()).hasSize(2)
			.anySatisfy((key) -> assertThat(key).startsWith("pre/Receipt/r1/"))
			.anySatisfy((key) -> assertThat(key).startsWith("pre/Receipt/r2/"));
	}

	@Test
	void aReadOnlyMethodRefusesTheWritesOfBothTemplatesAndSendsNothing() {
		Ledger existing = this.ledgers.create(new Ledger("existing"));
		dynamo.requests().reset();

		this.service.readOnly(() -> {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.ledgers.create(new Ledger("refused")))
				.withMessageContaining("read-only");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.receipts.deleteById(Receipt.class, "r1"))
				.withMessageContaining("read-only");
			assertThat(this.ledgers.getById(Ledger.class, existing.getId()).getName()).as("reads still work")
				.isEqualTo("existing");
		});

		assertThat(dynamo.requests().operations()).containsOnly("GetItem");
		assertThat(this.inspector.query(Ledger.class).all()).hasSize(1);
	}

	@Test
	void theSelectingAnnotationRunsInTheManagerBuiltOnTheFactory() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.selected(() -> {
			this.ledgers.create(new Ledger("rolled back"));
			this.receipts.create(new Receipt("r1", null, "rolled back"));
			throw new IllegalStateException("fails");
		}));
		this.service.selected(() -> this.receipts.create(new Receipt("r2", null, "committed")));

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.inspector.query(Ledger.class).all()).isEmpty();
		assertThat(this.inspector.query(Receipt.class).all()).extracting(Receipt::id).containsExactly("r2");
	}

	// ---- templates of factories of their own -------------------------------------------------------------

	@Test
	void templatesBuiltFromTheClientAndTableNameDoNotJoinEachOthersTransactions() {
		SingleTableTemplate first = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableTemplate second = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		assertThat(first.getDatabaseFactory()).isNotSameAs(second.getDatabaseFactory());

		new TransactionTemplate(new SingleTableTransactionManager(first.getDatabaseFactory()))
			.executeWithoutResult((status) -> {
				first.create(new Ledger("first: collected, rolled back"));
				second.create(new Ledger("second: sent at once"));
				second.transaction((tx) -> tx.create(new Ledger("second's own transaction: committed")));
				this.ledgers.create(new Ledger("the context's factory: sent at once"));
				assertThat(this.inspector.query(Ledger.class).all()).as("sent at once").hasSize(3);
				status.setRollbackOnly();
			});

		assertThat(this.inspector.query(Ledger.class).all()).extracting(Ledger::getName)
			.containsExactlyInAnyOrder("second: sent at once", "second's own transaction: committed",
					"the context's factory: sent at once");
	}

	@Test
	void aTransactionalMethodDoesNotCollectTheWritesOfATemplateOnAnotherFactory() {
		SingleTableTemplate elsewhere = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThatIllegalStateException().isThrownBy(() -> this.service.run(() -> {
			this.ledgers.create(new Ledger("collected, rolled back"));
			elsewhere.create(new Ledger("another factory: stored"));
			throw new IllegalStateException("fails");
		}));

		assertThat(this.inspector.query(Ledger.class).all()).extracting(Ledger::getName)
			.containsExactly("another factory: stored");
	}

	@Test
	void aTemplateRefusesTheManagerOfAnotherFactoryNamingBoth() {
		SingleTableTransactionManager own = this.context.getBean(SingleTableTransactionManager.class);
		SingleTableTemplate elsewhere = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThatIllegalArgumentException().isThrownBy(() -> elsewhere.setTransactionManager(own))
			.withMessageContaining(dynamo.tableName())
			.withMessageContaining("getDatabaseFactory()");
		this.receipts.setTransactionManager(own);
		this.receipts.transaction((tx) -> tx.create(new Receipt("r1", null, "through the context's manager")));
		assertThat(this.inspector.findById(Receipt.class, "r1")).isPresent();
	}

	// ---- the context -------------------------------------------------------------------------------------

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class Config {

		@Bean
		SingleTableDatabaseFactory databaseFactory() {
			return SingleTableDatabaseFactory.create(dynamo.client(), dynamo.tableName());
		}

		@Bean
		SingleTableTemplate ledgers(SingleTableDatabaseFactory databaseFactory) {
			return new SingleTableTemplate(databaseFactory,
					new MappingSingleTableConverter(new SingleTableMappingContext()));
		}

		@Bean
		SingleTableTemplate receipts(SingleTableDatabaseFactory databaseFactory) {
			SingleTableTemplate template = new SingleTableTemplate(databaseFactory,
					new MappingSingleTableConverter(new SingleTableMappingContext()));
			template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "pre",
					template.getConverter().getJsonMapper()));
			return template;
		}

		@Bean
		SingleTableTransactionManager singleTableTransactionManager(SingleTableDatabaseFactory databaseFactory) {
			return new SingleTableTransactionManager(databaseFactory);
		}

		@Bean
		Inner inner() {
			return new Inner();
		}

		@Bean
		Service service() {
			return new Service();
		}

	}

	/**
	 * Runs work in transactions declared by annotations.
	 */
	static class Service {

		@Transactional
		public <R> R run(Supplier<R> work) {
			return work.get();
		}

		@Transactional(readOnly = true)
		public void readOnly(Runnable work) {
			work.run();
		}

		@SingleTableTransactional
		public void selected(Runnable work) {
			work.run();
		}

	}

	/**
	 * Runs work in a transaction of its own.
	 */
	static class Inner {

		@Transactional(propagation = Propagation.REQUIRES_NEW)
		public void requiresNew(Runnable work) {
			work.run();
		}

	}

	/**
	 * A versioned type with a blob property: each version's text is an object of its own.
	 */
	@SingleTableEntity(versioned = true)
	record Receipt(@Id String id, @Version Long version, @BlobField String text) {

		Receipt withText(String text) {
			return new Receipt(this.id, this.version, text);
		}

	}

	/**
	 * A mutable bean with an optimistic {@code @Version}: writes stamp it in place.
	 */
	@SingleTableEntity
	public static class Ledger {

		@Id
		private String id;

		@Version
		private Long version;

		private String name;

		public Ledger() {
		}

		Ledger(String name) {
			this.name = name;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public Long getVersion() {
			return this.version;
		}

		public void setVersion(Long version) {
			this.version = version;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
