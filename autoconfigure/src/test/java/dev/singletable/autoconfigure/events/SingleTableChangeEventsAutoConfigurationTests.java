package dev.singletable.autoconfigure.events;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.health.SingleTableHealthContributorAutoConfiguration;
import dev.singletable.autoconfigure.events.changes.ChangesApplication;
import dev.singletable.autoconfigure.events.changes.ReactiveChangesApplication;
import dev.singletable.autoconfigure.events.changes.ReactiveChangesApplication.MetricsSent;
import dev.singletable.autoconfigure.events.changes.ReactiveChangesApplication.ReactiveTracker;
import dev.singletable.autoconfigure.events.changes.ChangesApplication.DeadLetters;
import dev.singletable.autoconfigure.events.changes.ChangesApplication.Tracker;
import dev.singletable.autoconfigure.events.changes.Parcel;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;
import dev.singletable.events.SingleTableChangeStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration of change events on DynamoDB Local (issue 34, item 2): the table is created with its stream,
 * {@code @ResourceChangeListener} methods receive typed changes, a listener failing on every attempt hands its change to
 * the application's dead-letter handler, the meters count it all; a listener of no entity type is refused at start-up;
 * without {@code singletable.changes.enabled} nothing is set up.
 */
class SingleTableChangeEventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableChangeEventsAutoConfiguration.class, SingleTableHealthContributorAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.changes.failover-time=5s", "singletable.changes.poll-interval=100ms",
				"singletable.changes.max-attempts=2", "singletable.changes.initial-backoff=10ms");

	@Test
	void listenersReceiveTypedChangesAndUndeliverableOnesGoToTheDeadLetterHandler() {
		String table = TestTables.uniqueName("changes");
		this.contextRunner.withUserConfiguration(ChangesApplication.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.changes.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(DynamoDbClient.class).describeTable((describe) -> describe.tableName(table))
					.table().streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
				assertThat(context.getBean(SingleTableChangeStream.class).getLeaseTableName())
					.isEqualTo(table + "-changes");
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Parcel parcel = template.create(new Parcel("p1", null, "packed"));
				template.update(new Parcel("p1", parcel.version(), "shipped"));
				template.create(new Parcel("p2", null, "poison"));
				template.create(new Parcel("p3", null, "packed"));

				Tracker tracker = context.getBean(Tracker.class);
				await(() -> tracker.changes().stream().anyMatch((change) -> change.id().equals("p3")));
				assertThat(tracker.changes()).extracting(ResourceChange::id).containsExactly("p1", "p1", "p3");
				assertThat(tracker.changes().get(1).oldState()).isEqualTo(new Parcel("p1", 1L, "packed"));
				assertThat(tracker.changes().get(1).newState()).isEqualTo(new Parcel("p1", 2L, "shipped"));
				assertThat(context.getBean(DeadLetters.class).received()).singleElement().satisfies((deadLetter) -> {
					assertThat(deadLetter.change().id()).isEqualTo("p2");
					assertThat(deadLetter.listener()).isEqualTo("tracker.on");
					assertThat(deadLetter.attempts()).isEqualTo(2);
				});
				MeterRegistry meters = new SimpleMeterRegistry();
				context.getBean("singleTableChangeMetrics", MeterBinder.class).bindTo(meters);
				assertThat(meters.get("singletable.changes.delivered").functionCounter().count()).isEqualTo(3);
				assertThat(meters.get("singletable.changes.dead-lettered").functionCounter().count()).isEqualTo(1);
				assertThat(meters.get("singletable.changes.retried").functionCounter().count()).isEqualTo(1);
				assertThat(meters.get("singletable.changes.lag").gauge().value()).isGreaterThanOrEqualTo(0);
				Health health = context.getBean("singletableChangesHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("leaseTable", table + "-changes")
					.containsEntry("delivered", 3L)
					.containsEntry("deadLettered", 1L);
				context.getBean(SingleTableChangeStream.class).stop();
				assertThat(context.getBean("singletableChangesHealthIndicator", HealthIndicator.class).health()
					.getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void listenersReturningAMonoOrAFutureAreAwaitedAndCloudWatchMetricsArePublishedWhenSwitchedOn() {
		String table = TestTables.uniqueName("changes-reactive");
		this.contextRunner.withUserConfiguration(ReactiveChangesApplication.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.changes.enabled=true",
					"singletable.changes.cloudwatch-metrics=true")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				template.create(new Parcel("r1", null, "packed"));
				template.create(new Parcel("r2", null, "packed"));

				ReactiveTracker tracker = context.getBean(ReactiveTracker.class);
				await(() -> tracker.completedByMono().contains("r2") && tracker.completedByFuture().contains("r2"));
				assertThat(tracker.completedByMono()).containsExactly("r1", "r2");
				assertThat(tracker.monoCalls()).isEqualTo(3);
				assertThat(tracker.completedByFuture()).containsExactly("r1", "r2");
				SingleTableChangeStream changes = context.getBean(SingleTableChangeStream.class);
				assertThat(changes.getRetriedCount()).isOne();
				assertThat(changes.getDeadLetteredCount()).isZero();
				MetricsSent metrics = context.getBean(MetricsSent.class);
				await(() -> metrics.requests() > 0);
				assertThat(metrics.requests()).isPositive();
			});
	}

	@Test
	void withoutCloudWatchMetricsTheApplicationsCloudWatchClientIsNotUsed() {
		String table = TestTables.uniqueName("changes-quiet");
		this.contextRunner.withUserConfiguration(ReactiveChangesApplication.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.changes.enabled=true")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				template.create(new Parcel("q1", null, "packed"));
				ReactiveTracker tracker = context.getBean(ReactiveTracker.class);
				await(() -> tracker.completedByMono().contains("q1"));
				// the KCL would have flushed its metrics by now (every 10 s) had it had a client
				Thread.sleep(12_000);
				assertThat(context.getBean(MetricsSent.class).requests()).isZero();
			});
	}

	@Test
	void twoApplicationContextsShareTheStreamAndTheOneLeftTakesOverWhenTheOtherCloses() {
		String table = TestTables.uniqueName("changes-fleet");
		ApplicationContextRunner fleet = this.contextRunner.withUserConfiguration(ChangesApplication.class)
			.withPropertyValues("singletable.table-name=" + table, "singletable.changes.enabled=true");
		fleet.run((first) -> fleet.run((second) -> {
			SingleTableTemplate template = first.getBean(SingleTableTemplate.class);
			Tracker firstTracker = first.getBean(Tracker.class);
			Tracker secondTracker = second.getBean(Tracker.class);
			for (int i = 0; i < 20; i++) {
				template.create(new Parcel("f" + i, null, "packed"));
			}
			await(() -> firstTracker.changes().size() + secondTracker.changes().size() >= 20);
			// one shard: one context at a time delivers it, every change once
			assertThat(firstTracker.changes().isEmpty() || secondTracker.changes().isEmpty()).isTrue();
			assertThat(firstTracker.changes().size() + secondTracker.changes().size()).isEqualTo(20);

			boolean firstHolds = !firstTracker.changes().isEmpty();
			(firstHolds ? first : second).close();
			Tracker remaining = firstHolds ? secondTracker : firstTracker;
			SingleTableTemplate remainingTemplate = (firstHolds ? second : first).getBean(SingleTableTemplate.class);
			remainingTemplate.create(new Parcel("after-close", null, "packed"));
			await(() -> remaining.changes().stream().anyMatch((change) -> change.id().equals("after-close")));
			// taken over from the checkpoint: nothing the closed context delivered comes again
			assertThat(remaining.changes()).extracting(ResourceChange::id).containsExactly("after-close");
		}));
	}

	@Test
	void aListenerOfNoEntityTypeIsRefusedAtStartUp() {
		this.contextRunner.withUserConfiguration(WrongListener.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("changes-wrong"),
					"singletable.changes.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@ResourceChangeListener listener.on")
				.hasMessageContaining("ResourceChange<T>"));
	}

	@Test
	void withoutTheSwitchNothingIsSetUpAndTheTableHasNoStream() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("changes-off"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SingleTableChangeStream.class);
				assertThat(context).doesNotHaveBean("singletableChangesHealthIndicator");
				assertThat(context.getBean(SingleTableSchema.class).hasChangeStream()).isFalse();
			});
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class WrongListener {

		@Bean
		Listener listener() {
			return new Listener();
		}

		static class Listener {

			@ResourceChangeListener
			void on(String change) {
			}

		}

	}

}
