package com.example.reference;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.test.autoconfigure.DataSingleTableTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client customizer of configuration.md reaches the auto-configured client.
 */
@DataSingleTableTest
@Import(StorageConfiguration.class)
class StorageConfigurationTests {

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void theCustomizerTunesTheClient() {
		assertThat(this.dynamoDb.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
			.contains(Duration.ofSeconds(10));
	}

}
