package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Per-type counts in {@code simplesingletable}'s {@code MemoryStats} row, kept in the same request as the creates
 * and deletes: one update of the row per request, the row created when missing, nothing counted when the request
 * fails.
 */
class TypeCountsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setTrackCounts(true);
	}

	@Test
	void countsAreOffByDefault() {
		SingleTableTemplate plain = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		dynamo.requests().reset();
		plain.create(new Box(null, null, "b"));
		assertThat(dynamo.requests().operations()).containsExactly("PutItem");
		assertThat(plain.countsByType()).isEmpty();
	}

	@Test
	void theFirstCountedWriteCreatesTheRowInThePythonLayoutAndLaterOnesAreOneTransaction() {
		dynamo.requests().reset();
		this.template.create(new Box(null, null, "one"));
		// the update's condition finds no row: the row is created and the request sent again
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "UpdateItem",
				"TransactWriteItems");

		dynamo.requests().reset();
		this.template.create(new Box(null, null, "two"));
		this.template.create(new Crate(null, null, 1, "c"));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(1).transactItems()).hasSize(3);

		assertThat(this.template.countsByType()).containsOnly(Map.entry("Box", 2L), Map.entry("Crate", 1L));
		Map<String, AttributeValue> row = dynamo.storedItem("_INTERNAL#MemoryStats", "_INTERNAL#MemoryStats");
		assertThat(row.get("resource_id").s()).isEqualTo("MemoryStats");
		assertThat(row.get("gsitype").s()).isEqualTo("MemoryStats");
		assertThat(row.get("counts_by_type").m().get("Box").n()).isEqualTo("2");
		assertThat(row).containsKeys("created_at", "updated_at", "gsitypesk");
	}

	@Test
	void aTransactionFoldsItsCreatesAndDeletesIntoOneUpdateOfTheRow() {
		Box old = this.template.create(new Box(null, null, "old"));
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.create(new Box(null, null, "a"));
			tx.create(new Box(null, null, "b"));
			tx.create(new Crate(null, null, 2, "c"));
			tx.delete(old);
		});

		TransactWriteItemsRequest sent = dynamo.requests().sent(TransactWriteItemsRequest.class).get(0);
		// two puts, v1 and v0 of the crate, the delete, and one update of the counts (Box +1, Crate +1)
		assertThat(sent.transactItems()).hasSize(6);
		assertThat(sent.transactItems().stream().filter((item) -> item.update() != null)).hasSize(1);
		assertThat(this.template.countsByType()).containsOnly(Map.entry("Box", 2L), Map.entry("Crate", 1L));
	}

	@Test
	void deletesCountDownAndADeleteOfNothingChangesNothing() {
		Box box = this.template.create(new Box(null, null, "b"));
		Box other = this.template.create(new Box(null, null, "o"));
		Crate crate = this.template.create(new Crate(null, null, 3, "c"));
		assertThat(this.template.deleteById(Box.class, box.id())).isTrue();
		assertThat(this.template.deleteById(Box.class, box.id())).isFalse();
		this.template.deleteAllById(Box.class, List.of(other.id(), "missing"));
		assertThat(this.template.deleteById(Crate.class, crate.id())).isTrue();
		assertThat(dynamo.sortKeys("Crate#" + crate.id())).isEmpty();
		assertThat(this.template.countsByType()).containsOnly(Map.entry("Box", 0L), Map.entry("Crate", 0L));
	}

	@Test
	void aFailedRequestCountsNothing() {
		Box box = this.template.create(new Box(null, null, "b"));
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Box(box.id(), null, "again")));
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Crate(null, null, 1, "c"));
				tx.update(new Box(box.id(), 7L, "stale"));
			}));
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));
		transactions.executeWithoutResult((status) -> {
			this.template.create(new Crate(null, null, 1, "rolled back"));
			status.setRollbackOnly();
		});
		assertThat(this.template.countsByType()).containsOnly(Map.entry("Box", 1L));
	}

	@Test
	void theCountsAreAddedToWhatThePythonLibraryKeeps() {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName())
			.item(Map.of("pk", AttributeValue.fromS("_INTERNAL#MemoryStats"), "sk",
					AttributeValue.fromS("_INTERNAL#MemoryStats"), "resource_id", AttributeValue.fromS("MemoryStats"),
					"counts_by_type", AttributeValue.fromM(Map.of("Box", AttributeValue.fromN("40"), "MemoryStats",
							AttributeValue.fromN("1"))))));
		dynamo.requests().reset();
		this.template.create(new Box(null, null, "b"));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.template.countsByType()).containsOnly(Map.entry("Box", 41L), Map.entry("MemoryStats", 1L));
	}

	@Test
	void putAllIsRefusedWhileCountsAreKept() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.putAll(List.of(new Box(null, null, "b"))))
			.withMessageContaining("counts");
	}

	@Test
	void theCountsItemIsReservedInTheHundredItemLimit() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				for (int i = 0; i < 100; i++) {
					tx.create(new Box(null, null, "b" + i));
				}
			}))
			.withMessageContaining("one of them the per-type counts");
		assertThat(this.template.countsByType()).isEmpty();
	}

	@SingleTableEntity
	record Box(@Id String id, @Version Long version, String label) {
	}

	@SingleTableEntity(versioned = true)
	record Crate(@Id String id, @Version Long version, int size, String label) {
	}

}
