package dev.singletable.autoconfigure.events;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Log levels of what change events run, on any store (DynamoDB as well as the embedded DynamoDB Local), added as the
 * environment's last property source so that a {@code logging.level.*} of the application wins: the Kinesis Client
 * Library and Amazon's DynamoDB Streams adapter at WARN (at INFO they report their lease and leader work several times
 * a second, 195 lines in 30 s of an idle application), and the DynamoDB lock client of the KCL's leader election at
 * ERROR (it logs the interruption of its lock's heartbeat at shutdown, which is expected, as a WARN with a stack
 * trace). What changes for the application is still logged at INFO by singletable: the worker's start, and a
 * shard taken over by another worker. Applied when the KCL is on the class path.
 */
public final class ChangeEventsLogDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source of the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "singletableChangeEventsLogDefaults";

	/** After the application's configuration files are read (ConfigDataEnvironmentPostProcessor). */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)
				|| !ClassUtils.isPresent(SingleTableChangeEventsAutoConfiguration.KCL,
						ChangeEventsLogDefaults.class.getClassLoader())) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults()));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * The defaults.
	 */
	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("logging.level.software.amazon.kinesis", "WARN");
		defaults.put("logging.level.com.amazonaws.services.dynamodbv2.streamsadapter", "WARN");
		defaults.put("logging.level.com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient", "ERROR");
		return defaults;
	}

}
