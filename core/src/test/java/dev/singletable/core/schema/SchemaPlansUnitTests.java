package dev.singletable.core.schema;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plans of a table's administration run on scripted answers: what is described, created and updated, and how
 * the waits for a table and an index go. No server.
 */
class SchemaPlansUnitTests {

	private final SingleTableSchema schema = SingleTableSchema.standard("things");

	private final SchemaPlans plans = new SchemaPlans(this.schema);

	@Test
	void createsAMissingTableAndDescribesItEveryTwentySecondsUntilItIsActive() {
		Deque<Answer> descriptions = new ArrayDeque<>(List.of(
				Answer.failed(ResourceNotFoundException.builder().message("no table").build()),
				Answer.failed(ResourceNotFoundException.builder().message("not yet").build()),
				described(table(TableStatus.CREATING)), described(table(TableStatus.ACTIVE))));
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Plain plain && plain.request() instanceof DescribeTableRequest describe) {
				assertThat(describe.tableName()).isEqualTo("things");
				return descriptions.removeFirst();
			}
			return (request instanceof Request.Wait) ? Answer.of(null) : Answer.of(CreateTableResponse.builder().build());
		});
		assertThat(driver.run(this.plans.createIfMissing())).isTrue();
		assertThat(descriptions).isEmpty();
		assertThat(driver.sent()).hasSize(7);
		assertThat(driver.sent().get(1)).isEqualTo(new Request.Plain(this.schema.toCreateTableRequest()));
		assertThat(driver.sent(Request.Wait.class)).containsExactly(new Request.Wait(Duration.ofSeconds(20)),
				new Request.Wait(Duration.ofSeconds(20)));
	}

	@Test
	void leavesAnExistingTableAlone() {
		ScriptedDriver driver = new ScriptedDriver((request) -> described(table(TableStatus.ACTIVE)));
		assertThat(driver.run(this.plans.createIfMissing())).isFalse();
		assertThat(driver.sent()).hasSize(1);
		assertThat(driver.sent(Request.Plain.class)).noneMatch((plain) -> plain.request() instanceof CreateTableRequest);
	}

	@Test
	void addsTheMissingIndexesOneAtATimeWaitingUntilEachIsActive() {
		Deque<Answer> descriptions = new ArrayDeque<>(List.of(
				described(table(TableStatus.ACTIVE, index("gsitype", IndexStatus.ACTIVE), index("gsi1", IndexStatus.ACTIVE))),
				described(table(TableStatus.UPDATING, index("gsi2", IndexStatus.CREATING))),
				described(table(TableStatus.ACTIVE, index("gsi2", IndexStatus.ACTIVE))),
				described(table(TableStatus.ACTIVE, index("gsi2", IndexStatus.ACTIVE), index("gsi3", IndexStatus.ACTIVE)))));
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Plain plain && plain.request() instanceof DescribeTableRequest) {
				return descriptions.removeFirst();
			}
			return (request instanceof Request.Wait) ? Answer.of(null) : Answer.of(UpdateTableResponse.builder().build());
		});
		assertThat(driver.run(this.plans.createMissingIndexes())).containsExactly("gsi2", "gsi3");
		List<UpdateTableRequest> updates = driver.sent(Request.Plain.class)
			.stream()
			.map(Request.Plain::request)
			.filter(UpdateTableRequest.class::isInstance)
			.map(UpdateTableRequest.class::cast)
			.toList();
		assertThat(updates).extracting((update) -> update.globalSecondaryIndexUpdates().get(0).create().indexName())
			.containsExactly("gsi2", "gsi3");
		assertThat(updates.get(0).attributeDefinitions()).extracting((attribute) -> attribute.attributeName())
			.containsExactly("pk", "gsi2pk");
		assertThat(driver.sent(Request.Wait.class)).containsExactly(new Request.Wait(Duration.ofMillis(200)));
	}

	@Test
	void refusesToAddIndexesToATableThatDoesNotExist() {
		ScriptedDriver driver = new ScriptedDriver(
				(request) -> Answer.failed(ResourceNotFoundException.builder().message("no table").build()));
		assertThatExceptionOfType(TableSchemaException.class).isThrownBy(() -> driver.run(this.plans.createMissingIndexes()))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly("the table does not exist"));
		assertThat(driver.run(this.plans.findProblems())).containsExactly("the table does not exist");
	}

	private static Answer described(TableDescription table) {
		return Answer.of(DescribeTableResponse.builder().table(table).build());
	}

	private static TableDescription table(TableStatus status, GlobalSecondaryIndexDescription... indexes) {
		return TableDescription.builder().tableName("things").tableStatus(status).globalSecondaryIndexes(indexes).build();
	}

	private static GlobalSecondaryIndexDescription index(String name, IndexStatus status) {
		return GlobalSecondaryIndexDescription.builder().indexName(name).indexStatus(status).build();
	}

}
