package dev.singletable.autoconfigure.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.drift.newer.DeviceRepository;
import dev.singletable.autoconfigure.drift.newer.NewerApplication;
import dev.singletable.autoconfigure.drift.older.Device;
import dev.singletable.autoconfigure.drift.older.OlderApplication;
import dev.singletable.autoconfigure.drift.older.Reading;
import dev.singletable.autoconfigure.drift.older.Tag;
import dev.singletable.autoconfigure.health.SingleTableHealthIndicator;
import dev.singletable.autoconfigure.health.SingleTableReactiveHealthIndicator;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.core.schema.StaleDefinitionsException;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableDefinitions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fleet skew, through real Spring Boot applications on one DynamoDB Local table: instance A runs the older version
 * (devices without the index by owner, no migration); instance B, the newer version, starts with the index and the
 * migration that re-indexes the stored devices. Once B migrated, A refuses (or, by property, logs) every write that
 * would store a device the old way — blocking and reactive, alone, in batches and in transactions — says which
 * migration recorded the newer definitions, and reports it in health; tags, declared alike by both, are written as
 * before; A restarted with the newer version writes normally.
 */
@ExtendWith(OutputCaptureExtension.class)
class StaleDefinitionsIntegrationTests {

	/** A's poll is off: the tests drive it (checkForNewerDefinitions), so nothing depends on timing. */
	private static final String NO_POLL = "singletable.drift.poll-interval=0";

	@Test
	void anOlderInstanceRefusesWritesOfTheTypeAnotherInstanceMigratedAndNamesTheMigration() {
		String table = TestTables.uniqueName("fleet");
		try (ConfigurableApplicationContext a = start(OlderApplication.class, table, NO_POLL)) {
			SingleTableTemplate templateOfA = a.getBean(SingleTableTemplate.class);
			Device stored = templateOfA.create(new Device("d1", null, "ann", "printer"));
			templateOfA.create(new Device("d2", null, "bob", "scanner"));
			templateOfA.create(new Reading("r1", null, "d1", 7));
			Tag tag = templateOfA.create(new Tag("t1", null, "blue"));
			SingleTableDefinitions definitionsOfA = a.getBean(SingleTableDefinitions.class);
			assertThat(definitionsOfA.checkForNewerDefinitions()).isEmpty();

			try (ConfigurableApplicationContext b = start(NewerApplication.class, table)) {
				// B's start-up ran migration 2; A has not looked at the records yet, then does (its poll)
				List<StaleDefinitions> stale = definitionsOfA.checkForNewerDefinitions();

				assertThat(stale).extracting(StaleDefinitions::type).containsExactlyInAnyOrder(Device.class, Reading.class);
				assertThat(stale).filteredOn((definitions) -> definitions.type() == Device.class).singleElement()
					.satisfies((definitions) -> {
						assertThat(definitions.subjects()).containsExactly("gsi2");
						assertThat(definitions.recordedByMigration()).isEqualTo("2");
						assertThat(definitions.recordedBy())
							.isEqualTo(b.getBean(SingleTableDefinitions.class).getInstanceId());
						assertThat(definitions.recordedAt()).isNotNull();
						assertThat(definitions.writesRefused()).isTrue();
					});
				assertRefused(() -> templateOfA.create(new Device("d3", null, "cid", "router")));
				assertRefused(() -> templateOfA.update(templateOfA.getById(Device.class, "d1").renamed("laser")));
				assertRefused(() -> templateOfA.save(new Device("d4", null, "dan", "hub")));
				assertRefused(() -> templateOfA.restoreVersion(Device.class, "d1", 1));
				assertRefused(Reading.class, "device#{device}",
						() -> templateOfA.putAll(List.of(new Tag("t2", null, "red"), new Reading("r2", null, "d1", 8))));
				assertRefused(() -> templateOfA.transaction((transaction) -> {
					transaction.create(new Tag("t3", null, "green"));
					transaction.create(new Device("d6", null, "fay", "lamp"));
				}));
				// a backfill on A would rewrite the devices the old way too
				assertRefused(() -> a.getBean(SingleTableBackfills.class).reindex(Device.class));
				ReactiveSingleTableTemplate reactiveOfA = a.getBean(ReactiveSingleTableTemplate.class);
				// reactive writes signal the refusal when subscribed: assembling them throws nothing
				Mono<Device> create = reactiveOfA.create(new Device("d7", null, "gus", "dock"));
				Mono<Device> update = reactiveOfA.update(stored.renamed("inkjet"));
				Flux<?> batch = reactiveOfA
					.putAll(List.of(new Tag("t5", null, "red"), new Reading("r3", null, "d1", 9)));
				Mono<Void> transaction = reactiveOfA
					.transaction((work) -> work.create(new Device("d9", null, "ivy", "pad")));
				Mono<Device> save = reactiveOfA.save(new Device("d8", null, "hal", "tv"));
				assertRefused(create::block);
				assertRefused(update::block);
				assertRefused(Reading.class, "device#{device}", batch::blockLast);
				assertRefused(transaction::block);
				assertRefused(save::block);

				// nothing of the refused writes was stored: no device, no tag of the refused batch or transaction
				assertThat(templateOfA.findAllById(Device.class, List.of("d3", "d4", "d5", "d6", "d7", "d8", "d9")))
					.isEmpty();
				assertThat(templateOfA.findAllById(Tag.class, List.of("t2", "t3", "t5"))).isEmpty();
				assertThat(templateOfA.findAllById(Reading.class, List.of("r2", "r3"))).isEmpty();
				assertThat(templateOfA.getById(Device.class, "d1").name()).isEqualTo("printer");
				assertThat(templateOfA.findAllVersions(Device.class, "d1")).hasSize(1);

				// the unaffected type is written as before, blocking and reactive; reads and deletes of devices pass
				assertThat(templateOfA.update(tag.withLabel("navy")).label()).isEqualTo("navy");
				assertThat(reactiveOfA.create(new Tag("t4", null, "gold")).block()).isNotNull();
				assertThat(templateOfA.findById(Device.class, "d1")).isPresent();
				assertThat(templateOfA.deleteById(Device.class, "d2")).isTrue();

				// health: out of service, naming the migration, blocking and reactive indicators alike
				Health health = a.getBean(SingleTableHealthIndicator.class).health();
				assertOutOfService(health);
				Health reactiveHealth = new SingleTableReactiveHealthIndicator(a.getBean(DynamoDbAsyncClient.class),
						a.getBean(SingleTableSchema.class), definitionsOfA::getReport)
					.health()
					.block(Duration.ofSeconds(30));
				assertOutOfService(reactiveHealth);

				// B, the newer version, is not stale and writes devices with the new index
				SingleTableTemplate templateOfB = b.getBean(SingleTableTemplate.class);
				assertThat(b.getBean(SingleTableDefinitions.class).checkForNewerDefinitions()).isEmpty();
				templateOfB.create(new dev.singletable.autoconfigure.drift.newer.Device("b1", null, "kim", "tv"));
				assertThat(item(table, "Device#b1")).containsKey("gsi2pk");
			}
		}

		// A restarted with the newer definitions writes devices normally, with the index
		try (ConfigurableApplicationContext restarted = start(NewerApplication.class, table, NO_POLL)) {
			SingleTableTemplate template = restarted.getBean(SingleTableTemplate.class);
			assertThat(restarted.getBean(SingleTableDefinitions.class).checkForNewerDefinitions()).isEmpty();
			template.create(new dev.singletable.autoconfigure.drift.newer.Device("d3", null, "cid", "router"));
			assertThat(item(table, "Device#d3").get("gsi2pk").s()).isEqualTo("owner#cid");
			assertThat(restarted.getBean(SingleTableHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void withWarnTheOlderInstanceWritesAndLogsAWarningNamingTheMigration(CapturedOutput output) {
		String table = TestTables.uniqueName("fleet");
		try (ConfigurableApplicationContext a = start(OlderApplication.class, table, NO_POLL,
				"singletable.drift.on-stale-definitions=warn")) {
			SingleTableTemplate templateOfA = a.getBean(SingleTableTemplate.class);
			templateOfA.create(new Device("d1", null, "ann", "printer"));
			try (ConfigurableApplicationContext b = start(NewerApplication.class, table)) {
				assertThat(a.getBean(SingleTableDefinitions.class).checkForNewerDefinitions()).hasSize(2)
					.allSatisfy((stale) -> assertThat(stale.writesRefused()).isFalse());

				templateOfA.create(new Device("d2", null, "bob", "scanner"));
				a.getBean(ReactiveSingleTableTemplate.class).create(new Device("d3", null, "cid", "router")).block();

				assertThat(item(table, "Device#d2")).isNotNull().doesNotContainKey("gsi2pk");
				assertThat(item(table, "Device#d3")).isNotNull();
				assertThat(output).contains("Writing Device anyway (on-stale-definitions: warn)")
					.contains("older than those migration 2 (instance ")
					.contains("index 'gsi2' is recorded");
				Health health = a.getBean(SingleTableHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(staleDetail(health)).containsEntry("writesRefused", false)
					.containsEntry("recordedByMigration", "2");
			}
		}
	}

	@Test
	void theBackgroundPollNoticesNewerDefinitionsWithinItsInterval() throws InterruptedException {
		String table = TestTables.uniqueName("fleet");
		try (ConfigurableApplicationContext a = start(OlderApplication.class, table,
				"singletable.drift.poll-interval=100ms")) {
			SingleTableTemplate templateOfA = a.getBean(SingleTableTemplate.class);
			templateOfA.create(new Device("d1", null, "ann", "printer"));
			try (ConfigurableApplicationContext b = start(NewerApplication.class, table)) {
				// waits on the condition (at most 30 s, on a loaded machine), not for a fixed time: until the poll
				// read Device's definitions as the migration recorded them (the newer version records its types one
				// after another, so a poll may first read another type's)
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (a.getBean(SingleTableDefinitions.class)
					.getStaleDefinitions()
					.stream()
					.noneMatch((stale) -> stale.type() == Device.class && "2".equals(stale.recordedByMigration()))
						&& System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertRefused(() -> templateOfA.create(new Device("d2", null, "bob", "scanner")));
			}
		}
	}

	@Test
	void anOlderInstanceStartedAfterTheMigrationIsStaleAtOnceAndLeavesTheNewerRecord() {
		String table = TestTables.uniqueName("fleet");
		try (ConfigurableApplicationContext a = start(OlderApplication.class, table, NO_POLL)) {
			a.getBean(SingleTableTemplate.class).create(new Device("d1", null, "ann", "printer"));
		}
		try (ConfigurableApplicationContext b = start(NewerApplication.class, table, NO_POLL,
				"singletable.migrations.enabled=false")) {
			// a newer instance before its migration ran is never stale: its drift is the migration's to fix
			assertThat(b.getBean(SingleTableDefinitions.class).checkForNewerDefinitions()).isEmpty();
			assertThat(b.getBean(SingleTableDefinitions.class).getReport().hasDrift()).isTrue();
		}
		try (ConfigurableApplicationContext b = start(NewerApplication.class, table, NO_POLL)) {
			assertThat(b.getBean(DeviceRepository.class).findByOwner("ann")).hasSize(1);
		}
		try (ConfigurableApplicationContext older = start(OlderApplication.class, table, NO_POLL)) {
			assertThat(older.getBean(SingleTableDefinitions.class).getStaleDefinitions()).hasSize(2)
				.allSatisfy((stale) -> assertThat(stale.recordedByMigration()).isEqualTo("2"));
			assertRefused(() -> older.getBean(SingleTableTemplate.class).create(new Device("d2", null, "b", "x")));
			assertThat(older.getBean(SingleTableTemplate.class).create(new Tag("t1", null, "blue"))).isNotNull();
		}
		// the older start did not take the newer index out of the record: the newer version sees no drift
		try (ConfigurableApplicationContext newer = start(NewerApplication.class, table, NO_POLL,
				"singletable.migrations.enabled=false")) {
			assertThat(newer.getBean(SingleTableDefinitions.class).getReport().hasDrift()).isFalse();
			assertThat(newer.getBean(DeviceRepository.class).findByOwner("ann"))
				.singleElement()
				.satisfies((device) -> assertThat(device.id()).isEqualTo("d1"));
		}
	}

	private static void assertRefused(Runnable write) {
		assertRefused(Device.class, "owner#{owner}", write);
	}

	private static void assertRefused(Class<?> type, String key, Runnable write) {
		assertThatExceptionOfType(StaleDefinitionsException.class).isThrownBy(write::run)
			.withMessageContaining("Write of " + type.getSimpleName() + " refused")
			.withMessageContaining("migration 2")
			.withMessageContaining("index 'gsi2' is recorded (gsi2pk = '" + key + "'), and this instance does not "
					+ "write it")
			.withMessageContaining("deploy the newer version of the application on this instance")
			.satisfies((ex) -> {
				assertThat(ex.getType()).isEqualTo(type);
				assertThat(ex.getSubjects()).containsExactly("gsi2");
				assertThat(ex.getRecordedByMigration()).isEqualTo("2");
			});
	}

	private static void assertOutOfService(Health health) {
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(staleDetail(health)).containsEntry("recordedByMigration", "2")
			.containsEntry("subjects", List.of("gsi2"))
			.containsEntry("writesRefused", true)
			.hasEntrySatisfying("fix", (fix) -> assertThat(fix.toString()).contains("roll the fleet forward"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> staleDetail(Health health) {
		Map<String, Map<String, Object>> drift = (Map<String, Map<String, Object>>) health.getDetails().get("drift");
		assertThat(drift).as("drift detail of %s", health).isNotNull().containsKey("Device");
		return (Map<String, Object>) drift.get("Device").get("staleDefinitions");
	}

	private static Map<String, AttributeValue> item(String table, String pk) {
		DynamoDbClient client = TestTables.client();
		return Optional.ofNullable(client
			.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("v0")))
				.consistentRead(true))
			.item()).filter((item) -> !item.isEmpty()).orElse(null);
	}

	private static ConfigurableApplicationContext start(Class<?> application, String table, String... properties) {
		List<String> all = new ArrayList<>(List.of(TestTables.endpointProperty(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.embedded.enabled=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		// the check started when the application was ready: the tests look at its outcome
		context.getBeanProvider(SingleTableDriftCheck.class).ifAvailable(SingleTableDriftCheck::run);
		return context;
	}

}
