package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.IncompleteBatchWriteException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The plan of batch writes ({@link BatchWrite}), driven with canned answers: chunks, unprocessed writes sent again
 * after a backoff, and what a failure names.
 */
class BatchWriteUnitTests {

	private static final String TABLE = "batches";

	@Test
	void unprocessedWritesAreSentAgainAfterABackoffUntilEveryWriteIsDone() {
		List<WriteRequest> writes = deletes(30);
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Backoff) {
				return Answer.of(null);
			}
			List<WriteRequest> sent = sent(request);
			// the first chunk's first attempt leaves its last two writes unprocessed
			boolean first = sent.size() == BatchWrite.CHUNK;
			return Answer.of(first ? unprocessed(sent.subList(sent.size() - 2, sent.size()))
					: BatchWriteItemResponse.builder().build());
		});

		driver.run(BatchWrite.confirmed(TABLE, writes, IncompleteBatchWriteException::new));

		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(4);
		assertThat(sent(sent.get(0))).isEqualTo(writes.subList(0, 25));
		assertThat(sent.get(1)).isEqualTo(new Request.Backoff(2, "unprocessed"));
		assertThat(sent(sent.get(2))).isEqualTo(writes.subList(23, 25));
		assertThat(sent(sent.get(3))).isEqualTo(writes.subList(25, 30));
	}

	@Test
	void aFailedChunkStopsTheChunksNotStartedAndEveryWriteNotConfirmedIsNamed() {
		List<WriteRequest> writes = deletes(75);
		List<Integer> sizes = new ArrayList<>();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Backoff) {
				return Answer.of(null);
			}
			sizes.add(sent(request).size());
			return (sizes.size() == 2) ? Answer.failed(new TransientDataAccessResourceException("connection reset"))
					: Answer.of(BatchWriteItemResponse.builder().build());
		});

		IncompleteBatchWriteException failure = catchThrowableOfType(IncompleteBatchWriteException.class,
				() -> driver.run(BatchWrite.confirmed(TABLE, writes, IncompleteBatchWriteException::new)));

		assertThat(sizes).containsExactly(25, 25);
		assertThat(failure.getTotal()).isEqualTo(75);
		assertThat(failure.getCause()).hasMessage("connection reset");
		Set<String> remaining = new HashSet<>();
		failure.getRemainingKeys().forEach((key) -> remaining.add(key.get("pk").s()));
		assertThat(remaining).hasSize(50).contains("Task#25", "Task#49", "Task#50", "Task#74").doesNotContain("Task#0");
	}

	@Test
	void writesStillUnprocessedAfterTheLastAttemptFailTheirChunkNamingThem() {
		List<WriteRequest> writes = deletes(3);
		// the last write is never processed
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Backoff) ? Answer.of(null)
				: Answer.of(unprocessed(List.of(writes.get(2)))));

		IncompleteBatchWriteException failure = catchThrowableOfType(IncompleteBatchWriteException.class,
				() -> driver.run(BatchWrite.confirmed(TABLE, writes, IncompleteBatchWriteException::new)));

		assertThat(driver.sent(Request.Plain.class)).hasSize(BatchWrite.MAX_ATTEMPTS);
		assertThat(driver.sent(Request.Backoff.class)).hasSize(BatchWrite.MAX_ATTEMPTS - 1);
		assertThat(failure.getCause()).isInstanceOf(TransientDataAccessResourceException.class);
		assertThat(failure.getRemainingKeys()).containsExactly(Map.of("pk", AttributeValue.fromS("Task#2"), "sk",
				AttributeValue.fromS("v0")));
	}

	@Test
	void nothingToWriteSendsNothing() {
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			throw new AssertionError("sent " + request);
		});

		driver.run(BatchWrite.confirmed(TABLE, List.of(), IncompleteBatchWriteException::new));

		assertThat(driver.sent()).isEmpty();
	}

	private static List<WriteRequest> deletes(int count) {
		List<WriteRequest> writes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			writes.add(WriteRequest.builder()
				.deleteRequest(DeleteRequest.builder()
					.key(Map.of("pk", AttributeValue.fromS("Task#" + i), "sk", AttributeValue.fromS("v0")))
					.build())
				.build());
		}
		return writes;
	}

	private static List<WriteRequest> sent(Request request) {
		BatchWriteItemRequest batch = (BatchWriteItemRequest) ((Request.Plain) request).request();
		return batch.requestItems().get(TABLE);
	}

	private static BatchWriteItemResponse unprocessed(List<WriteRequest> writes) {
		return BatchWriteItemResponse.builder().unprocessedItems(Map.of(TABLE, List.copyOf(writes))).build();
	}

}
