package dev.singletable.autoconfigure.events;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log levels of what change events run ({@link ChangeEventsLogDefaults}), on any store: the KCL's lease and leader
 * work and the adapter at WARN, the lock client's expected interruption at ERROR, the application's levels winning.
 */
class ChangeEventsLogDefaultsTests {

	@Test
	void theKclTheAdapterAndTheLockClientAreQuietOnAnyStore() {
		StandardEnvironment environment = new StandardEnvironment();
		// a packaged application on DynamoDB: no embedded server, so not the embedded development defaults
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("singletable.region", "eu-west-1")));

		new ChangeEventsLogDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.level.software.amazon.kinesis")).isEqualTo("WARN");
		assertThat(environment.getProperty("logging.level.com.amazonaws.services.dynamodbv2.streamsadapter"))
			.isEqualTo("WARN");
		assertThat(environment.getProperty("logging.level.com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient"))
			.isEqualTo("ERROR");
	}

	@Test
	void theApplicationsOwnLevelsWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("logging.level.software.amazon.kinesis", "INFO")));

		new ChangeEventsLogDefaults().postProcessEnvironment(environment, new SpringApplication());
		new ChangeEventsLogDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.level.software.amazon.kinesis")).isEqualTo("INFO");
		assertThat(environment.getPropertySources().stream()
			.filter((source) -> source.getName().equals(ChangeEventsLogDefaults.PROPERTY_SOURCE_NAME))).hasSize(1);
	}

}
