package dev.singletable.test.autoconfigure.capacity;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's batch writes ({@code putAll}) in the model of DynamoDB's partition limits: 30 items of one type,
 * whose one key of the type index serves 10 write units a second, come back partly unprocessed, and the template
 * sends those again until every item is written, each exactly once (the key billed once per item).
 */
class BatchWritesInPartitionLimitsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("batch-writes-limits");

	@Test
	void itemsLeftUnprocessedAreSentAgainUntilEachIsWrittenOnce() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(100);
		try (DynamoDbClient client = ModeledClients.client(limits, 1)) {
			SingleTableTemplate template = new SingleTableTemplate(client, dynamo.tableName());
			List<Pallet> pallets = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				pallets.add(new Pallet("p" + i, "x".repeat(300)));
			}

			List<Pallet> stored = template.putAll(pallets);

			List<String> ids = pallets.stream().map(Pallet::id).toList();
			assertThat(stored).extracting(Pallet::id).containsExactlyElementsOf(ids);
			assertThat(limits.refusals("IndexWriteKeyRangeThroughputExceeded"))
				.as("items the type's key had no units for were answered unprocessed")
				.isPositive();
			assertThat(limits.consumedWriteUnits("gsitype", "Pallet")).as("each item written once").isEqualTo(30);
			assertThat(new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName()).query(Pallet.class).all())
				.extracting(Pallet::id)
				.containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	@SingleTableEntity
	record Pallet(@Id String id, String label) {
	}

}
