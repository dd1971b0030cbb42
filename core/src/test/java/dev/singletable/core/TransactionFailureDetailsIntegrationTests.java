package dev.singletable.core;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.TransactionCancelledException.Failure;
import dev.singletable.core.TransactionCancelledException.Operation;
import dev.singletable.core.TransactionIntegrationTests.Inventory;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Transaction messages and failures against DynamoDB Local (from issue 23): the 100-item refusal names the items each
 * operation takes, each failed operation of a cancelled transaction names its kind as an enum, and {@code putAll}
 * refuses the types it cannot write with one exception.
 */
class TransactionFailureDetailsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void theHundredItemRefusalSaysWhichItemsEachOperationTakes() {
		// Document keeps at most 3 versions: its update to v5 writes v5 and v0; v2 is pruned after the commit, not in
		// the transaction
		Document document = this.template.create(Document.of("v1"));
		for (int i = 2; i <= 4; i++) {
			document = this.template.update(document.withText("v" + i));
		}
		Document atVersion4 = document;
		BackgroundCleanups.await();
		dynamo.requests().reset();

		InvalidDataAccessApiUsageException ex = catchThrowableOfType(InvalidDataAccessApiUsageException.class,
				() -> this.template.transaction((tx) -> {
					tx.update(atVersion4.withText("v5"));
					for (int i = 0; i < 49; i++) {
						tx.create(Document.of("many " + i));
					}
					tx.requireExists(Task.class, "the-101st");
				}));

		assertThat(ex).isNotNull();
		assertThat(ex.getMessage()).doesNotContain("\n")
			.contains("at most 100 items", "would hold 101",
					"update of Document '" + atVersion4.id() + "': 2 items (v5, v0)",
					"': 2 items (v1, v0)", "requireExists of Task 'the-101st': 1 item (check item)");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");
	}

	@Test
	void eachFailedOperationNamesItsKindAsAnEnum() {
		Inventory existing = this.template.create(new Inventory(null, 1));
		Document document = this.template.create(Document.of("first"));
		Document stale = this.template.create(Document.of("read"));
		this.template.update(stale.withText("changed meanwhile"));

		TransactionCancelledException ex = catchThrowableOfType(TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> {
					tx.create(new Inventory(existing.id(), 5));
					tx.increment(Inventory.class, "missing", "stock", 1);
					tx.requireVersion(document, 7);
					tx.update(stale.withText("stale"));
				}));

		assertThat(ex.getFailures()).extracting(Failure::operationType)
			.containsExactly(Operation.CREATE, Operation.INCREMENT, Operation.CONDITION_CHECK, Operation.UPDATE);
		// the method names stay as they were
		assertThat(ex.getFailures()).extracting(Failure::operation)
			.containsExactly("create", "increment", "requireVersion", "update");
	}

	@Test
	void operationNamesMapToTheirKinds() {
		assertThat(Operation.of("deleteVersion")).isEqualTo(Operation.DELETE);
		assertThat(Operation.of("requireAbsent")).isEqualTo(Operation.CONDITION_CHECK);
		assertThat(Operation.of("appendToList")).isEqualTo(Operation.APPEND_TO_LIST);
		assertThat(new Failure(0, "somethingElse", Task.class, "t", new NoSuchResourceException(Task.class, "t", null))
			.operationType()).isEqualTo(Operation.OTHER);
	}

	@Test
	void putAllRefusesEveryUnsupportedTypeWithOneExceptionNamingItAndWhatIsSupported() {
		dynamo.requests().reset();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.putAll(List.of(new Inventory("mixed-1", 1), Document.of("versioned"),
					"a string", new NotAnEntity("x"))))
			.withMessageContaining(Document.class.getName() + " (versioned")
			.withMessageContaining("java.lang.String (not a @SingleTableEntity)")
			.withMessageContaining(NotAnEntity.class.getName() + " (not a @SingleTableEntity)")
			.withMessageContaining("plain @SingleTableEntity types")
			.withMessageNotContaining(Inventory.class.getName());
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.putAll(List.of(new NotAnEntity("y"))))
			.withMessageContaining(NotAnEntity.class.getName() + " (not a @SingleTableEntity)");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.findById(Inventory.class, "mixed-1")).isEmpty();
	}

	@Test
	void putAllWritesSeveralPlainTypesInOneCall() {
		List<Object> stored = this.template.putAll(List.of(new Inventory("plain-1", 3), Task.of("plain", Task.Status.OPEN,
				"ann", null, 1)));

		assertThat(this.template.getById(Inventory.class, "plain-1").stock()).isEqualTo(3);
		assertThat(this.template.findById(Task.class, ((Task) stored.get(1)).id())).isPresent();
	}

	/** A record that is no entity. */
	record NotAnEntity(String name) {
	}

}
