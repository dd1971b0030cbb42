package dev.singletable.test.autoconfigure.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;

import dev.singletable.core.PartitionThrottledException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type index spread over 4 shards in the model of DynamoDB's partition limits: at a scale where each key serves
 * one write in the test's time (1,000 / 100,000 units a second, a bucket of 0.01 units that one write puts 99
 * seconds in debt), without retries, a type on its one key takes one create and a spread type four, one on each
 * shard, each refusal a {@link PartitionThrottledException} naming the shard; the spread type's listing returns
 * exactly what was written.
 */
class SpreadTypeIndexInPartitionLimitsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("spread-type-index-limits");

	@Test
	void aTypeSpreadOverFourShardsTakesFourTimesTheCreatesOfATypeOnOneKey() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(100_000);
		try (DynamoDbClient client = ModeledClients.client(limits, 1)) {
			SingleTableTemplate template = new SingleTableTemplate(client, dynamo.tableName());

			Creates single = createAll(template, (i) -> new Depot("d" + i, "x".repeat(500)));
			Creates spread = createAll(template, (i) -> new Crate("c" + i, "x".repeat(500)));

			assertThat(single.admitted()).hasSize(1);
			assertThat(single.refusedOn()).containsOnlyKeys("Depot");
			assertThat(spread.admitted()).hasSize(4);
			assertThat(spread.refusedOn()).containsOnlyKeys("Crate#0", "Crate#1", "Crate#2", "Crate#3");
			assertThat(limits.consumedWriteUnits("gsitype", "Crate")).as("the type's own key takes no write").isZero();
			for (int shard = 0; shard < 4; shard++) {
				assertThat(limits.consumedWriteUnits("gsitype", "Crate#" + shard)).isEqualTo(1);
			}

			// the listing reads each of the 5 partitions once: every admitted create, none of the refused ones
			QueryPage<Crate> listed = template.query(Crate.class).page();
			assertThat(listed.items()).extracting(Crate::id).containsExactlyElementsOf(spread.admitted());
			assertThat(listed.nextCursor()).isNull();
		}
	}

	/** Creates 40 resources one after another, noting the ones admitted and the keys the others were refused on. */
	private static <T> Creates createAll(SingleTableTemplate template, java.util.function.IntFunction<T> resource) {
		List<String> admitted = new ArrayList<>();
		Map<String, Integer> refusedOn = new TreeMap<>();
		for (int i = 0; i < 40; i++) {
			T created;
			try {
				created = template.create(resource.apply(i));
			}
			catch (PartitionThrottledException ex) {
				assertThat(ex.getIndexName()).isEqualTo("gsitype");
				refusedOn.merge(ex.getPartitionKey(), 1, Integer::sum);
				continue;
			}
			admitted.add((created instanceof Crate crate) ? crate.id() : ((Depot) created).id());
		}
		return new Creates(admitted, refusedOn);
	}

	private record Creates(List<String> admitted, Map<String, Integer> refusedOn) {
	}

	@SingleTableEntity
	record Depot(@Id String id, String label) {
	}

	@SingleTableEntity(typeIndexShards = 4)
	record Crate(@Id String id, String label) {
	}

}
