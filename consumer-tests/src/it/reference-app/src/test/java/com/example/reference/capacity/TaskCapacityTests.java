package com.example.reference.capacity;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.example.reference.tasks.Task;
import com.example.reference.tasks.TaskRepository;

import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest(properties = "singletable.table-name=capacity-tasks")
@Import(TaskCapacityTests.PartitionLimits.class)
class TaskCapacityTests {

	// each partition key value serves 10 write units a second: DynamoDB's 1,000 divided by 100
	static final DynamoDbPartitionLimits limits = DynamoDbPartitionLimits
		.of(SingleTableSchema.standard("capacity-tasks"))
		.scaledDownBy(100);

	@TestConfiguration(proxyBeanMethods = false)
	static class PartitionLimits {

		@Bean
		SingleTableDynamoDbClientBuilderCustomizer partitionLimits() {
			return limits::installOn;
		}

	}

	@Autowired
	TaskRepository tasks;

	@Test
	void everyTaskIsWrittenToOneKeyOfTheTypeIndex() {
		for (int i = 0; i < 30; i++) {
			tasks.save(new Task(null, null, "apollo", "ann", LocalDate.of(2026, 3, 2), "Task " + i, false));
		}

		assertThat(tasks.findByProject("apollo")).hasSize(30);   // the SDK's retries carried every write
		assertThat(limits.refusals("IndexWriteKeyRangeThroughputExceeded")).isPositive();
		assertThat(limits.consumedWriteUnits("gsitype", "Task")).isEqualTo(30);
	}

}
