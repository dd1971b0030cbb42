package dev.singletable.autoconfigure.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.client.LocalEndpoints;

/**
 * Defaults of an application on the embedded DynamoDB Local (development and tests), added as the environment's
 * last property source, so that every property the application sets wins (its {@code application.properties}, a
 * test's properties, the command line, system properties):
 * <ul>
 * <li>change events tuned for a single worker on a local store ({@code singletable.changes.*}: leases assigned and
 * shards dispatched within about a second of the start, rather than the Kinesis Client Library's half a minute);</li>
 * <li>the chatter of the KCL, Amazon's DynamoDB Streams adapter and DynamoDB Local (its request log, Jetty, SQLite) at
 * WARN (DynamoDB Local's own at ERROR: it logs every refused conditional write with its stack trace) —
 * {@code logging.level.*} of the application win, and are read from the environment before the logging system is
 * initialised.</li>
 * </ul>
 * Decided from the environment alone, as the embedded server's condition is without the application's beans:
 * DynamoDB Local on the class path, and {@code singletable.embedded.enabled=true}, or that property unset while
 * neither {@code singletable.endpoint} nor {@code singletable.region} is set. An application that connects
 * elsewhere with a {@code DynamoDbClient} bean of its own while DynamoDB Local is on its class path gets them too:
 * set the properties (or {@code singletable.region}) to tell it otherwise.
 */
public final class EmbeddedDevelopmentDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source of the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "singletableEmbeddedDefaults";

	/** After the application's configuration files are read (ConfigDataEnvironmentPostProcessor). */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME) || !usesEmbedded(environment)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults()));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Whether the application uses the embedded DynamoDB Local, as far as its environment tells.
	 */
	static boolean usesEmbedded(ConfigurableEnvironment environment) {
		if (!ClassUtils.isPresent(EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER,
				EmbeddedDevelopmentDefaults.class.getClassLoader())) {
			return false;
		}
		Boolean enabled = environment.getProperty(EmbeddedDynamoDbLocalCondition.ENABLED_PROPERTY, Boolean.class);
		if (enabled != null) {
			return enabled;
		}
		return LocalEndpoints.nothingConfigured(environment, "Embedded DynamoDB Local",
				EmbeddedDynamoDbLocalCondition.ENABLED_PROPERTY, "singletable.endpoint", "singletable.region")
			.isMatch();
	}

	/**
	 * The defaults.
	 */
	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// change events: one worker on a local store, nobody to wait for
		defaults.put("singletable.changes.sync-shards-at-start", "true");
		defaults.put("singletable.changes.lease-assignment-interval", "100ms");
		defaults.put("singletable.changes.dispatch-interval", "50ms");
		defaults.put("singletable.changes.parent-shard-poll-interval", "100ms");
		defaults.put("singletable.changes.worker-metrics-interval", "100ms");
		defaults.put("singletable.changes.poll-interval", "100ms");
		defaults.put("singletable.changes.failover-time", "3s");
		// quiet: the KCL, the adapter, DynamoDB Local and its server
		defaults.put("logging.level.software.amazon.kinesis", "WARN");
		defaults.put("logging.level.com.amazonaws.services.dynamodbv2.streamsadapter", "WARN");
		defaults.put("logging.level.com.amazonaws.services.dynamodbv2.local", "ERROR");
		defaults.put("logging.level.org.eclipse.jetty", "WARN");
		defaults.put("logging.level.com.almworks.sqlite4java", "WARN");
		// the embedded S3 (S3Proxy, its shaded Jetty and CORS set-up), also when the test contexts share it
		defaults.put("logging.level.org.gaul", "WARN");
		// warnings that a single worker off EC2 always logs at its start: the adapter overriding two settings, no
		// EC2/ECS/EKS metadata for the worker's metrics, the leader's first assignment before the worker's first
		// metrics, and DynamoDB Local's SDK without JAXB
		defaults.put("logging.level.com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory", "ERROR");
		defaults.put("logging.level.software.amazon.kinesis.worker.WorkerMetricsSelector", "ERROR");
		defaults.put("logging.level.software.amazon.kinesis.coordinator.assignment.LeaseAssignmentManager", "ERROR");
		defaults.put("logging.level.com.amazonaws.util.Base64", "ERROR");
		return defaults;
	}

}
