package dev.singletable.autoconfigure.embedded;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.events.SingleTableChangeEventsAutoConfiguration;
import dev.singletable.autoconfigure.events.changes.ChangesApplication;
import dev.singletable.autoconfigure.events.changes.ChangesApplication.Tracker;
import dev.singletable.autoconfigure.events.changes.Parcel;
import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of an application on the embedded DynamoDB Local ({@link EmbeddedDevelopmentDefaults}): change events
 * from the first seconds, the KCL and DynamoDB Local quiet, the application's own settings winning. Speed is not
 * asserted here beyond a generous bound: the figures are in BENCHMARKS.md, section 12 (FirstEventBenchmark).
 */
class EmbeddedDevelopmentDefaultsTests {

	/** Before issue 49, the first change took 11 to 42 s, most of it the KCL's random wait on an empty lease table. */
	private static final Duration FIRST_EVENT_BOUND = Duration.ofSeconds(10);

	@Test
	void onTheEmbeddedDynamoDbLocalTheFirstChangeArrivesSoonAfterTheApplicationIsReadyAndTheKclIsQuiet()
			throws InterruptedException {
		try (ConfigurableApplicationContext context = application().run("--singletable.changes.enabled=true",
				"--singletable.table-name=" + TestTables.uniqueName("first-change"))) {
			long ready = System.nanoTime();
			context.getBean(SingleTableTemplate.class).create(new Parcel("first", null, "packed"));
			Tracker tracker = context.getBean(Tracker.class);
			long deadline = ready + FIRST_EVENT_BOUND.toNanos();
			while (tracker.changes().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(tracker.changes()).as("changes delivered within %s of the application being ready",
					FIRST_EVENT_BOUND)
				.singleElement()
				.satisfies((change) -> assertThat(change.id()).isEqualTo("first"));
			assertThat(context.getEnvironment().getProperty("singletable.changes.sync-shards-at-start", Boolean.class))
				.isTrue();
			LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
			assertThat(logging.getLoggerConfiguration("software.amazon.kinesis").getConfiguredLevel())
				.isEqualTo(LogLevel.WARN);
			assertThat(logging.getLoggerConfiguration("com.amazonaws.services.dynamodbv2.streamsadapter")
				.getConfiguredLevel()).isEqualTo(LogLevel.WARN);
			assertThat(logging.getLoggerConfiguration("org.eclipse.jetty").getConfiguredLevel())
				.isEqualTo(LogLevel.WARN);
			assertThat(logging.getLoggerConfiguration("com.amazonaws.services.dynamodbv2.local").getConfiguredLevel())
				.isEqualTo(LogLevel.ERROR);
		}
	}

	@Test
	void theApplicationsOwnLevelsAndTimingsWin() {
		try (ConfigurableApplicationContext context = application().run(
				"--logging.level.software.amazon.kinesis=INFO", "--singletable.changes.poll-interval=300ms",
				"--singletable.table-name=" + TestTables.uniqueName("own-levels"))) {
			LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
			assertThat(logging.getLoggerConfiguration("software.amazon.kinesis").getConfiguredLevel())
				.isEqualTo(LogLevel.INFO);
			assertThat(logging.getLoggerConfiguration("org.eclipse.jetty").getConfiguredLevel())
				.isEqualTo(LogLevel.WARN);
			assertThat(context.getEnvironment().getProperty("singletable.changes.poll-interval"))
				.isEqualTo("300ms");
			assertThat(context.getEnvironment().getProperty("singletable.changes.dispatch-interval"))
				.isEqualTo("50ms");
		}
		finally {
			LoggingSystem.get(getClass().getClassLoader()).setLogLevel("software.amazon.kinesis", null);
		}
	}

	@Test
	void anApplicationPointedAtDynamoDbOrWithTheEmbeddedServerOffGetsNoneOfThem() {
		assertThat(postProcessed(Map.of("singletable.region", "eu-west-1")).getPropertySources()
			.contains(EmbeddedDevelopmentDefaults.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(postProcessed(Map.of("singletable.endpoint", "http://localhost:8000")).getPropertySources()
			.contains(EmbeddedDevelopmentDefaults.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(postProcessed(Map.of("singletable.embedded.enabled", "false")).getPropertySources()
			.contains(EmbeddedDevelopmentDefaults.PROPERTY_SOURCE_NAME)).isFalse();
		StandardEnvironment forced = postProcessed(
				Map.of("singletable.embedded.enabled", "true", "singletable.region", "eu-west-1"));
		assertThat(forced.getProperty("logging.level.software.amazon.kinesis")).isEqualTo("WARN");
		// the last property source: whatever the application sets wins
		assertThat(forced.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(EmbeddedDevelopmentDefaults.PROPERTY_SOURCE_NAME);
	}

	private static StandardEnvironment postProcessed(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new EmbeddedDevelopmentDefaults().postProcessEnvironment(environment, null);
		return environment;
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(EmbeddedChangesApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SingleTableAutoConfiguration.class, SingleTableChangeEventsAutoConfiguration.class })
	@Import(ChangesApplication.class)
	static class EmbeddedChangesApplication {

	}

}
