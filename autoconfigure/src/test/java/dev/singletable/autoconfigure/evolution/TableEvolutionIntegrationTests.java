package dev.singletable.autoconfigure.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.evolution.after.AfterApplication;
import dev.singletable.autoconfigure.evolution.after.Note;
import dev.singletable.autoconfigure.evolution.after.NoteRepository;
import dev.singletable.autoconfigure.evolution.after.Ticket;
import dev.singletable.autoconfigure.evolution.after.TicketRepository;
import dev.singletable.autoconfigure.evolution.before.BeforeApplication;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.evolution.MigrationFailedException;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The issue's end-to-end test, on the JVM's DynamoDB Local through real Spring Boot applications: 10,000 resources
 * (versioned tickets, a quarter of them with history, and plain notes) written under one definition; the application
 * restarted with a new {@code @IndexKey} on each type reports the drift and refuses the derived query; then two
 * instances of it started side by side run the recorded migration (re-index both types, 4 segments), while 8
 * threads update random resources, and one instance is stopped (its start-up thread interrupted) once both work and
 * segments are checkpointed: the other finishes from the checkpoints. Afterwards every resource is indexed exactly
 * once, its content, versions, {@code updated_at} and history are those written (plus the updates, none lost), and
 * the query answers from the new index.
 */
@ExtendWith(OutputCaptureExtension.class)
class TableEvolutionIntegrationTests {

	private static final int TICKETS = 4_000;

	private static final int EDITED = 1_000;

	private static final int NOTES = 6_000;

	private static final int OWNERS = 40;

	private static final int WRITERS = 8;

	private static final String[] MIGRATING = { "singletable.backfill.segments=4", "singletable.backfill.threads=3",
			"singletable.backfill.lease-duration=2s", "singletable.backfill.progress-interval=1s",
			"singletable.migrations.poll-interval=200ms" };

	@Test
	void aNewIndexKeyIsRefusedUntilTwoInstancesBackfillItWhileTheApplicationWritesAndOneStops(CapturedOutput output)
			throws Exception {
		String table = TestTables.uniqueName("evolution");
		DynamoDbClient client = TestTables.client();
		try (ConfigurableApplicationContext before = start(BeforeApplication.class, table)) {
			StoredTickets.write(before.getBean(SingleTableTemplate.class), client, TICKETS, EDITED, NOTES, OWNERS);
		}
		Map<String, Map<String, AttributeValue>> written = StoredTickets.scan(client, table);
		Map<String, Map<String, AttributeValue>> tickets = latest(written, "Ticket#");
		Map<String, Map<String, AttributeValue>> notes = latest(written, "Note#");
		assertThat(tickets).hasSize(TICKETS);
		assertThat(notes).hasSize(NOTES);
		assertThat(written.values()).filteredOn((item) -> item.get("sk").s().matches("v[1-9][0-9]*"))
			// v1 of each, v2 of the edited ones; the template wrote three versions of every 50th
			.hasSize(TICKETS + EDITED + 2 * (TICKETS / 50) - EDITED / 50);
		assertThat(written.values()).noneMatch((item) -> item.containsKey("gsi2pk"));

		// restarted with the new index keys, without running the migration: the drift is reported and refused
		try (ConfigurableApplicationContext after = start(AfterApplication.class, table,
				"singletable.migrations.enabled=false")) {
			assertThatExceptionOfType(IndexDriftException.class)
				.isThrownBy(() -> after.getBean(TicketRepository.class).findByOwner("owner-1"))
				.withMessageContaining("gsi2");
			assertThatExceptionOfType(IndexDriftException.class)
				.isThrownBy(() -> after.getBean(NoteRepository.class).findByAuthor("author-1"));
		}
		assertThat(output).contains("Drift of " + Ticket.class.getName() + " (prefix 'Ticket'), index 'gsi2'")
			.contains("Drift of " + Note.class.getName() + " (prefix 'Note'), index 'gsi2'");

		// two instances side by side, 8 threads writing, one instance stopped mid-way
		SingleTableTemplate application = new SingleTableTemplate(DynamoDbLocal.newClient(), table);
		Writers writers = new Writers(application, ids(tickets), ids(notes));
		ResourceWrites writesOfA = new ResourceWrites("Ticket#", "Note#");
		ResourceWrites writesOfB = new ResourceWrites("Ticket#", "Note#");
		// A claims its first segment only once B claimed one (B's 3 threads hold at most 3 of the 4 segments): both
		// share the run, however the scheduler orders their start-ups, and no lease is held while A waits
		writesOfA.holdClaimsUntilClaimedBy(writesOfB);
		Instance a = Instance.start(table, writesOfA);
		Instance b = Instance.start(table, writesOfB);
		writers.start();
		String run = "_INTERNAL#Backfill#migration-2-step-0";
		Map<String, Map<String, AttributeValue>> segmentsAtStop = awaitSegments(client, table, run,
				(segments) -> a.started() && b.started() && owners(segments).containsAll(Set.of(a.id(), b.id()))
						&& items(segments) >= 600 && !writesOfA.byKey().isEmpty() && !writesOfB.byKey().isEmpty());
		a.thread().interrupt();

		Throwable stopped = catchThrowable(() -> a.context().get(120, TimeUnit.SECONDS));
		assertThat(causes(stopped)).as("why the stopped instance did not start")
			.anySatisfy((cause) -> assertThat(cause).isInstanceOf(MigrationFailedException.class)
				.hasMessageContaining("Migration 2 'index tickets by owner and notes by author'"));
		ConfigurableApplicationContext survivor = b.context().get(180, TimeUnit.SECONDS);
		writers.stop();
		try (survivor) {
			Map<String, Map<String, AttributeValue>> migrated = StoredTickets.scan(client, table);
			Map<String, Map<String, AttributeValue>> ticketSegments = segments(migrated, run);
			Map<String, Map<String, AttributeValue>> noteSegments = segments(migrated,
					"_INTERNAL#Backfill#migration-2-step-1");
			// every segment done; every latest item read at most once over both instances (the stopped one's segments
			// went on from their checkpoints), and each one it did not read was updated by a writer, who indexed it
			assertThat(ticketSegments).hasSize(4)
				.allSatisfy((key, segment) -> assertThat(segment.get("done").bool()).isTrue());
			assertThat(items(ticketSegments)).isLessThanOrEqualTo(TICKETS)
				.isGreaterThanOrEqualTo(TICKETS - writers.updated("Ticket#"));
			assertThat(items(noteSegments)).isLessThanOrEqualTo(NOTES)
				.isGreaterThanOrEqualTo(NOTES - writers.updated("Note#"));
			segmentsAtStop.forEach((key, segment) -> assertThat(number(ticketSegments.get(key), "items"))
				.isGreaterThanOrEqualTo(number(segment, "items")));
			Map<String, AttributeValue> record = migrated.get("_INTERNAL#Migrations|version#2");
			assertThat(record.get("state").s()).isEqualTo("SUCCESS");
			assertThat(record.get("items").n())
				.isEqualTo(Long.toString(items(ticketSegments) + items(noteSegments)));

			assertUntouchedButIndexed(written, migrated, survivor.getBean(SingleTableTemplate.class), writers);
			assertIndexedExactlyOnce(writesOfA, writesOfB, writers, tickets.keySet(), notes.keySet());
			assertQueriesAnswerFromTheNewIndex(survivor, migrated);
		}
	}

	/**
	 * Content, versions, {@code updated_at} and history as written, plus the writers' updates, none lost; every latest
	 * item carries the new index key.
	 */
	private static void assertUntouchedButIndexed(Map<String, Map<String, AttributeValue>> written,
			Map<String, Map<String, AttributeValue>> migrated, SingleTableTemplate template, Writers writers) {
		int updated = 0;
		for (Map.Entry<String, Map<String, AttributeValue>> entry : written.entrySet()) {
			String key = entry.getKey();
			Map<String, AttributeValue> before = entry.getValue();
			String pk = before.get("pk").s();
			if (!pk.startsWith("Ticket#") && !pk.startsWith("Note#")) {
				continue;
			}
			Map<String, AttributeValue> now = migrated.get(key);
			assertThat(now).as("item %s", key).isNotNull();
			int updates = writers.updates(pk);
			boolean latest = before.get("sk").s().equals("v0") || before.get("sk").s().equals(pk);
			if (!latest || updates == 0) {
				assertThat(without(now, "gsi2pk")).as("item %s", key).isEqualTo(before);
			}
			if (!latest) {
				continue;
			}
			updated += (updates > 0) ? 1 : 0;
			if (pk.startsWith("Ticket#")) {
				Ticket was = template.getConverter().read(Ticket.class, before);
				Ticket is = template.getConverter().read(Ticket.class, now);
				assertThat(is.version()).as("version of %s", pk).isEqualTo(was.version() + updates);
				assertThat(is.edits()).as("edits of %s", pk).isEqualTo(was.edits() + updates);
				assertThat(now.get("gsi2pk").s()).isEqualTo("owner#" + is.owner());
				// the history of each update is there
				for (long version = was.version() + 1; version <= is.version(); version++) {
					assertThat(migrated).containsKey(pk + "|v" + version);
				}
			}
			else {
				Note was = template.getConverter().read(Note.class, before);
				Note is = template.getConverter().read(Note.class, now);
				assertThat(is.text()).as("text of %s", pk).isEqualTo(was.text() + "'".repeat(updates));
				assertThat(now.get("gsi2pk").s()).isEqualTo("author#" + is.author());
			}
		}
		assertThat(updated).as("resources the writers updated").isGreaterThan(100);
	}

	/**
	 * No item written twice by the backfill, over both instances; each one no writer touched written once.
	 */
	private static void assertIndexedExactlyOnce(ResourceWrites a, ResourceWrites b, Writers writers,
			Set<String> ticketKeys, Set<String> noteKeys) {
		Map<String, Integer> writes = new HashMap<>();
		a.byKey().forEach((key, count) -> writes.merge(key, count.get(), Integer::sum));
		b.byKey().forEach((key, count) -> writes.merge(key, count.get(), Integer::sum));
		assertThat(writes).allSatisfy((key, count) -> assertThat(count).as("backfill writes of %s", key).isOne());
		Set<String> all = new HashSet<>(ticketKeys);
		all.addAll(noteKeys);
		assertThat(all).allSatisfy((key) -> {
			if (writers.updates(key.substring(0, key.indexOf('|'))) == 0) {
				assertThat(writes).as("backfill writes of %s", key).containsEntry(key, 1);
			}
		});
		assertThat(a.byKey()).as("items the stopped instance indexed").isNotEmpty();
		assertThat(b.byKey()).as("items the other instance indexed").isNotEmpty();
	}

	private static void assertQueriesAnswerFromTheNewIndex(ConfigurableApplicationContext context,
			Map<String, Map<String, AttributeValue>> migrated) {
		SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
		Map<String, Long> byOwner = latest(migrated, "Ticket#").values()
			.stream()
			.collect(Collectors.groupingBy((item) -> template.getConverter().read(Ticket.class, item).owner(),
					Collectors.counting()));
		Map<String, Long> byAuthor = latest(migrated, "Note#").values()
			.stream()
			.collect(Collectors.groupingBy((item) -> item.get("author").s(), Collectors.counting()));
		TicketRepository ticketRepository = context.getBean(TicketRepository.class);
		NoteRepository noteRepository = context.getBean(NoteRepository.class);
		byOwner.forEach((owner, count) -> {
			List<Ticket> found = ticketRepository.findByOwner(owner);
			assertThat(found).as("tickets of %s", owner).hasSize(count.intValue());
			assertThat(found).extracting(Ticket::id).doesNotHaveDuplicates();
		});
		byAuthor.forEach((author, count) -> assertThat(noteRepository.findByAuthor(author)).as("notes of %s", author)
			.hasSize(count.intValue()));
	}

	private static Map<String, Map<String, AttributeValue>> awaitSegments(DynamoDbClient client, String table,
			String run, java.util.function.Predicate<Map<String, Map<String, AttributeValue>>> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		Map<String, Map<String, AttributeValue>> segments = Map.of();
		while (System.nanoTime() < deadline) {
			segments = new HashMap<>();
			for (Map<String, AttributeValue> item : client
				.queryPaginator((request) -> request.tableName(table)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(run)))
					.consistentRead(true))
				.items()) {
				if (item.get("sk").s().startsWith("segment#")) {
					segments.put(StoredTickets.key(item), item);
				}
			}
			if (condition.test(segments)) {
				return segments;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Segments never got there: " + segments);
	}

	private static List<Throwable> causes(@Nullable Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	/**
	 * The instances that held the segments (each segment keeps them all).
	 */
	private static Set<String> owners(Map<String, Map<String, AttributeValue>> segments) {
		return segments.values()
			.stream()
			.filter((segment) -> segment.containsKey("owners"))
			.flatMap((segment) -> segment.get("owners").ss().stream())
			.collect(Collectors.toSet());
	}

	private static long items(Map<String, Map<String, AttributeValue>> segments) {
		return segments.values().stream().mapToLong((segment) -> number(segment, "items")).sum();
	}

	private static long number(@Nullable Map<String, AttributeValue> item, String name) {
		return (item != null && item.containsKey(name)) ? Long.parseLong(item.get(name).n()) : 0;
	}

	private static Map<String, Map<String, AttributeValue>> segments(Map<String, Map<String, AttributeValue>> items,
			String run) {
		Map<String, Map<String, AttributeValue>> segments = new HashMap<>();
		items.forEach((key, item) -> {
			if (key.startsWith(run + "|segment#")) {
				segments.put(key, item);
			}
		});
		return segments;
	}

	private static Map<String, Map<String, AttributeValue>> latest(Map<String, Map<String, AttributeValue>> items,
			String prefix) {
		Map<String, Map<String, AttributeValue>> latest = new HashMap<>();
		items.forEach((key, item) -> {
			String pk = item.get("pk").s();
			String sk = item.get("sk").s();
			if (pk.startsWith(prefix) && (sk.equals("v0") || sk.equals(pk))) {
				latest.put(key, item);
			}
		});
		return latest;
	}

	private static List<String> ids(Map<String, Map<String, AttributeValue>> latest) {
		return latest.values().stream().map((item) -> item.get("pk").s()).sorted().toList();
	}

	private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String attribute) {
		Map<String, AttributeValue> copy = new HashMap<>(item);
		copy.remove(attribute);
		return copy;
	}

	private static ConfigurableApplicationContext start(Class<?> application, String table, String... properties) {
		return builder(application, table, properties).run();
	}

	private static SpringApplicationBuilder builder(Class<?> application, String table, String... properties) {
		List<String> all = new ArrayList<>(List.of(TestTables.endpointProperty(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.embedded.enabled=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new));
	}

	/**
	 * An instance of the application after the change, started on its own thread with the migrations on; its
	 * client counts the resource writes it makes.
	 */
	private record Instance(Thread thread, CompletableFuture<ConfigurableApplicationContext> context,
			AtomicReference<String> instanceId) {

		static Instance start(String table, ResourceWrites writes) {
			CompletableFuture<ConfigurableApplicationContext> context = new CompletableFuture<>();
			AtomicReference<String> instanceId = new AtomicReference<>();
			SpringApplicationBuilder builder = builder(AfterApplication.class, table, MIGRATING)
				.initializers((starting) -> {
					starting.getBeanFactory()
						.registerSingleton("resourceWrites", (SingleTableDynamoDbClientBuilderCustomizer) (
								clientBuilder) -> clientBuilder.overrideConfiguration(
										(override) -> override.addExecutionInterceptor(writes)));
					starting.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

						@Override
						public Object postProcessAfterInitialization(Object bean, String beanName) {
							if (bean instanceof SingleTableBackfills backfills) {
								instanceId.set(backfills.getInstanceId());
							}
							return bean;
						}

					});
				});
			Thread thread = new Thread(() -> {
				try {
					context.complete(builder.run());
				}
				catch (Throwable ex) {
					context.completeExceptionally(ex);
				}
			}, "instance-" + writes.hashCode());
			thread.start();
			return new Instance(thread, context, instanceId);
		}

		boolean started() {
			return this.instanceId.get() != null;
		}

		String id() {
			return String.valueOf(this.instanceId.get());
		}

	}

	/**
	 * Threads that update random resources as the application would, each read then written on the version or
	 * modification time it read, counting the updates that succeeded per resource.
	 */
	private static final class Writers {

		private final SingleTableTemplate template;

		private final List<String> tickets;

		private final List<String> notes;

		private final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final List<Thread> threads = new ArrayList<>();

		private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

		Writers(SingleTableTemplate template, List<String> tickets, List<String> notes) {
			this.template = template;
			this.tickets = tickets;
			this.notes = notes;
		}

		void start() {
			for (int i = 0; i < WRITERS; i++) {
				Thread thread = new Thread(this::write, "writer-" + i);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void write() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (this.running.get()) {
				try {
					if (random.nextBoolean()) {
						String pk = this.tickets.get(random.nextInt(this.tickets.size()));
						Ticket ticket = this.template.findById(Ticket.class, pk.substring("Ticket#".length())).orElseThrow();
						this.template.update(ticket.edited());
						this.updates.computeIfAbsent(pk, (key) -> new AtomicInteger()).incrementAndGet();
					}
					else {
						String pk = this.notes.get(random.nextInt(this.notes.size()));
						Note note = this.template.findById(Note.class, pk.substring("Note#".length())).orElseThrow();
						this.template.update(new Note(note.id(), note.createdAt(), note.updatedAt(), note.author(),
								note.text() + "'"));
						this.updates.computeIfAbsent(pk, (key) -> new AtomicInteger()).incrementAndGet();
					}
					Thread.sleep(50);
				}
				catch (VersionConflictException ex) {
					// another writer changed it between the read and the write: nothing written, nothing counted
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Throwable ex) {
					this.failure.compareAndSet(null, ex);
					return;
				}
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
			assertThat(this.failure.get()).as("a writer's failure").isNull();
		}

		int updated(String prefix) {
			return (int) this.updates.keySet().stream().filter((pk) -> pk.startsWith(prefix)).count();
		}

		int updates(String pk) {
			AtomicInteger count = this.updates.get(pk);
			return (count != null) ? count.get() : 0;
		}

	}

}
