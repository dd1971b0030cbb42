package dev.singletable.events.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication.Status;

import dev.singletable.core.internal.item.KeyShards;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitions of the outbox's statuses: one per status unspread (the former layout), else one per shard, a
 * publication's shard fixed by its identifier, and reads of a spread status naming the former key too.
 */
class PublicationPartitionsUnitTests {

	@Test
	void unspreadEachStatusHasTheOnePartitionOfTheFormerLayout() {
		UUID id = UUID.randomUUID();
		assertThat(PublicationPartitions.NONE.partition(Status.PUBLISHED, id).s())
			.isEqualTo("_INTERNAL#EventPublication#PUBLISHED");
		assertThat(PublicationPartitions.NONE.archive(id).s()).isEqualTo("_INTERNAL#EventPublication#ARCHIVED");
		assertThat(PublicationPartitions.NONE.incomplete()).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#PUBLISHED", "_INTERNAL#EventPublication#PROCESSING",
					"_INTERNAL#EventPublication#FAILED", "_INTERNAL#EventPublication#RESUBMITTED");
		assertThat(PublicationPartitions.NONE.of(Status.COMPLETED)).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#COMPLETED", "_INTERNAL#EventPublication#ARCHIVED");
	}

	@Test
	void aSpreadStatusIsReadInEveryShardAndInTheFormerPartition() {
		PublicationPartitions partitions = new PublicationPartitions(new KeyShards(4));
		assertThat(partitions.of(Status.FAILED)).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#FAILED", "_INTERNAL#EventPublication#FAILED#0",
					"_INTERNAL#EventPublication#FAILED#1", "_INTERNAL#EventPublication#FAILED#2",
					"_INTERNAL#EventPublication#FAILED#3");
		assertThat(partitions.incomplete()).hasSize(4 * 5);
		assertThat(partitions.completed()).extracting(AttributeValue::s)
			.contains("_INTERNAL#EventPublication#COMPLETED", "_INTERNAL#EventPublication#COMPLETED#3",
					"_INTERNAL#EventPublication#ARCHIVED", "_INTERNAL#EventPublication#ARCHIVED#0")
			.hasSize(2 * 5);
	}

	@Test
	void aPublicationKeepsItsShardAtEveryStatusAndRandomIdentifiersUseEveryShard() {
		KeyShards shards = new KeyShards(8);
		PublicationPartitions partitions = new PublicationPartitions(shards);
		Set<Integer> used = new HashSet<>();
		for (int i = 0; i < 400; i++) {
			UUID id = UUID.randomUUID();
			int shard = shards.shard(id.toString());
			used.add(shard);
			for (Status status : Status.values()) {
				assertThat(partitions.partition(status, id).s()).endsWith("#" + status.name() + "#" + shard);
			}
			assertThat(partitions.archive(id).s()).isEqualTo("_INTERNAL#EventPublication#ARCHIVED#" + shard);
		}
		assertThat(used).hasSize(8);
	}

}
