package dev.singletable.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.TransactionFixtures.Bin;
import dev.singletable.core.TransactionFixtures.Crate;
import dev.singletable.core.TransactionFixtures.Shelf;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;

import static dev.singletable.core.TransactionFixtures.documentAtVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Read transactions (from issue 14): one consistent snapshot of several types with their latest versions, at most 100
 * resources, types that are no entities refused before sending, and inside a write transaction a read of the store,
 * not of the pending writes.
 */
class ReadTransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	// ---- transactional reads ---------------------------------------------------------------------------

	@Test
	void aReadTransactionReturnsTheLatestVersionsAndRefusesTypesThatAreNoEntitiesBeforeSending() {
		Shelf shelf = this.template.update(this.template.create(new Shelf("rt-1", null, "a")).withLabel("b"));
		Crate crate = this.template.create(new Crate("rt-2", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Shelf.class, shelf.id());
			r.get(Shelf.class, shelf.id());
			r.get(Crate.class, crate.id());
			r.get(Crate.class, "rt-missing");
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(snapshot.get(Shelf.class, shelf.id())).contains(shelf);
		assertThat(snapshot.get(Crate.class, crate.id())).contains(crate);
		assertThat(snapshot.get(Crate.class, "rt-missing")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> snapshot.get(Shelf.class, "rt-other"))
			.withMessageContaining("was not read in this transaction");

		dynamo.requests().reset();
		List<Throwable> failures = new ArrayList<>();
		for (Runnable bad : List.<Runnable>of(() -> this.template.readTransaction((r) -> r.get(String.class, "x")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, "")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, null)))) {
			try {
				bad.run();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		assertThat(failures).hasSize(3);
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aReadTransactionIsOneConsistentSnapshotOfSeveralTypesWithTheirVersions() {
		Document document = documentAtVersion(this.template, 3);
		Note note = this.template.create(Note.of("compressed"));
		Bin bin = this.template.create(new Bin("snap", 4, Set.of("x"), List.of("l")));
		this.template.create(new Document("snap", null, null, null, "same id", null, null));
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Document.class, document.id());
			r.get(Note.class, note.id());
			r.get(Bin.class, bin.id());
			r.get(Document.class, "snap");
			r.get(Task.class, "absent");
			r.get(Note.class, "absent");
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(dynamo.requests().sent(TransactGetItemsRequest.class).get(0).transactItems()).hasSize(6);
		assertThat(snapshot.get(Document.class, document.id())).contains(document);
		assertThat(snapshot.get(Document.class, document.id()).orElseThrow().version()).isEqualTo(3);
		assertThat(snapshot.get(Note.class, note.id())).contains(note);
		assertThat(snapshot.get(Bin.class, bin.id())).contains(bin);
		assertThat(snapshot.get(Document.class, "snap")).get().extracting(Document::text).isEqualTo("same id");
		assertThat(snapshot.get(Task.class, "absent")).isEmpty();
		assertThat(snapshot.get(Note.class, "absent")).isEmpty();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> snapshot.get(Bin.class, "snap-other"));
	}

	@Test
	void aReadTransactionOfExactly100ResourcesIsOneRequestAnd101AreRefusedBeforeSending() {
		this.template.transaction((tx) -> {
			for (int i = 0; i < 50; i++) {
				tx.create(new Bin("read-" + i, i, Set.of("x"), List.of()));
			}
		});
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			for (int i = 0; i < 100; i++) {
				r.get(Bin.class, "read-" + i);
			}
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(snapshot.get(Bin.class, "read-49")).get().extracting(Bin::qty).isEqualTo(49L);
		assertThat(snapshot.get(Bin.class, "read-50")).isEmpty();

		dynamo.requests().reset();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.readTransaction((r) -> {
				for (int i = 0; i < 100; i++) {
					r.get(Bin.class, "read-" + i);
				}
				r.get(Document.class, "read-0");
			}))
			.withMessageContaining("at most 100")
			.withMessageContaining("101");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aReadTransactionInsideAWriteTransactionSeesTheStoreNotThePendingWrites() {
		Bin bin = this.template.create(new Bin("pending", 1, Set.of("x"), List.of()));
		AtomicReference<SingleTableSnapshot> seen = new AtomicReference<>();

		this.template.transaction((tx) -> {
			tx.increment(Bin.class, bin.id(), "qty", 1);
			tx.create(new Bin("pending-new", 1, Set.of("x"), List.of()));
			seen.set(this.template.readTransaction((r) -> {
				r.get(Bin.class, bin.id());
				r.get(Bin.class, "pending-new");
			}));
		});

		assertThat(seen.get().get(Bin.class, bin.id())).get().extracting(Bin::qty).isEqualTo(1L);
		assertThat(seen.get().get(Bin.class, "pending-new")).isEmpty();
		assertThat(this.template.getById(Bin.class, bin.id()).qty()).isEqualTo(2);
	}

}
