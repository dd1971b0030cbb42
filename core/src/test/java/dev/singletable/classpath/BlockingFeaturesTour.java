package dev.singletable.classpath;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.SingleTableTransactional;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.SingleTableEventPublicationRepository;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.DriftReport;
import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.RewriteMode;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A blocking application that uses every blocking feature on a real table, run by
 * {@link BlockingClasspathIntegrationTests} in a JVM without Reactor, Netty, the KCL, {@code micrometer-core} or
 * Kotlin. It builds everything as an application without Spring Boot would (clients on the SDK's
 * {@code url-connection-client}, the template, the repository factory, the transaction manager, the backfills and
 * migrations, the outbox's repository; and once in an application context, through
 * {@code @EnableSingleTableRepositories}, {@code @EnableSingleTableAuditing} and {@code @SingleTableTransactional}),
 * checks what each feature did, prints a line per feature and exits with {@code 0}; on any {@link Throwable},
 * including one thrown on a thread of the library, it prints the stack trace and exits with {@code 1}.
 * <p>
 * Arguments: the DynamoDB endpoint, the S3 endpoint, the name of the table to create, the name of the bucket to
 * create.
 */
public final class BlockingFeaturesTour {

	/** The line printed when every feature ran. */
	static final String COMPLETED = "Blocking features tour completed";

	private static final String BLOB_PREFIX = "blobs";

	private static final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());

	private final RequestCounter requests = new RequestCounter();

	private final AtomicInteger observations = new AtomicInteger();

	private final DynamoDbClient dynamo;

	private final S3Client s3;

	private final String table;

	private final String bucket;

	private final SingleTableTemplate template;

	private final TaskRepository tasks;

	private final NoteRepository notes;

	private final TransactionTemplate transactions;

	private BlockingFeaturesTour(URI dynamoEndpoint, URI s3Endpoint, String table, String bucket) {
		StaticCredentialsProvider credentials = StaticCredentialsProvider
			.create(AwsBasicCredentials.create("dummy", "dummy"));
		this.dynamo = DynamoDbClient.builder()
			.endpointOverride(dynamoEndpoint)
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(credentials)
			.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests))
			.build();
		this.s3 = S3Client.builder()
			.endpointOverride(s3Endpoint)
			.forcePathStyle(true)
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(credentials)
			.build();
		this.table = table;
		this.bucket = bucket;
		SingleTableSchema.standard(table).create(this.dynamo);
		this.s3.createBucket((request) -> request.bucket(bucket));

		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.template = new SingleTableTemplate(this.dynamo, table, converter);
		this.template.setBlobStorage(new BlobStorage(this.s3, bucket, BLOB_PREFIX, converter.getJsonMapper()));
		this.template.setAuditorAware(() -> Optional.of("tour"));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new CountingHandler(this.observations));
		this.template.setObservationRegistry(registry);

		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		this.tasks = factory.getRepository(TaskRepository.class);
		this.notes = factory.getRepository(NoteRepository.class);
		this.transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));
	}

	/**
	 * Runs the tour.
	 * @param args the DynamoDB endpoint, the S3 endpoint, the table name and the bucket name
	 */
	public static void main(String[] args) {
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
			System.out.println("Uncaught on thread " + thread.getName() + ":");
			ex.printStackTrace(System.out);
			uncaught.add(ex);
		});
		try {
			new BlockingFeaturesTour(URI.create(args[0]), URI.create(args[1]), args[2], args[3]).run();
			System.out.println(COMPLETED);
			System.out.flush();
			System.exit(0);
		}
		catch (Throwable ex) {
			System.out.println("The blocking features tour failed:");
			ex.printStackTrace(System.out);
			System.out.flush();
			System.exit(1);
		}
	}

	private void run() {
		classPath();
		template();
		repositories();
		springConfiguration();
		transactions();
		auditLog();
		blobs();
		evolution();
		outbox();
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30))).as("background work ended").isTrue();
		assertThat(this.observations.get()).as("observations of the template's operations").isPositive();
		done("observations", this.observations.get() + " operations observed through micrometer-observation");
		if (!uncaught.isEmpty()) {
			throw new AssertionError("A thread of the library died", uncaught.get(0));
		}
	}

	private void classPath() {
		for (String absent : List.of("reactor.core.publisher.Mono", "io.netty.channel.Channel",
				"software.amazon.kinesis.coordinator.Scheduler", "io.micrometer.core.instrument.MeterRegistry",
				"kotlin.Unit")) {
			assertThat(loadable(absent)).as("%s on this JVM's class path", absent).isFalse();
		}
		done("class path", "no Reactor, Netty, KCL, micrometer-core or Kotlin");
	}

	private void template() {
		Note first = this.template.create(new Note(null, null, "ann", "first draft"));
		assertThat(first.id()).isNotNull();
		assertThat(first.version()).isEqualTo(1);
		assertThat(this.template.getById(Note.class, first.id())).isEqualTo(first);

		Note second = this.template.update(first.withText("second draft"));
		Note third = this.template.update(second, Changes.set("text", "third draft"));
		assertThat(third.version()).isEqualTo(3);
		assertThat(this.template.findById(Note.class, first.id())).contains(third);
		assertThat(this.template.findAllVersions(Note.class, first.id())).extracting(Note::text)
			.containsExactlyInAnyOrder("first draft", "second draft", "third draft");
		assertThat(this.template.findVersionSummaries(Note.class, first.id()))
			.extracting(VersionSummary::version, VersionSummary::latest)
			.containsExactlyInAnyOrder(tuple(1L, false), tuple(2L, false), tuple(3L, true));
		assertThat(this.template.findVersion(Note.class, first.id(), 1)).map(Note::text).contains("first draft");
		Note restored = this.template.restoreVersion(Note.class, first.id(), 1);
		assertThat(restored.version()).isEqualTo(4);
		assertThat(restored.text()).isEqualTo("first draft");
		assertThat(this.template.deleteVersion(Note.class, first.id(), 2)).isTrue();
		assertThat(this.template.findAllVersions(Note.class, first.id())).extracting(Note::version)
			.containsExactlyInAnyOrder(1L, 3L, 4L);

		Note another = this.template.create(new Note(null, null, "ann", "another"));
		Note bobs = this.template.create(new Note(null, null, "bob", "bob's"));
		assertThat(this.template.query(Note.class).index("gsi1").partition("owner#ann").all())
			.extracting(Note::text)
			.containsExactlyInAnyOrder("first draft", "another");
		QueryPage<Note> page = this.template.query(Note.class).index("gsi1").partition("owner#ann").limit(1).page(null);
		assertThat(page.items()).hasSize(1);
		assertThat(page.nextCursor()).isNotNull();
		QueryPage<Note> next = this.template.query(Note.class)
			.index("gsi1")
			.partition("owner#ann")
			.limit(1)
			.page(page.nextCursor());
		assertThat(next.items()).hasSize(1).doesNotContainAnyElementsOf(page.items());
		try (var stream = this.template.query(Note.class).stream()) {
			assertThat(stream.map(Note::owner)).containsExactlyInAnyOrder("ann", "ann", "bob");
		}
		assertThat(this.template.query(Note.class).index("gsi1").partition("owner#bob").count()).isEqualTo(1);

		this.template.delete(another);
		assertThat(this.template.findById(Note.class, another.id())).isEmpty();
		assertThat(this.template.deleteById(Note.class, bobs.id())).isTrue();
		assertThat(this.template.findById(Note.class, bobs.id())).isEmpty();

		List<Task> stored = this.template.putAll(List.of(new Task("t-1", null, "ann", "rake", 0),
				new Task("t-2", null, "ann", "hose", 0)));
		assertThat(stored).hasSize(2);
		assertThat(this.template.findAllById(Task.class, List.of("t-2", "t-9", "t-1"))).extracting(Task::id)
			.containsExactly("t-2", "t-1");
		assertThat(this.template.increment(Task.class, "t-1", "points", 5)).isEqualTo(5);
		SingleTableSnapshot snapshot = this.template.readTransaction((reads) -> {
			reads.get(Task.class, "t-1");
			reads.get(Note.class, first.id());
		});
		assertThat(snapshot.get(Task.class, "t-1")).map(Task::points).contains(5L);
		assertThat(snapshot.get(Note.class, first.id())).map(Note::version).contains(4L);
		this.template.deleteAllById(Task.class, List.of("t-1", "t-2"));
		assertThat(this.template.findAllById(Task.class, List.of("t-1", "t-2"))).isEmpty();
		done("template", "create, read, update, versions and history, restore, index queries and cursors, "
				+ "deletes, batches, increment, read transaction");
	}

	private void repositories() {
		Task saved = this.tasks.save(new Task(null, null, "ann", "water the plants", 0));
		assertThat(saved.version()).isEqualTo(1);
		Task renamed = this.tasks.save(saved.titled("water the garden"));
		assertThat(renamed.version()).isEqualTo(2);
		assertThat(this.tasks.findById(saved.id())).contains(renamed);
		this.tasks.save(new Task(null, null, "bob", "mow", 0));
		assertThat(this.tasks.findByOwner("ann")).extracting(Task::title).containsExactly("water the garden");
		ItemCollection owned = this.tasks.findOwned("owner#ann", null, Limit.of(10));
		assertThat(owned.get(Task.class)).extracting(Task::title).containsExactly("water the garden");
		assertThat(owned.get(Note.class)).extracting(Note::text).containsExactly("first draft");
		assertThat(this.template.queryCollection("gsi1", Task.class, Note.class).partition("owner#ann").collection(null)
			.items()).hasSize(2);
		assertThat(this.tasks.count()).isEqualTo(2);
		Page<Task> all = this.tasks.findAll(PageRequest.of(0, 10));
		assertThat(all.getContent()).extracting(Task::owner).containsExactlyInAnyOrder("ann", "bob");
		this.tasks.deleteById(saved.id());
		assertThat(this.tasks.existsById(saved.id())).isFalse();

		Note note = this.notes.save(new Note(null, null, "cy", "a note"));
		this.notes.save(note.withText("a longer note"));
		assertThat(this.notes.findByOwner("cy")).extracting(Note::text).containsExactly("a longer note");
		assertThat(this.notes.findVersions(note.id())).hasSize(2);
		assertThat(this.notes.restore(note.id(), 1).text()).isEqualTo("a note");
		done("repositories", "a plain and a versioned repository from SingleTableRepositoryFactory: CRUD, "
				+ "derived queries on gsi1, an item collection, paging, versions");
	}

	private void springConfiguration() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean("singleTableTemplate", SingleTableTemplate.class,
					() -> new SingleTableTemplate(this.dynamo, this.table));
			context.register(TourConfiguration.class);
			context.refresh();
			MemoRepository memos = context.getBean(MemoRepository.class);
			Memo memo = memos.save(new Memo(null, null, null, null, "from a context"));
			assertThat(memo.createdBy()).as("@CreatedBy set by @EnableSingleTableAuditing").isEqualTo("spring");
			assertThat(memos.findById(memo.id())).contains(memo);

			Handover handover = context.getBean(Handover.class);
			this.requests.reset();
			Task task = handover.handOver(memo, "gus");
			assertThat(this.requests.calls("TransactWriteItems")).as("requests of the @Transactional method")
				.isEqualTo(1);
			assertThat(this.requests.calls("PutItem")).isZero();
			assertThat(memos.findById(memo.id())).map(Memo::text).contains("handed over to gus");
			assertThat(context.getBean(TaskRepository.class).findById(task.id())).isPresent();
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> handover.failing(memo.id()));
			assertThat(context.getBean(TaskRepository.class).existsById(memo.id())).as("rolled back").isFalse();
		}
		done("spring configuration", "@EnableSingleTableRepositories, @EnableSingleTableAuditing and a "
				+ "@SingleTableTransactional method (one TransactWriteItems; a rollback) in an application context");
	}

	private void transactions() {
		this.requests.reset();
		Task placed = this.transactions.execute((status) -> {
			Task task = this.tasks.save(new Task(null, null, "dee", "deliver", 0));
			this.template.create(new Note(null, null, "dee", "delivery notes"));
			return task;
		});
		assertThat(this.requests.calls("TransactWriteItems")).as("requests of the transaction").isEqualTo(1);
		assertThat(this.requests.calls("PutItem")).isZero();
		// the task, the note's v1 and v0, and its audit row
		assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(4);
		assertThat(this.tasks.findById(placed.id())).isPresent();
		assertThat(this.notes.findByOwner("dee")).hasSize(1);

		this.transactions.executeWithoutResult((status) -> {
			this.tasks.save(new Task("rolled-back", null, "dee", "never", 0));
			status.setRollbackOnly();
		});
		assertThat(this.tasks.findById("rolled-back")).isEmpty();

		Note delivery = this.notes.findByOwner("dee").get(0);
		this.template.transaction((tx) -> {
			tx.create(new Task("t-3", null, "dee", "invoice", 0));
			tx.increment(Task.class, placed.id(), "points", 3);
			tx.update(delivery.withText("delivered"));
			tx.requireAbsent(Task.class, "rolled-back");
		});
		assertThat(this.tasks.findById(placed.id())).map(Task::points).contains(3L);
		assertThat(this.tasks.findById("t-3")).isPresent();
		assertThat(this.template.getById(Note.class, delivery.id()).text()).isEqualTo("delivered");

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.create(new Task("t-4", null, "dee", "never stored", 0));
				tx.update(delivery.withText("stale"));
			}))
			.satisfies((ex) -> assertThat(ex.getFailures()).extracting(TransactionCancelledException.Failure::reason)
				.containsExactly(TransactionCancelledException.Reason.VERSION_CONFLICT));
		assertThat(this.tasks.findById("t-4")).isEmpty();
		done("transactions", "Spring's TransactionTemplate on SingleTableTransactionManager (commit in one "
				+ "TransactWriteItems, rollback), the template's transaction, a cancelled transaction");
	}

	private void auditLog() {
		Note audited = this.template.create(new Note(null, null, "eve", "audited"));
		Note changed = this.template.update(audited.withText("audited again"));
		this.template.delete(changed);
		List<AuditEntry> rows = this.template.auditLog().forResource("Note", audited.id()).page(null).items();
		assertThat(rows).extracting(AuditEntry::operation)
			.containsExactlyInAnyOrder(AuditEntry.CREATE, AuditEntry.UPDATE, AuditEntry.DELETE);
		assertThat(rows).extracting(AuditEntry::changedBy).containsOnly("tour");
		assertThat(rows).filteredOn((row) -> AuditEntry.UPDATE.equals(row.operation()))
			.singleElement()
			.satisfies((row) -> assertThat(row.changedFields()).containsKey("text"));
		assertThat(this.template.auditLog().byChanger("tour").page(null).items()).hasSizeGreaterThan(rows.size());
		done("audit log", rows.size() + " rows of one resource, written with its changes, read back by resource "
				+ "and by changer");
	}

	private void blobs() {
		byte[] firstPdf = "%PDF-1.7 first".getBytes(StandardCharsets.US_ASCII);
		byte[] secondPdf = "%PDF-1.7 second".getBytes(StandardCharsets.US_ASCII);
		Report created = this.template.create(new Report(null, null, "Q1", Map.of("revenue", 120), firstPdf));
		String id = created.id();
		Report stored = this.template.getById(Report.class, id);
		assertThat(stored.body()).isNull();
		assertThat(stored.attachment()).isNull();
		Map<String, Object> body = this.template.loadBlob(stored, "body");
		assertThat(body).containsEntry("revenue", 120);
		Report full = this.template.loadBlobs(stored);
		assertThat(full.attachment()).isEqualTo(firstPdf);
		assertThat(blobKeys()).containsExactlyInAnyOrder(blobKey(id, 1, "body"), blobKey(id, 1, "attachment"));

		// the body changes, the attachment does not: only the body is uploaded again
		Report second = this.template.update(full.withBody(Map.of("revenue", 150)));
		assertThat(second.version()).isEqualTo(2);
		assertThat(blobKeys()).containsExactlyInAnyOrder(blobKey(id, 1, "body"), blobKey(id, 1, "attachment"),
				blobKey(id, 2, "body"));

		// the attachment changes; two versions are kept, so version 1 is pruned, and its body with it (after the
		// write's answer, on the background thread); its attachment stays, version 2 uses it
		Report third = this.template
			.update(this.template.loadBlobs(this.template.getById(Report.class, id)).withAttachment(secondPdf));
		assertThat(third.version()).isEqualTo(3);
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(30))).as("blob clean-up ended").isTrue();
		assertThat(blobKeys()).containsExactlyInAnyOrder(blobKey(id, 1, "attachment"), blobKey(id, 2, "body"),
				blobKey(id, 3, "attachment"));
		Report latest = this.template.loadBlobs(this.template.getById(Report.class, id));
		assertThat(latest.body()).containsEntry("revenue", 150);
		assertThat(latest.attachment()).isEqualTo(secondPdf);
		Report previous = this.template.loadBlobs(this.template.findVersion(Report.class, id, 2).orElseThrow());
		assertThat(previous.attachment()).isEqualTo(firstPdf);
		assertThat(this.template.findVersion(Report.class, id, 1)).isEmpty();
		done("blobs", "@BlobField properties in S3: written, loaded, an unchanged attachment kept, a changed one "
				+ "uploaded, a pruned version's object deleted");
	}

	private void evolution() {
		// the application before the release: devices not indexed by owner, some without a status
		SingleTableTemplate before = new SingleTableTemplate(this.dynamo, this.table);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String owner = (i % 2 == 0) ? "ann" : "bob";
			ids.add(before.create(new DeviceBefore(null, null, owner, "device-" + i, (i == 0) ? "retired" : null))
				.id());
		}
		assertThat(new SingleTableDefinitions(before).checkTypes(List.of(DeviceBefore.class)).hasDrift()).isFalse();

		// after the release: gsi2 by owner, which the stored devices do not have yet
		SingleTableTemplate after = new SingleTableTemplate(this.dynamo, this.table);
		DriftReport drift = new SingleTableDefinitions(after).checkTypes(List.of(DeviceAfter.class));
		assertThat(drift.refusing()).as("drift of gsi2").isNotEmpty();

		AtomicBoolean codeStepRan = new AtomicBoolean();
		SingleTableBackfills backfills = new SingleTableBackfills(after);
		SingleTableMigrations migrations = new SingleTableMigrations(backfills, List.of(
				SingleTableMigration.version("2").description("index devices by owner").reindex(DeviceAfter.class).build(),
				SingleTableMigration.version("3")
					.description("devices without a status are active")
					.forEach(DeviceAfter.class, (device) -> (device.status() != null) ? device : device.withStatus("active"),
							RewriteMode.IN_PLACE)
					.build(),
				SingleTableMigration.version("4").description("a code step").run("mark", (b) -> codeStepRan.set(true))
					.build()));
		List<MigrationInfo> applied = migrations.migrate();
		assertThat(applied).extracting(MigrationInfo::version, MigrationInfo::state)
			.containsExactly(tuple("2", MigrationState.SUCCESS), tuple("3", MigrationState.SUCCESS),
					tuple("4", MigrationState.SUCCESS));
		assertThat(migrations.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
		assertThat(codeStepRan).isTrue();
		assertThat(after.query(DeviceAfter.class).index("gsi2").partition("owner#ann").all())
			.extracting(DeviceAfter::name, DeviceAfter::status)
			.containsExactlyInAnyOrder(tuple("device-0", "retired"), tuple("device-2", "active"),
					tuple("device-4", "active"));
		assertThat(after.findAllVersions(DeviceAfter.class, ids.get(1))).as("rewritten in place").hasSize(1);
		assertThat(new SingleTableDefinitions(after).checkTypes(List.of(DeviceAfter.class)).hasDrift()).isFalse();

		BackfillResult renamed = backfills.forEach(DeviceAfter.class,
				(device) -> device.withName(device.name().toUpperCase(Locale.ROOT)),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));
		assertThat(renamed.itemsWritten()).isEqualTo(5);
		assertThat(after.findAllVersions(DeviceAfter.class, ids.get(1))).extracting(DeviceAfter::name)
			.containsExactlyInAnyOrder("device-1", "DEVICE-1");
		BackfillResult reindexed = backfills.reindex(DeviceAfter.class);
		assertThat(reindexed.itemsRead()).isEqualTo(5);
		assertThat(reindexed.itemsWritten()).as("nothing left to re-index").isZero();
		done("evolution", "drift of a new index, migrations 2 (reindex), 3 (forEach in place), 4 (code) applied, "
				+ "a backfill of " + renamed.itemsWritten() + " new versions");
	}

	private void outbox() {
		SingleTableEventPublicationRepository outbox = new SingleTableEventPublicationRepository(this.template,
				CompletionMode.UPDATE);
		PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("tour.Notifier.on(TaskAssigned)");
		this.requests.reset();
		TargetEventPublication publication = this.transactions.execute((status) -> {
			Task task = this.tasks.save(new Task(null, null, "fay", "ship", 0));
			return outbox.create(TargetEventPublication.of(new TaskAssigned(task.id(), "fay"), listener));
		});
		assertThat(this.requests.calls("TransactWriteItems")).as("the task and its publication together")
			.isEqualTo(1);
		assertThat(this.requests.calls("PutItem")).isZero();
		assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(2);

		assertThat(outbox.findIncompletePublications()).singleElement().satisfies((incomplete) -> {
			assertThat(incomplete.getIdentifier()).isEqualTo(publication.getIdentifier());
			assertThat(incomplete.getEvent()).isEqualTo(publication.getEvent());
		});
		outbox.markProcessing(publication.getIdentifier());
		assertThat(outbox.countByStatus(Status.PROCESSING)).isEqualTo(1);
		outbox.markCompleted(publication.getIdentifier(), Instant.now());
		assertThat(outbox.findIncompletePublications()).isEmpty();
		assertThat(outbox.findCompletedPublications()).singleElement().satisfies((completed) -> {
			assertThat(completed.getStatus()).isEqualTo(Status.COMPLETED);
			assertThat(completed.getCompletionDate()).isPresent();
		});

		// published outside a transaction: stored at once, completed by its event and listener
		TaskAssigned direct = new TaskAssigned("t-direct", "fay");
		outbox.create(TargetEventPublication.of(direct, listener));
		assertThat(outbox.findIncompletePublicationsByEventAndTargetIdentifier(direct, listener)).isPresent();
		outbox.markCompleted(direct, listener, Instant.now());
		assertThat(outbox.countByStatus(Status.COMPLETED)).isEqualTo(2);
		done("outbox", "a publication stored with the transaction's writes, processing, completed; another stored "
				+ "at once and completed");
	}

	private List<String> blobKeys() {
		return this.s3.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(BLOB_PREFIX + "/Report/"))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private static String blobKey(String id, long version, String property) {
		return BLOB_PREFIX + "/Report/" + id + "/v" + version + "/" + property;
	}

	private static boolean loadable(String className) {
		try {
			Class.forName(className, false, BlockingFeaturesTour.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	private static void done(String feature, String what) {
		System.out.println("ok " + feature + ": " + what);
	}

	/** Counts the observations that stopped. */
	private record CountingHandler(AtomicInteger stopped) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/** The configuration of an application without Spring Boot. */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = BlockingFeaturesTour.class, considerNestedRepositories = true)
	@EnableSingleTableAuditing
	@EnableTransactionManagement
	static class TourConfiguration {

		@Bean
		SingleTableTransactionManager singleTableTransactionManager(SingleTableTemplate template) {
			return new SingleTableTransactionManager(template.getDatabaseFactory());
		}

		@Bean
		AuditorAware<String> currentUser() {
			return () -> Optional.of("spring");
		}

		@Bean
		Handover handover(MemoRepository memos, TaskRepository tasks) {
			return new Handover(memos, tasks);
		}

	}

	/** A service whose writes are one transaction. */
	public static class Handover {

		private final MemoRepository memos;

		private final TaskRepository tasks;

		Handover(MemoRepository memos, TaskRepository tasks) {
			this.memos = memos;
			this.tasks = tasks;
		}

		@SingleTableTransactional
		public Task handOver(Memo memo, String owner) {
			this.memos.save(memo.withText("handed over to " + owner));
			return this.tasks.save(new Task(null, null, owner, "take over " + memo.id(), 0));
		}

		@SingleTableTransactional
		public void failing(String id) {
			this.tasks.save(new Task(id, null, "nobody", "never stored", 0));
			throw new IllegalStateException("called off");
		}

	}

	/** A versioned, audited note, indexed by owner. */
	@SingleTableEntity(versioned = true)
	@Audited
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	public record Note(@Id String id, @Version Long version, String owner, String text) {

		Note withText(String text) {
			return new Note(this.id, this.version, this.owner, text);
		}

	}

	/** A plain task with a version, indexed by owner. */
	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	public record Task(@Id String id, @Version Long version, String owner, String title, long points) {

		Task titled(String title) {
			return new Task(this.id, this.version, this.owner, title, this.points);
		}

	}

	/** A versioned report whose body and attachment are S3 objects; two versions are kept. */
	@SingleTableEntity(versioned = true, maxVersions = 2)
	public record Report(@Id String id, @Version Long version, String title,
			@BlobField(compress = true, contentType = "application/json") Map<String, Object> body,
			@BlobField byte[] attachment) {

		Report withBody(Map<String, Object> body) {
			return new Report(this.id, this.version, this.title, body, this.attachment);
		}

		Report withAttachment(byte[] attachment) {
			return new Report(this.id, this.version, this.title, this.body, attachment);
		}

	}

	/** A device as the application stored it before the release. */
	@SingleTableEntity(prefix = "Device", versioned = true)
	public record DeviceBefore(@Id String id, @Version Long version, String owner, String name, String status) {
	}

	/** The device after the release: indexed by owner. */
	@SingleTableEntity(prefix = "Device", versioned = true)
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	public record DeviceAfter(@Id String id, @Version Long version, String owner, String name, String status) {

		DeviceAfter withStatus(String status) {
			return new DeviceAfter(this.id, this.version, this.owner, this.name, status);
		}

		DeviceAfter withName(String name) {
			return new DeviceAfter(this.id, this.version, this.owner, name, this.status);
		}

	}

	/** A plain memo whose author Spring Data's auditing sets. */
	@SingleTableEntity
	public record Memo(@Id String id, @Version Long version, @CreatedBy String createdBy,
			@LastModifiedBy String modifiedBy, String text) {

		Memo withText(String text) {
			return new Memo(this.id, this.version, this.createdBy, this.modifiedBy, text);
		}

	}

	/** The event of the outbox. */
	public record TaskAssigned(String taskId, String owner) {
	}

	/** The tasks' repository. */
	public interface TaskRepository extends SingleTableRepository<Task> {

		List<Task> findByOwner(String owner);

		@CollectionQuery(index = "gsi1", types = { Task.class, Note.class })
		ItemCollection findOwned(String ownerKey, String cursor, Limit limit);

	}

	/** The memos' repository. */
	public interface MemoRepository extends SingleTableRepository<Memo> {

	}

	/** The notes' repository. */
	public interface NoteRepository extends VersionedRepository<Note> {

		List<Note> findByOwner(String owner);

	}

}
