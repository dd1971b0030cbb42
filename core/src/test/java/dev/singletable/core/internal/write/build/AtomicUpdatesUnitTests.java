package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plans of atomic updates ({@link AtomicUpdates.Update#plan}), driven by hand with canned answers: no server
 * and no client.
 */
class AtomicUpdatesUnitTests {

	private AtomicUpdates updates;

	private SingleTablePersistentEntity<Counter> metadata;

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.updates = new AtomicUpdates("plans", converter, new Timestamps());
		this.metadata = converter.getRequiredEntity(Counter.class);
	}

	@Test
	void anUpdateRejectedForAPropertyStoredAsNullReplacesTheNullAndSendsTheSameItemAgain() {
		List<Request> sent = new ArrayList<>();
		int[] transactions = { 0 };
		Step<Void> plan = this.updates.setUpdate(this.metadata, "tags", true, "a").plan("c");

		run(plan, (request) -> {
			sent.add(request);
			if (request instanceof Request.Transact) {
				return (transactions[0]++ == 0) ? Answer.failed(typeMismatch()) : Answer.of(null);
			}
			return Answer.of(UpdateItemResponse.builder().build());
		});

		assertThat(sent).hasSize(3);
		// the same item again, as a new transaction: the first was rejected, not lost
		Request.Transact first = (Request.Transact) sent.get(0);
		Request.Transact again = (Request.Transact) sent.get(2);
		assertThat(again.items()).isEqualTo(first.items());
		assertThat(again.clientRequestToken()).isNotEqualTo(first.clientRequestToken());
		assertThat(sent.get(1)).isInstanceOfSatisfying(Request.Conditional.class,
				(replace) -> assertThat(((UpdateItemRequest) replace.request()).conditionExpression())
					.startsWith("attribute_type("));
	}

	@Test
	void aRejectedUpdateWithNoNullToReplaceFailsNamingTheUpdateAndTheResource() {
		Step<Void> plan = this.updates.incrementUpdate(this.metadata, "count", 1).plan("c");

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> run(plan, (request) -> Answer.failed(typeMismatch())))
			.withMessageContaining("increment of 'count' of Counter 'c'");
	}

	@Test
	void anIncrementReadsItsCountersNewValueOnceTheUpdateIsWritten() {
		List<Request> sent = new ArrayList<>();

		Long value = run(this.updates.increment(this.metadata, "c", "count", 5), (request) -> {
			sent.add(request);
			if (request instanceof Request.Plain plain) {
				assertThat(((GetItemRequest) plain.request()).consistentRead()).isTrue();
				return Answer.of(GetItemResponse.builder().item(Map.of("count", AttributeValue.fromN("12"))).build());
			}
			return Answer.of(null);
		});

		assertThat(value).isEqualTo(12L);
		assertThat(sent).hasSize(2).first().isInstanceOf(Request.Transact.class);
	}

	private static InvalidDataAccessApiUsageException typeMismatch() {
		return new InvalidDataAccessApiUsageException("rejected", DynamoDbException.builder()
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorMessage("An operand in the update expression has an incorrect data type")
				.build())
			.build());
	}

	private static <R> R run(Step<R> plan, Function<Request, Answer> answers) {
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answered = new ArrayList<>();
			for (Request request : send.requests()) {
				answered.add(answers.apply(request));
			}
			step = send.then().apply(answered);
		}
		return ((Step.Done<R>) step).result();
	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
	record Counter(@Id String id, long count, Set<String> tags) {
	}

}
