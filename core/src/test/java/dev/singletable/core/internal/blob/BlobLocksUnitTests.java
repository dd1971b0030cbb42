package dev.singletable.core.internal.blob;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The plan that holds blob locks, run on scripted answers: how it takes a lock, waits for one another writer holds,
 * and gives it back. No server.
 */
class BlobLocksUnitTests {

	private static final Request WORK = new BlobRequest.ListBlobs("Folder", "f1");

	private BlobLocks locks;

	private BlobLocks.Resource resource;

	@BeforeEach
	void setUp() {
		this.locks = new BlobLocks("table");
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.resource = new BlobLocks.Resource(converter.getRequiredEntity(Folder.class), "f1");
	}

	@Test
	void aLockAnotherWriterHoldsIsAskedForAgainAfterAPauseThenTakenAndGivenBackAfterTheWork() {
		AtomicInteger acquisitions = new AtomicInteger();
		ConditionalCheckFailedException taken = ConditionalCheckFailedException.builder().message("taken").build();
		ScriptedDriver driver = new ScriptedDriver((request) -> (isAcquisition(request)
				&& acquisitions.incrementAndGet() == 1) ? Answer.failed(taken) : Answer.of(null));

		String result = driver.run(this.locks.holding(List.of(this.resource),
				(leases) -> Step.send(WORK, (answer) -> Step.done("done with " + leases.size()))));

		assertThat(result).isEqualTo("done with 1");
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(5);
		assertThat(isAcquisition(sent.get(0))).isTrue();
		assertThat(sent.get(1)).isInstanceOf(Request.Wait.class);
		assertThat(((Request.Wait) sent.get(1)).duration()).isLessThanOrEqualTo(Duration.ofMillis(5));
		assertThat(isAcquisition(sent.get(2))).isTrue();
		assertThat(sent.get(3)).isSameAs(WORK);
		DeleteItemRequest release = (DeleteItemRequest) ((Request.Conditional) sent.get(4)).request();
		assertThat(release.key()).isEqualTo(acquisition(sent.get(2)).key());
		// given back with the token of the attempt that took it
		assertThat(release.expressionAttributeValues().get(":token"))
			.isEqualTo(acquisition(sent.get(2)).expressionAttributeValues().get(":token"));
	}

	@Test
	void aLockHeldLongerThanTheWaitFailsWithAConflictAndTheWorkNeverRuns() {
		this.locks.setTimings(Duration.ofSeconds(60), Duration.ZERO);
		ConditionalCheckFailedException taken = ConditionalCheckFailedException.builder().message("taken").build();
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(taken));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> driver.run(this.locks.holding(List.of(this.resource),
					(leases) -> Step.send(WORK, (answer) -> Step.done(null)))))
			.withMessageContaining("Folder 'f1'");
		assertThat(driver.sent()).hasSize(1);
	}

	@Test
	void theLockIsGivenBackWhenTheWorkFailsAndTheFailureStays() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		assertThatIllegalStateException().isThrownBy(() -> driver.run(this.locks.holding(List.of(this.resource),
				(leases) -> Step.send(WORK, (answer) -> {
					throw new IllegalStateException("work failed");
				})))).withMessage("work failed");
		assertThat(driver.sent()).hasSize(3);
		assertThat(((Request.Conditional) driver.sent().get(2)).request()).isInstanceOf(DeleteItemRequest.class);
	}

	@Test
	void aLeaseThatRunsShortRefusesToSendItems() {
		this.locks.setTimings(Duration.ofNanos(1), Duration.ofSeconds(1));
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> driver.run(this.locks
			.holding(List.of(this.resource), (leases) -> Step.defer(() -> {
				BlobLocks.checkUsable(leases);
				return Step.done(null);
			}))));
		// given back all the same
		assertThat(driver.sent()).hasSize(2);
	}

	private static boolean isAcquisition(Request request) {
		return request instanceof Request.Conditional conditional && conditional.request() instanceof UpdateItemRequest;
	}

	private static UpdateItemRequest acquisition(Request request) {
		return (UpdateItemRequest) ((Request.Conditional) request).request();
	}

	@SingleTableEntity
	static class Folder {

		@Id
		public String id;

	}

}
