package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code BatchGetItem} plan driven with canned answers: chunks, unprocessed keys sent again after a backoff, the
 * attempts running out.
 */
class BatchGetUnitTests {

	private static final String TABLE = "table";

	@Test
	void readsChunksOfAHundredKeysSideBySide() {
		List<Map<String, AttributeValue>> keys = keys(250);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(found(keysOf(request), List.of())));

		Map<String, Map<String, AttributeValue>> found = driver.run(BatchGet.of(TABLE, keys, true));

		assertThat(found).hasSize(250).containsKeys("k0", "k249");
		List<BatchGetItemRequest> sent = batchGets(driver);
		assertThat(sent).extracting((request) -> request.requestItems().get(TABLE).keys().size())
			.containsExactly(100, 100, 50);
		assertThat(sent).allMatch((request) -> request.requestItems().get(TABLE).consistentRead());
		assertThat(driver.sent()).hasSize(3);
	}

	@Test
	void sendsUnprocessedKeysAgainAfterABackoff() {
		List<Map<String, AttributeValue>> keys = keys(3);
		List<Integer> calls = new ArrayList<>();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Backoff) {
				return Answer.of(null);
			}
			List<Map<String, AttributeValue>> asked = keysOf(request);
			calls.add(asked.size());
			// the first answer reads one key and leaves two unprocessed
			return Answer.of((calls.size() == 1) ? found(asked.subList(0, 1), asked.subList(1, 3))
					: found(asked, List.of()));
		});

		Map<String, Map<String, AttributeValue>> found = driver.run(BatchGet.of(TABLE, keys, false));

		assertThat(found).containsOnlyKeys("k0", "k1", "k2");
		assertThat(calls).containsExactly(3, 2);
		assertThat(driver.sent(Request.Backoff.class)).containsExactly(new Request.Backoff(2, "unprocessed"));
		assertThat(driver.sent().get(1)).isInstanceOf(Request.Backoff.class);
	}

	@Test
	void failsWhenKeysStayUnprocessedAfterTheLastAttempt() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Backoff) ? Answer.of(null)
				: Answer.of(found(List.of(), keysOf(request))));

		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> driver.run(BatchGet.of(TABLE, keys(2), true)))
			.withMessageContaining("2 keys of table 'table' stayed unprocessed after 10 attempts");
		assertThat(batchGets(driver)).hasSize(BatchGet.MAX_ATTEMPTS);
		assertThat(driver.sent(Request.Backoff.class)).extracting(Request.Backoff::attempt)
			.containsExactlyElementsOf(IntStream.rangeClosed(2, BatchGet.MAX_ATTEMPTS).boxed().toList());
	}

	@Test
	void noKeysSendNothing() {
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			throw new AssertionError("nothing to send");
		});

		assertThat(driver.run(BatchGet.of(TABLE, List.of(), true))).isEmpty();
		assertThat(driver.sent()).isEmpty();
	}

	private static List<BatchGetItemRequest> batchGets(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (BatchGetItemRequest) plain.request()).toList();
	}

	private static List<Map<String, AttributeValue>> keysOf(Request request) {
		return ((BatchGetItemRequest) ((Request.Plain) request).request()).requestItems().get(TABLE).keys();
	}

	private static List<Map<String, AttributeValue>> keys(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> Map.of("pk", AttributeValue.fromS("k" + i), "sk", AttributeValue.fromS("k" + i)))
			.toList();
	}

	private static BatchGetItemResponse found(List<Map<String, AttributeValue>> items,
			List<Map<String, AttributeValue>> unprocessed) {
		BatchGetItemResponse.Builder response = BatchGetItemResponse.builder().responses(Map.of(TABLE, items));
		if (!unprocessed.isEmpty()) {
			response.unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(unprocessed).build()));
		}
		return response.build();
	}

}
