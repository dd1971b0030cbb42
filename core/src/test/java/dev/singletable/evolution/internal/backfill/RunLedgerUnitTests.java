package dev.singletable.evolution.internal.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.evolution.internal.backfill.RunLedger.Segment;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plans of a backfill run's ledger and the run's capacity-limited requests, on scripted answers: a segment is
 * claimed with one conditional update that answers it as stored, or nothing when another instance holds it; the
 * run's requests wait for the limiter and pay what they consumed. No server.
 */
class RunLedgerUnitTests {

	private static final String TABLE = "ledger";

	private final RunLedger ledger = new RunLedger(TABLE, "r1");

	@Test
	void aSegmentIsClaimedWithOneConditionalUpdateAnsweringItAsStored() {
		Map<String, AttributeValue> checkpoint = Map.of("pk", AttributeValue.fromS("Ticket#7"), "sk",
				AttributeValue.fromS("v0"));
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder()
			.attributes(Map.of("pk", AttributeValue.fromS("_INTERNAL#Backfill#r1"), "sk",
					AttributeValue.fromS("segment#0000003"), "owner", AttributeValue.fromS("me"), "lease_until",
					AttributeValue.fromN("2000"), "checkpoint", AttributeValue.fromM(checkpoint), "items",
					AttributeValue.fromN("100"), "owners", AttributeValue.fromSs(List.of("other", "me"))))
			.build()));

		Segment claimed = driver.run(this.ledger.claim(3, "me", 1000, 2000));

		assertThat(claimed).isEqualTo(new Segment(3, "me", 2000, checkpoint, false, 100, 0, List.of("other", "me")));
		assertThat(driver.sent()).hasSize(1);
		UpdateItemRequest update = (UpdateItemRequest) driver.sent(Request.Conditional.class).get(0).request();
		assertThat(update.tableName()).isEqualTo(TABLE);
		assertThat(update.key()).isEqualTo(Map.of("pk", AttributeValue.fromS("_INTERNAL#Backfill#r1"), "sk",
				AttributeValue.fromS("segment#0000003")));
		assertThat(update.conditionExpression()).isEqualTo("(attribute_not_exists(#owner) OR #lease < :now OR "
				+ "#owner = :me) AND (attribute_not_exists(#done) OR #done = :false)");
		assertThat(update.expressionAttributeValues()).containsEntry(":me", AttributeValue.fromS("me"))
			.containsEntry(":now", AttributeValue.fromN("1000"))
			.containsEntry(":until", AttributeValue.fromN("2000"));
		assertThat(update.returnValues()).isEqualTo(ReturnValue.ALL_NEW);
		assertThat(update.returnConsumedCapacity()).isEqualTo(ReturnConsumedCapacity.TOTAL);
	}

	@Test
	void aSegmentHeldByAnotherInstanceOrDoneIsNotClaimedAndAnotherFailureIsThrown() {
		ScriptedDriver held = new ScriptedDriver((request) -> Answer
			.failed(ConditionalCheckFailedException.builder().message("The conditional request failed").build()));
		assertThat(held.run(this.ledger.claim(3, "me", 1000, 2000))).isNull();

		TransientDataAccessResourceException throttled = new TransientDataAccessResourceException("throttled");
		ScriptedDriver failing = new ScriptedDriver((request) -> Answer.failed(throttled));
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> failing.run(this.ledger.claim(3, "me", 1000, 2000)))
			.isSameAs(throttled);
	}

	@Test
	void checkpointsRenewalsAndReleasesAreConditionedOnTheLeaseAndAnswerWhetherItWasStillHeld() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer
			.failed(ConditionalCheckFailedException.builder().message("The conditional request failed").build()));

		assertThat(driver.run(this.ledger.renew(3, "me", 5000))).isFalse();
		assertThat(driver.run(this.ledger.finish(3, "me", 10, 4))).isFalse();

		assertThat(driver.sent(Request.Conditional.class)).hasSize(2).allSatisfy((sent) -> {
			UpdateItemRequest update = (UpdateItemRequest) sent.request();
			assertThat(update.conditionExpression()).isEqualTo("#owner = :me");
			assertThat(update.expressionAttributeValues()).containsEntry(":me", AttributeValue.fromS("me"));
		});
	}

	@Test
	void theRunsRequestsPayWhatTheyConsumedAndAFailedConditionOneUnit() {
		BackfillProgress progress = new BackfillProgress(plan(), null);
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Plain) {
				return Answer.of(GetItemResponse.builder()
					.consumedCapacity(ConsumedCapacity.builder().capacityUnits(0.5).build())
					.build());
			}
			return Answer.failed(ConditionalCheckFailedException.builder().message("failed").build());
		});
		RunRequests requests = new RunRequests(driver::run, TABLE, new CapacityLimiter(0), progress);

		assertThat(requests.readAgain(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"))))
			.isNull();
		assertThat(requests.run(this.ledger.renew(3, "me", 5000))).isFalse();

		assertThat(progress.counts().capacity()).isEqualTo(1.5);
		GetItemRequest read = (GetItemRequest) driver.sent(Request.Plain.class).get(0).request();
		assertThat(read.consistentRead()).isTrue();
		assertThat(read.returnConsumedCapacity()).isEqualTo(ReturnConsumedCapacity.TOTAL);
	}

	@Test
	void aRequestWaitsWhileTheLimiterIsInDebtAndAnInterruptedWaitStopsTheRunUnsent() {
		CapacityLimiter limiter = new CapacityLimiter(10);
		limiter.pay(20);
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Wait)
				? Answer.failed(new TransientDataAccessResourceException("interrupted")) : Answer.of(null));
		RunRequests requests = new RunRequests(driver::run, TABLE, limiter, new BackfillProgress(plan(), null));

		assertThatExceptionOfType(RunRequests.RunStoppedException.class)
			.isThrownBy(() -> requests.run(this.ledger.renew(3, "me", 5000)));

		assertThat(driver.sent()).hasSize(1);
		Request.Wait wait = (Request.Wait) driver.sent().get(0);
		// 20 units of debt at 10 per second
		assertThat(wait.duration()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
	}

	private static BackfillPlan plan() {
		return new BackfillPlan("r1", "reindex", "Ticket", "Ticket", 4, false, 1, Duration.ofSeconds(30), 0,
				Duration.ZERO, 3, "me");
	}

}
