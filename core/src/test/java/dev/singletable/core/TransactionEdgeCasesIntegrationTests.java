package dev.singletable.core;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.contracts.Lease;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Edge cases of transactions: nested programmatic transactions, operations on one item that only
 * meet in the store, bad input, repositories inside transactions and Spring's rollback rules.
 */
class TransactionEdgeCasesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	// ---- programmatic transactions ---------------------------------------------------------------------

	@Test
	void templateWritesAndANestedTransactionInsideATransactionJoinItAndAnExceptionSendsNothing() {
		dynamo.requests().reset();

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Counter("outer", 1, "a"));
				this.template.transaction((inner) -> inner.create(new Counter("inner", 1, "a")));
				this.template.create(new Counter("direct", 1, "a"));
				throw new IllegalStateException("boom");
			}))
			.withMessage("boom");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.findById(Counter.class, "inner")).isEmpty();
		assertThat(this.template.findById(Counter.class, "direct")).isEmpty();
	}

	@Test
	void templateWritesAndANestedTransactionInsideATransactionAreSentWithItAsOneRequest() {
		List<String> afterCommit = new ArrayList<>();
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.create(new Counter("o1", 1, "a"));
			this.template.transaction((inner) -> inner.create(new Counter("i1", 1, "a")));
			this.template.create(new Counter("d1", 1, "a"));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					afterCommit.add(String.valueOf(TransactionEdgeCasesIntegrationTests.this.template
						.findById(Counter.class, "o1")
						.isPresent()));
				}
			});
			assertThat(dynamo.requests().total()).isZero();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "GetItem");
		assertThat(afterCommit).containsExactly("true");
		assertThat(this.template.findById(Counter.class, "i1")).isPresent();
		assertThat(this.template.findById(Counter.class, "d1")).isPresent();
	}

	// ---- two operations on one item --------------------------------------------------------------------

	@Test
	void aVersionedCreateAndADeleteByIdOfTheSameNewResourceFailBeforeSending() {
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Document("cd1", null, null, null, "x", null, null));
				tx.deleteById(Document.class, "cd1");
			}))
			.withMessageContaining("deleteById of Document 'cd1'")
			.withMessageContaining("create of Document 'cd1'")
			.withMessageContaining("Nothing was sent");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");
		assertThat(this.template.findById(Document.class, "cd1")).isEmpty();
	}

	@Test
	void aVersionedDeleteByIdInATransactionDeletesEveryVersionAndOfNothingStoredSucceeds() {
		Document document = this.template.create(Document.of("1"));
		this.template.update(document.withText("2"));

		this.template.transaction((tx) -> {
			tx.deleteById(Document.class, document.id());
			tx.deleteById(Document.class, "never-stored");
		});

		assertThat(dynamo.sortKeys("Document#" + document.id())).isEmpty();
	}

	@Test
	void idsWithHashesAreSeparateItemsInATransactionAndInASnapshot() {
		this.template.transaction((tx) -> {
			tx.create(new Counter("a#b", 1, "x"));
			tx.create(new Counter("a", 2, "y"));
			tx.create(new Document("a#b", null, null, null, "doc", null, null));
		});

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Counter.class, "a#b");
			r.get(Counter.class, "a");
			r.get(Document.class, "a#b");
		});

		assertThat(snapshot.get(Counter.class, "a#b")).get().extracting(Counter::n).isEqualTo(1L);
		assertThat(snapshot.get(Counter.class, "a")).get().extracting(Counter::n).isEqualTo(2L);
		assertThat(snapshot.get(Document.class, "a#b")).get().extracting(Document::version).isEqualTo(1);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.increment(Counter.class, "a#b", "n", 1);
				tx.deleteById(Counter.class, "a#b");
			}))
			.withMessageContaining("Counter 'a#b'");
	}

	@Test
	void aSnapshotHidesExpiredItemsAsFindByIdDoes() {
		Lease live = this.template.create(Lease.of("h", 1, Instant.now().plusSeconds(3600)));
		Lease expired = this.template.create(Lease.of("h", 2, Instant.now().minusSeconds(3600)));

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Lease.class, live.id());
			r.get(Lease.class, expired.id());
		});

		assertThat(snapshot.get(Lease.class, live.id())).isPresent();
		assertThat(snapshot.get(Lease.class, expired.id())).isEmpty();
		assertThat(this.template.findById(Lease.class, expired.id())).isEmpty();
		assertThat(dynamo.storedItem("Lease#" + expired.id(), "Lease#" + expired.id())).isNotEmpty();
	}

	@Test
	void compressedAndUncompressedTypesShareATransactionAndAStaleCompressedOneCancelsIt() {
		Note note = this.template.create(Note.of("first"));
		Snapshot snapshot = this.template.create(new Snapshot(null, null, null, "one", List.of(1.0), 3600L));
		Counter counter = this.template.create(new Counter("mixed", 1, "a"));
		dynamo.requests().reset();

		java.util.concurrent.atomic.AtomicReference<Note> updatedNote = new java.util.concurrent.atomic.AtomicReference<>();
		java.util.concurrent.atomic.AtomicReference<Snapshot> updatedSnapshot = new java.util.concurrent.atomic.AtomicReference<>();
		this.template.transaction((tx) -> {
			updatedNote.set(tx.update(note.withTitle("second")));
			updatedSnapshot.set(tx.update(snapshot.withLabel("two")));
			tx.increment(Counter.class, counter.id(), "n", 1);
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.template.getById(Note.class, note.id())).isEqualTo(updatedNote.get());
		assertThat(updatedNote.get().version()).isEqualTo(2L);
		assertThat(this.template.getById(Snapshot.class, snapshot.id())).isEqualTo(updatedSnapshot.get());

		TransactionCancelledException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				TransactionCancelledException.class, () -> this.template.transaction((tx) -> {
					tx.update(updatedNote.get().withTitle("third"));
					tx.update(snapshot.withLabel("stale"));
				}));

		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.entityType()).isEqualTo(Snapshot.class);
			assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.VERSION_CONFLICT);
		});
		assertThat(this.template.getById(Note.class, note.id()).title()).isEqualTo("second");
		assertThat(this.template.getById(Snapshot.class, snapshot.id()).label()).isEqualTo("two");
	}

	// ---- bad input -------------------------------------------------------------------------------------

	@Test
	void badAtomicInputInATransactionNamesTheTypeAndPropertyAndSendsNothing() {
		dynamo.requests().reset();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Counter.class, "a", "nope", 1)))
			.withMessageContaining("Counter has no property 'nope' to increment")
			.withMessageContaining("n")
			.withMessageContaining("label");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Counter.class, "a", null, 1)))
			.withMessageContaining("Counter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.addToSet(Counter.class, "a", null, "x")))
			.withMessageContaining("addToSet of Counter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.transaction((tx) -> tx.increment(Counter.class, "a", "label", 1)))
			.withMessageContaining("'label' of Counter is a String, not a number");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void anIncrementOfAStoredValueOfAnotherTypeIsRejectedNamingTheOperationAndNothingIsWritten() {
		this.template.create(new Counter("text-n", 1, "a"));
		this.template.create(new Counter("fine", 1, "a"));
		dynamo.rawClient()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Counter#text-n"), "sk", AttributeValue.fromS("Counter#text-n")))
				.updateExpression("SET n = :text")
				.expressionAttributeValues(Map.of(":text", AttributeValue.fromS("not a number"))));

		Throwable inTransaction = catchThrowable(() -> this.template.transaction((tx) -> {
			tx.increment(Counter.class, "fine", "n", 1);
			tx.increment(Counter.class, "text-n", "n", 1);
		}));
		Throwable alone = catchThrowable(() -> this.template.increment(Counter.class, "text-n", "n", 1));

		// DynamoDB reports it per item (a cancellation) or for the whole request (DynamoDB Local): either names it
		if (inTransaction instanceof TransactionCancelledException cancelled) {
			assertThat(cancelled.getFailures()).singleElement()
				.satisfies((failure) -> assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.REJECTED));
		}
		else {
			assertThat(inTransaction).isInstanceOf(InvalidDataAccessApiUsageException.class)
				.hasMessageContaining("increment of Counter 'text-n'")
				.hasMessageContaining("increment of Counter 'fine'")
				.hasMessageContaining("nothing was written");
		}
		assertThat(alone).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("increment of 'n' of Counter 'text-n'")
			.hasMessageContaining("nothing was written");
		assertThat(this.template.getById(Counter.class, "fine").n()).isEqualTo(1);
	}

	// ---- repositories and Spring rules -----------------------------------------------------------------

	@Test
	void repositoryWritesJoinTheTransactionAndDuplicateIdsAreDeletedOnce() {
		this.template.create(new Counter("r1", 1, "a"));
		this.template.create(new Counter("r2", 1, "a"));
		SimpleSingleTableRepository<Counter> counters = new SimpleSingleTableRepository<>(
				this.template.getConverter().getRequiredEntity(Counter.class), this.template);
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			counters.deleteAllById(List.of("r1", "r2", "r1"));
			counters.insert(new Counter("r3", 1, "a"));
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.template.findAllById(Counter.class, List.of("r1", "r2", "r3"))).extracting(Counter::id)
			.containsExactly("r3");
	}

	@Test
	void repositorySaveAllOfMoreThan100ItemsInATransactionFailsBeforeSendingNamingTheWrites() {
		SimpleSingleTableRepository<Document> documents = new SimpleSingleTableRepository<>(
				this.template.getConverter().getRequiredEntity(Document.class), this.template);
		List<Document> sixty = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			sixty.add(new Document("many-" + i, null, null, null, "x", null, null));
		}
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> documents.saveAll(sixty)))
			.withMessageContaining("at most 100 items")
			.withMessageContaining("create of Document 'many-50' (2)")
			.withMessageContaining("102");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aCheckedExceptionCommitsAndAnUncheckedOneRollsBackAsSpringDefines() throws Exception {
		Writer writer = transactional(new Writer(this.template));
		dynamo.requests().reset();

		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> writer.writeThenThrowChecked("c1"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> writer.writeThenThrowUnchecked("u1"));

		assertThat(dynamo.requests().count("TransactWriteItems") + dynamo.requests().count("PutItem")).isEqualTo(1);
		assertThat(this.template.findById(Counter.class, "c1")).isPresent();
		assertThat(this.template.findById(Counter.class, "u1")).isEmpty();
	}

	private Writer transactional(Writer target) {
		ProxyFactory proxy = new ProxyFactory(target);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice(new TransactionInterceptor(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()),
				new AnnotationTransactionAttributeSource(false)));
		return (Writer) proxy.getProxy();
	}

	/** A service whose methods run in Spring transactions. */
	static class Writer {

		private final SingleTableTemplate template;

		Writer(SingleTableTemplate template) {
			this.template = template;
		}

		@Transactional
		public void writeThenThrowChecked(String id) throws java.io.IOException {
			this.template.create(new Counter(id, 1, "a"));
			throw new java.io.IOException("checked");
		}

		@Transactional
		public void writeThenThrowUnchecked(String id) {
			this.template.create(new Counter(id, 1, "a"));
			throw new IllegalStateException("unchecked");
		}

	}

	/** A plain counter with a text property. */
	@SingleTableEntity
	record Counter(@Id String id, long n, String label) {
	}

}
