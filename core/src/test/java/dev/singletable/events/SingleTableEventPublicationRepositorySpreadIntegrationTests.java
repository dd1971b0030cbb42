package dev.singletable.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The outbox with its statuses spread over shards of the type index, on DynamoDB Local: each publication sits in its
 * shard's partition of its status at every transition, every read of a status queries each shard and merges them
 * oldest first, and publications stored before the spread (one partition per status) are still read and moved to
 * their shard by their next transition.
 */
class SingleTableEventPublicationRepositorySpreadIntegrationTests {

	private static final String PREFIX = "_INTERNAL#EventPublication#";

	private static final PublicationTargetIdentifier LISTENER = PublicationTargetIdentifier.of("billing.on(Placed)");

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("outbox-spread");

	@Test
	void publicationsAreSpreadOverTheShardsOfTheirStatusAndReadBackExactlyOldestFirst() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableEventPublicationRepository outbox = new SingleTableEventPublicationRepository(template,
				CompletionMode.UPDATE, 4);
		List<TargetEventPublication> published = new ArrayList<>();
		Instant start = Instant.parse("2026-11-28T10:00:00Z");
		for (int i = 0; i < 40; i++) {
			published.add(outbox.create(TargetEventPublication.of(new Placed("o" + i), LISTENER,
					start.plusMillis(i))));
		}

		assertThat(partitions()).allMatch((partition) -> partition.matches(PREFIX + "PUBLISHED#[0-3]"))
			.hasSizeGreaterThan(1);
		assertThat(outbox.findIncompletePublications()).extracting(TargetEventPublication::getIdentifier)
			.containsExactlyElementsOf(published.stream().map(TargetEventPublication::getIdentifier).toList());
		assertThat(outbox.countByStatus(Status.PUBLISHED)).isEqualTo(40);

		UUID first = published.get(0).getIdentifier();
		outbox.markProcessing(first);
		outbox.markCompleted(first, Instant.now());
		UUID second = published.get(1).getIdentifier();
		outbox.markProcessing(second);
		outbox.markFailed(second);

		assertThat(outbox.countByStatus(Status.PUBLISHED)).isEqualTo(38);
		assertThat(outbox.findCompletedPublications()).extracting(TargetEventPublication::getIdentifier)
			.containsExactly(first);
		assertThat(outbox.findByStatus(Status.FAILED)).extracting(TargetEventPublication::getIdentifier)
			.containsExactly(second);
		assertThat(outbox.findIncompletePublications()).hasSize(39)
			.isSortedAccordingTo(Comparator.comparing(TargetEventPublication::getPublicationDate));
		assertThat(outbox.findIncompletePublicationsPublishedBefore(start.plusMillis(5))).hasSize(4);
	}

	@Test
	void publicationsStoredBeforeTheSpreadAreStillReadAndMovedToTheirShardByTheirNextTransition() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableEventPublicationRepository before = new SingleTableEventPublicationRepository(template,
				CompletionMode.UPDATE);
		Instant start = Instant.parse("2026-11-28T10:00:00Z");
		TargetEventPublication old = before.create(TargetEventPublication.of(new Placed("old"), LISTENER, start));
		assertThat(partitions()).containsExactly(PREFIX + "PUBLISHED");

		SingleTableEventPublicationRepository spread = new SingleTableEventPublicationRepository(template,
				CompletionMode.UPDATE, 8);
		TargetEventPublication fresh = spread.create(TargetEventPublication.of(new Placed("new"), LISTENER,
				start.plusSeconds(1)));
		assertThat(spread.findIncompletePublications()).extracting(TargetEventPublication::getIdentifier)
			.containsExactly(old.getIdentifier(), fresh.getIdentifier());
		assertThat(spread.countByStatus(Status.PUBLISHED)).isEqualTo(2);

		spread.markProcessing(old.getIdentifier());
		assertThat(partitions()).noneMatch((partition) -> partition.equals(PREFIX + "PUBLISHED")
				|| partition.equals(PREFIX + "PROCESSING"));
		spread.markCompleted(old.getIdentifier(), Instant.now());
		assertThat(spread.findCompletedPublications()).extracting(TargetEventPublication::getIdentifier)
			.containsExactly(old.getIdentifier());
		assertThat(spread.findIncompletePublications()).extracting(TargetEventPublication::getIdentifier)
			.containsExactly(fresh.getIdentifier());
	}

	@Test
	void aNumberOfShardsOutOfRangeIsRefused() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SingleTableEventPublicationRepository(template, CompletionMode.UPDATE, 0))
			.withMessageContaining("The event publications' shards is 0; use 1");
	}

	/** The type index partitions the table's publications sit in. */
	private static Set<String> partitions() {
		Set<String> partitions = new TreeSet<>();
		for (Map<String, AttributeValue> item : dynamo.rawClient()
			.scan(ScanRequest.builder().tableName(dynamo.tableName()).build())
			.items()) {
			if (item.get("pk").s().startsWith(PREFIX)) {
				partitions.add(item.get("gsitype").s());
			}
		}
		return partitions;
	}

	record Placed(String order) {
	}

}
