package dev.singletable.events.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication.Status;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The partitions of the outbox's statuses: one per status unspread (the former layout), else one per shard, a
 * publication's shard fixed by its identifier, and reads of a spread status naming the former key too.
 */
class PublicationShardsUnitTests {

	@Test
	void unspreadEachStatusHasTheOnePartitionOfTheFormerLayout() {
		UUID id = UUID.randomUUID();
		assertThat(PublicationShards.NONE.partition(Status.PUBLISHED, id).s())
			.isEqualTo("_INTERNAL#EventPublication#PUBLISHED");
		assertThat(PublicationShards.NONE.archive(id).s()).isEqualTo("_INTERNAL#EventPublication#ARCHIVED");
		assertThat(PublicationShards.NONE.incomplete()).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#PUBLISHED", "_INTERNAL#EventPublication#PROCESSING",
					"_INTERNAL#EventPublication#FAILED", "_INTERNAL#EventPublication#RESUBMITTED");
		assertThat(PublicationShards.NONE.of(Status.COMPLETED)).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#COMPLETED", "_INTERNAL#EventPublication#ARCHIVED");
	}

	@Test
	void aSpreadStatusIsReadInEveryShardAndInTheFormerPartition() {
		PublicationShards shards = new PublicationShards(4);
		assertThat(shards.of(Status.FAILED)).extracting(AttributeValue::s)
			.containsExactly("_INTERNAL#EventPublication#FAILED", "_INTERNAL#EventPublication#FAILED#0",
					"_INTERNAL#EventPublication#FAILED#1", "_INTERNAL#EventPublication#FAILED#2",
					"_INTERNAL#EventPublication#FAILED#3");
		assertThat(shards.incomplete()).hasSize(4 * 5);
		assertThat(shards.completed()).extracting(AttributeValue::s)
			.contains("_INTERNAL#EventPublication#COMPLETED", "_INTERNAL#EventPublication#COMPLETED#3",
					"_INTERNAL#EventPublication#ARCHIVED", "_INTERNAL#EventPublication#ARCHIVED#0")
			.hasSize(2 * 5);
	}

	@Test
	void aPublicationKeepsItsShardAtEveryStatusAndRandomIdentifiersUseEveryShard() {
		PublicationShards shards = new PublicationShards(8);
		Set<Integer> used = new HashSet<>();
		for (int i = 0; i < 400; i++) {
			UUID id = UUID.randomUUID();
			int shard = shards.shard(id);
			assertThat(shard).isBetween(0, 7);
			used.add(shard);
			for (Status status : Status.values()) {
				assertThat(shards.partition(status, id).s()).endsWith("#" + status.name() + "#" + shard);
			}
			assertThat(shards.archive(id).s()).isEqualTo("_INTERNAL#EventPublication#ARCHIVED#" + shard);
		}
		assertThat(used).hasSize(8);
	}

	@Test
	void theNumberOfShardsIsRefusedOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PublicationShards(0))
			.withMessageContaining("between 1 and 64");
		assertThatIllegalArgumentException().isThrownBy(() -> new PublicationShards(65))
			.withMessageContaining("but were 65");
	}

}
