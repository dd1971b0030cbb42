package dev.singletable.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Blob writes that race, each interleaving forced by holding one writer's item write in front of the real DynamoDB
 * Local (an interceptor on that writer's client) while another instance (a second template on the same table and
 * bucket) writes: a stored version or plain item always loads the bytes of the write that stored it, and no item
 * refers to a missing object. Then many writers at once, where at the end every stored version loads exactly the
 * bytes its writer sent and the bucket holds no object that no item refers to.
 */
class BlobRaceIntegrationTests {

	private static final String PREFIX = "race";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final Gate gate = new Gate();

	/** The writer that is held. */
	private SingleTableTemplate held;

	/** Another instance on the same table and bucket. */
	private SingleTableTemplate other;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() {
		this.held = template(DynamoDbLocal.newClient(this.gate));
		this.other = template(dynamo.client());
	}

	@AfterEach
	void tearDown() {
		this.gate.releaseAll();
		this.threads.shutdownNow();
	}

	private static SingleTableTemplate template(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		SingleTableTemplate template = new SingleTableTemplate(client, dynamo.tableName(), converter);
		template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), PREFIX, converter.getJsonMapper()));
		return template;
	}

	// ---- plain types: one key for every write ----------------------------------------------------------

	@Test
	void aPlainWriterHeldBeforeItsItemKeepsTheObjectAndTheOtherWriterIsRefusedBeforeTouchingIt() throws Exception {
		Note read = this.other.create(new Note("n1", null, "original"));
		this.other.blobLocks().setTimings(Duration.ofSeconds(60), Duration.ofMillis(300));

		this.gate.hold(Gate.itemWriteOf("Note#n1"));
		Future<Note> a = this.threads.submit(() -> this.held.update(read.withText("from A")));
		this.gate.awaitArrival();
		assertThat(s3Text("Note/n1/text")).isEqualTo("from A");

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.other.update(read.withText("from B")))
			.withMessageContaining("Note 'n1'");
		assertThat(s3Text("Note/n1/text")).isEqualTo("from A");

		this.gate.release();
		assertThat(a.get(30, TimeUnit.SECONDS).version()).isEqualTo(2);
		Note stored = this.other.loadBlobs(this.other.getById(Note.class, "n1"));
		assertThat(stored.text()).isEqualTo("from A");
		assertNoObjectWithoutItem();
	}

	@Test
	void aPlainWriterWaitingForTheLockLosesToTheHeldOneAndPutsNothingBackOverIt() throws Exception {
		Note read = this.other.create(new Note("n2", null, "original"));

		this.gate.hold(Gate.itemWriteOf("Note#n2"));
		Future<Note> a = this.threads.submit(() -> this.held.update(read.withText("from A")));
		this.gate.awaitArrival();
		Future<Note> b = this.threads.submit(() -> this.other.update(read.withText("from B")));
		Thread.sleep(300);
		assertThat(b).isNotDone();

		this.gate.release();
		assertThat(a.get(30, TimeUnit.SECONDS).text()).isEqualTo("from A");
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> b.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(VersionConflictException.class);
		assertThat(this.other.loadBlobs(this.other.getById(Note.class, "n2")).text()).isEqualTo("from A");
		assertThat(s3Text("Note/n2/text")).isEqualTo("from A");
		assertThat(s3.keys()).allMatch((key) -> !key.contains("~previous~"));
	}

	@Test
	void anUpsertThatWaitsForTheLockWinsAfterTheHeldOneWithItsOwnBytes() throws Exception {
		this.other.save(new Upserted("u1", "original"));

		this.gate.hold(Gate.itemWriteOf("Upserted#u1"));
		Future<Upserted> a = this.threads.submit(() -> this.held.save(new Upserted("u1", "from A")));
		this.gate.awaitArrival();
		Future<Upserted> b = this.threads.submit(() -> this.other.save(new Upserted("u1", "from B")));
		Thread.sleep(300);
		this.gate.release();
		a.get(30, TimeUnit.SECONDS);
		b.get(30, TimeUnit.SECONDS);

		assertThat(this.other.loadBlobs(this.other.getById(Upserted.class, "u1")).text()).isEqualTo("from B");
		assertThat(s3Text("Upserted/u1/text")).isEqualTo("from B");
	}

	// ---- versioned types: one key per version ------------------------------------------------------------

	@Test
	void twoWritersOfTheSameVersionNeverLeaveTheWinnersVersionWithTheLosersBytes() throws Exception {
		Doc read = this.other.create(new Doc(null, null, "one"));
		String id = read.id();

		this.gate.hold(Gate.itemWriteOf("Doc#" + id));
		Future<Doc> a = this.threads.submit(() -> this.held.update(read.withBody("from A")));
		this.gate.awaitArrival();
		Future<Doc> b = this.threads.submit(() -> this.other.update(read.withBody("from B")));
		Thread.sleep(300);
		this.gate.release();

		assertThat(a.get(30, TimeUnit.SECONDS).version()).isEqualTo(2);
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> b.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(VersionConflictException.class);
		assertThat(this.other.loadBlobs(this.other.findVersion(Doc.class, id, 2).orElseThrow()).body())
			.isEqualTo("from A");
		assertThat(this.other.loadBlobs(this.other.findVersion(Doc.class, id, 1).orElseThrow()).body())
			.isEqualTo("one");
		assertNoObjectWithoutItem();
	}

	@Test
	void aWriterRefusedWhileTheLockIsHeldUploadsNothing() throws Exception {
		Doc read = this.other.create(new Doc(null, null, "one"));
		this.other.blobLocks().setTimings(Duration.ofSeconds(60), Duration.ofMillis(200));

		this.gate.hold(Gate.itemWriteOf("Doc#" + read.id()));
		Future<Doc> a = this.threads.submit(() -> this.held.update(read.withBody("from A")));
		this.gate.awaitArrival();
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.other.update(read.withBody("from B")));
		assertThat(s3Text("Doc/" + read.id() + "/v2/body")).isEqualTo("from A");

		this.gate.release();
		assertThat(this.other.loadBlobs(a.get(30, TimeUnit.SECONDS)).body()).isEqualTo("from A");
	}

	@Test
	void aLockWhoseHolderDiedIsTakenOverWhenItsLeaseEnds() {
		// a plain type: its writes hold the lock (a versioned update after the first writes its objects only if absent)
		Note read = this.other.create(new Note("dead", null, "one"));
		// a holder that died: its lease ended a moment ago
		dynamo.rawClient()
			.putItem((request) -> request.tableName(dynamo.tableName())
				.item(Map.of("pk", AttributeValue.fromS(BlobLocks.KEY_PREFIX + "Note#dead"), "sk",
						AttributeValue.fromS(BlobLocks.KEY_PREFIX + "Note#dead"), "lock_token",
						AttributeValue.fromS("dead"), "lock_expires_at",
						AttributeValue.fromN(Long.toString(System.currentTimeMillis() - 1)))));

		Note updated = this.other.update(read.withText("after the takeover"));

		assertThat(this.other.loadBlobs(updated).text()).isEqualTo("after the takeover");
		assertThat(dynamo.storedItem(BlobLocks.KEY_PREFIX + "Note#dead", BlobLocks.KEY_PREFIX + "Note#dead")).isEmpty();
	}

	// ---- restores and version deletes ---------------------------------------------------------------------

	@Test
	void aRestoreHeldWhileItsVersionIsDeletedFailsInsteadOfReferringToTheDeletedObject() throws Exception {
		Doc v1 = this.other.create(new Doc(null, null, "first"));
		Doc v2 = this.other.update(v1.withBody("second"));
		String id = v1.id();

		this.gate.hold(Gate.itemWriteOf("Doc#" + id));
		Future<Doc> restore = this.threads.submit(() -> this.held.restoreVersion(Doc.class, id, 1));
		this.gate.awaitArrival();
		assertThat(this.other.deleteVersion(Doc.class, id, 1)).isTrue();
		this.gate.release();

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> restore.get(30, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(NoSuchResourceException.class)
			.withMessageContaining("version 1");
		Doc latest = this.other.getById(Doc.class, id);
		assertThat(latest.version()).isEqualTo(v2.version());
		assertThat(this.other.loadBlobs(latest).body()).isEqualTo("second");
		assertThat(s3.keys()).doesNotContain(PREFIX + "/Doc/" + id + "/v1/body");
		assertNoObjectWithoutItem();
	}

	@Test
	void aRestoreThatCommitsFirstKeepsTheObjectTheVersionDeleteWouldRemove() throws Exception {
		Doc v1 = this.other.create(new Doc(null, null, "first"));
		this.other.update(v1.withBody("second"));
		String id = v1.id();

		Doc restored = this.held.restoreVersion(Doc.class, id, 1);
		assertThat(this.other.deleteVersion(Doc.class, id, 1)).isTrue();

		assertThat(this.other.loadBlobs(this.other.getById(Doc.class, id)).body()).isEqualTo("first");
		assertThat(restored.version()).isEqualTo(3);
		assertNoObjectWithoutItem();
	}

	// ---- many writers -------------------------------------------------------------------------------------

	@Test
	void eightWritersOfOneResourceEachStoreTheirOwnBytesAtTheirVersion() throws Exception {
		Doc created = this.other.create(new Doc(null, null, "v1"));
		String id = created.id();
		Map<Long, String> sent = new ConcurrentHashMap<>();
		sent.put(1L, "v1");
		List<Future<?>> writers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			SingleTableTemplate writer = (t % 2 == 0) ? this.other : this.held;
			int thread = t;
			writers.add(this.threads.submit(() -> {
				for (int i = 0; i < 5; i++) {
					String body = "thread " + thread + " write " + i;
					for (;;) {
						Doc latest = writer.getById(Doc.class, id);
						try {
							Doc stored = writer.update(latest.withBody(body));
							sent.put(stored.version(), body);
							break;
						}
						catch (VersionConflictException ex) {
							// another writer won: read again and retry
						}
					}
				}
				return null;
			}));
		}
		for (Future<?> writer : writers) {
			writer.get(120, TimeUnit.SECONDS);
		}

		assertThat(sent).hasSize(41);
		for (Map.Entry<Long, String> version : sent.entrySet()) {
			assertThat(this.other.loadBlobs(this.other.findVersion(Doc.class, id, version.getKey()).orElseThrow()).body())
				.as("version %d", version.getKey())
				.isEqualTo(version.getValue());
		}
		assertNoObjectWithoutItem();
	}

	@Test
	void sixteenThreadsOfUpdatesRestoresAndVersionDeletesLeaveEveryVersionWithItsWritersBytes() throws Exception {
		List<String> ids = List.of(this.other.create(new Doc(null, null, "a1")).id(),
				this.other.create(new Doc(null, null, "b1")).id());
		Map<String, String> expected = new ConcurrentHashMap<>();
		expected.put(ids.get(0) + "/1", "a1");
		expected.put(ids.get(1) + "/1", "b1");
		AtomicInteger counter = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < 16; t++) {
			SingleTableTemplate writer = (t % 2 == 0) ? this.other : this.held;
			workers.add(this.threads.submit(() -> {
				start.await();
				ThreadLocalRandom random = ThreadLocalRandom.current();
				for (int i = 0; i < 12; i++) {
					String id = ids.get(random.nextInt(ids.size()));
					int kind = random.nextInt(10);
					try {
						Doc latest = writer.getById(Doc.class, id);
						if (kind < 6) {
							String body = "write " + counter.incrementAndGet();
							Doc stored = writer.update(latest.withBody(body));
							expected.put(id + "/" + stored.version(), body);
						}
						else if (kind < 8) {
							long from = 1 + random.nextLong(latest.version());
							String body = expected.get(id + "/" + from);
							if (body == null) {
								// its writer has not noted it yet
								continue;
							}
							Doc stored = writer.restoreVersion(Doc.class, id, from);
							expected.put(id + "/" + stored.version(), body);
						}
						else if (latest.version() > 1) {
							writer.deleteVersion(Doc.class, id, 1 + random.nextLong(latest.version() - 1));
						}
					}
					catch (VersionConflictException | NoSuchResourceException ex) {
						// lost a race: nothing was written
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> worker : workers) {
			worker.get(180, TimeUnit.SECONDS);
		}

		int checked = 0;
		for (String id : ids) {
			for (String sk : dynamo.sortKeys("Doc#" + id)) {
				if (sk.equals("v0")) {
					continue;
				}
				long version = Long.parseLong(sk.substring(1));
				Doc stored = this.other.loadBlobs(this.other.findVersion(Doc.class, id, version).orElseThrow());
				assertThat(stored.body()).as("%s version %d", id, version).isEqualTo(expected.get(id + "/" + version));
				checked++;
			}
			Doc latest = this.other.loadBlobs(this.other.getById(Doc.class, id));
			assertThat(latest.body()).isEqualTo(expected.get(id + "/" + latest.version()));
		}
		assertThat(checked).isGreaterThan(2);
		assertNoObjectWithoutItem();
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	private String s3Text(String key) {
		return s3.rawClient()
			.getObjectAsBytes((request) -> request.bucket(s3.bucket()).key(PREFIX + "/" + key))
			.asUtf8String()
			.replace("\"", "");
	}

	/**
	 * Every object of the bucket is one a stored item refers to, and every object an item refers to exists.
	 */
	private static void assertNoObjectWithoutItem() {
		Set<String> referenced = new HashSet<>();
		dynamo.rawClient().scanPaginator((request) -> request.tableName(dynamo.tableName())).items().forEach((item) -> {
			String pk = item.get("pk").s();
			int hash = pk.indexOf('#');
			if (pk.startsWith("_INTERNAL") || hash < 0) {
				return;
			}
			String type = pk.substring(0, hash);
			String id = pk.substring(hash + 1);
			AttributeValue fields = item.get("_blob_fields");
			if (fields == null) {
				return;
			}
			AttributeValue versions = item.get("_blob_versions");
			AttributeValue own = item.get("version");
			for (AttributeValue field : fields.l()) {
				if (versions != null && versions.m().containsKey(field.s())) {
					referenced.add(PREFIX + "/" + type + "/" + id + "/v" + versions.m().get(field.s()).n() + "/"
							+ field.s());
				}
				else if (item.get("sk").s().startsWith("v") && own != null) {
					referenced.add(PREFIX + "/" + type + "/" + id + "/v" + own.n() + "/" + field.s());
				}
				else {
					referenced.add(PREFIX + "/" + type + "/" + id + "/" + field.s());
				}
			}
		});
		assertThat(s3.keys()).as("objects in the bucket").containsExactlyInAnyOrderElementsOf(referenced);
	}

	/**
	 * Holds one request of the writer whose client it is installed on before it reaches the server, until released.
	 */
	static final class Gate implements ExecutionInterceptor {

		private volatile @Nullable Predicate<SdkRequest> target;

		private volatile CountDownLatch arrived = new CountDownLatch(1);

		private volatile CountDownLatch released = new CountDownLatch(1);

		/**
		 * The item write (a single {@code PutItem} or a {@code TransactWriteItems}) of a resource, not its lock.
		 */
		static Predicate<SdkRequest> itemWriteOf(String pk) {
			return (request) -> {
				if (request instanceof PutItemRequest put) {
					return put.item().get("pk").s().equals(pk);
				}
				if (request instanceof TransactWriteItemsRequest transaction) {
					return transaction.transactItems()
						.stream()
						.anyMatch((item) -> item.put() != null && item.put().item().get("pk").s().equals(pk));
				}
				return false;
			};
		}

		void hold(Predicate<SdkRequest> request) {
			this.arrived = new CountDownLatch(1);
			this.released = new CountDownLatch(1);
			this.target = request;
		}

		void awaitArrival() throws InterruptedException {
			assertThat(this.arrived.await(30, TimeUnit.SECONDS)).as("the held request arrived").isTrue();
		}

		void release() {
			this.released.countDown();
		}

		void releaseAll() {
			this.target = null;
			this.released.countDown();
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
			Predicate<SdkRequest> current = this.target;
			if (current != null && current.test(context.request())) {
				this.target = null;
				this.arrived.countDown();
				try {
					this.released.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		static String operation(ExecutionAttributes attributes) {
			return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		}

	}

	@SingleTableEntity(versioned = true)
	record Doc(@Id String id, @Version Long version, @BlobField String body) {

		Doc withBody(String body) {
			return new Doc(this.id, this.version, body);
		}

	}

	@SingleTableEntity
	record Note(@Id String id, @Version Long version, @BlobField String text) {

		Note withText(String text) {
			return new Note(this.id, this.version, text);
		}

	}

	@SingleTableEntity
	record Upserted(@Id String id, @BlobField String text) {
	}

}
