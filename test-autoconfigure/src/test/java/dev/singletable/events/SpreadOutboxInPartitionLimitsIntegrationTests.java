package dev.singletable.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.PartitionThrottledException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;
import dev.singletable.test.autoconfigure.capacity.ThrottledWriters;
import dev.singletable.test.autoconfigure.capacity.ThrottledWriters.Outcome;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox with its statuses spread over shards, in DynamoDB's per-partition limits modelled in front of DynamoDB
 * Local (a partition serving 1/200 of DynamoDB's units) through the SDK's default retries: concurrent publications are
 * throttled on their shards' keys of the type index; each is stored once and read back once, or refused whole with a
 * {@link PartitionThrottledException} naming its shard's key and not stored; each shard's key takes a part of the
 * writes and the key of the unspread layout none.
 */
class SpreadOutboxInPartitionLimitsIntegrationTests {

	private static final int SHARDS = 4;

	private static final int THREADS = 4;

	private static final int PER_THREAD = 15;

	private static final String PUBLISHED = "_INTERNAL#EventPublication#PUBLISHED";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("outbox-spread-limits");

	private DynamoDbPartitionLimits limits;

	private DynamoDbClient client;

	private SingleTableEventPublicationRepository outbox;

	@BeforeEach
	void setUp() {
		this.limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient()).scaledDownBy(200);
		this.client = DynamoDbLocal.newClient(this.limits);
		this.outbox = new SingleTableEventPublicationRepository(new SingleTableTemplate(this.client,
				dynamo.tableName()), CompletionMode.UPDATE, SHARDS);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void throttledPublicationsAreEachStoredOnceOrRefusedWholeAndReadBackExactlyOverTheShards() throws Exception {
		PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("billing.on(Placed)");
		Outcome<TargetEventPublication> writes = ThrottledWriters.race(THREADS, PER_THREAD,
				(thread, i) -> TargetEventPublication.of(new Placed(thread + "-" + i), listener), this.outbox::create);
		Set<UUID> stored = writes.stored()
			.stream()
			.map(TargetEventPublication::getIdentifier)
			.collect(Collectors.toSet());
		assertThat(writes.refusals()).extracting(PartitionThrottledException::getPartitionKey)
			.allSatisfy((key) -> assertThat(key).startsWith(PUBLISHED + "#"));
		assertThat(stored).isNotEmpty();
		assertThat(this.limits.refusals("IndexWriteKeyRangeThroughputExceeded"))
			.as("publications throttled on their keys of the type index: %s", this.limits)
			.isPositive();

		// what was accepted is read once, what was refused is not stored at all
		List<UUID> read = this.outbox.findIncompletePublications()
			.stream()
			.map(TargetEventPublication::getIdentifier)
			.toList();
		assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
		ThrottledWriters.assertSpread(this.limits, "gsitype", PUBLISHED, SHARDS);

		int completed = 0;
		for (UUID id : stored) {
			try {
				this.outbox.markProcessing(id);
				this.outbox.markCompleted(id, Instant.now());
				completed++;
			}
			catch (PartitionThrottledException ex) {
				// left incomplete, to be resubmitted: still read below
			}
		}
		assertThat(this.outbox.countByStatus(Status.COMPLETED)).isEqualTo(completed);
		assertThat(this.outbox.findIncompletePublications()).hasSize(stored.size() - completed);
	}

	record Placed(String order) {
	}

}
