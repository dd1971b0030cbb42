package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template's blob writes and loads on a table and bucket shared with the real Python
 * {@code simplesingletable} 16.5.0: resources with blob fields written by either library are read, and their blobs
 * loaded, by the other, through the references on their items. Skipped with a reason when Python or the library is
 * missing (see {@link PythonLibrary}).
 */
class CrossLanguageBlobWritesIntegrationTests {

	private static final String PREFIX = "shared";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		python.call("configure_s3", Map.of("endpoint", S3Local.endpoint().toString(), "bucket", s3.bucket(), "prefix",
				PREFIX));
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setBlobStorage(
				new BlobStorage(s3.client(), s3.bucket(), PREFIX, this.template.getConverter().getJsonMapper()));
	}

	@Test
	void javaLoadsTheBlobsOfEveryVersionPythonWrote() {
		String raw = Base64.getEncoder().encodeToString(new byte[] { 5, 6, 7 });
		String id = python.call("blob_create", Map.of("type", "CrossBlobDoc", "data", Map.of("title", "one", "body",
				Map.of("pages", 1), "raw_base64", raw))).path("fields").path("resource_id").asString();
		python.call("blob_update", Map.of("type", "CrossBlobDoc", "id", id, "data", Map.of("body", Map.of("pages", 2))));

		CrossBlobDoc latest = this.template.getById(CrossBlobDoc.class, id);
		assertThat(latest.body()).isNull();
		CrossBlobDoc loaded = this.template.loadBlobs(latest);
		assertThat(loaded.body()).containsEntry("pages", 2);
		assertThat(loaded.raw()).containsExactly(5, 6, 7);
		assertThat(this.template.loadBlobs(this.template.findVersion(CrossBlobDoc.class, id, 1).orElseThrow()).body())
			.containsEntry("pages", 1);

		// a Java update of another property refers to Python's objects and Python still loads them
		this.template.update(latest.withTitle("java"));
		JsonNode read = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", id)).path("fields");
		assertThat(read.path("title").asString()).isEqualTo("java");
		assertThat(read.path("body").path("pages").asInt()).isEqualTo(2);
		assertThat(Base64.getDecoder().decode(read.path("raw").asString())).containsExactly(5, 6, 7);
	}

	@Test
	void pythonLoadsTheBlobsJavaWroteThroughItsReferences() {
		CrossBlobDoc v1 = this.template
			.create(new CrossBlobDoc(null, null, null, null, "one", Map.of("from", "java"), new byte[] { 9, 8 }));
		CrossBlobDoc v2 = this.template.update(this.template.getById(CrossBlobDoc.class, v1.id()).withTitle("two"));
		this.template.update(v2.withBody(Map.of("from", "java v3")));
		assertThat(s3.keys()).containsExactlyInAnyOrder(PREFIX + "/CrossBlobDoc/" + v1.id() + "/v1/body",
				PREFIX + "/CrossBlobDoc/" + v1.id() + "/v1/raw", PREFIX + "/CrossBlobDoc/" + v1.id() + "/v3/body");

		JsonNode latest = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", v1.id())).path("fields");
		assertThat(latest.path("body").path("from").asString()).isEqualTo("java v3");
		assertThat(Base64.getDecoder().decode(latest.path("raw").asString())).containsExactly(9, 8);
		JsonNode second = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", v1.id(), "version", 2))
			.path("fields");
		assertThat(second.path("title").asString()).isEqualTo("two");
		assertThat(second.path("body").path("from").asString()).isEqualTo("java");
	}

	@Test
	void pythonLoadsTheVersionsJavaWroteWhoseDigestsRecognisedAnUnchangedValue() {
		CrossBlobDoc v1 = this.template
			.create(new CrossBlobDoc(null, null, null, null, "one", Map.of("n", 1), new byte[] { 1, 2 }));
		// the same bytes in a new array, and the same JSON: recognised by the digests the items record
		CrossBlobDoc v2 = this.template.update(new CrossBlobDoc(v1.id(), v1.version(), v1.createdAt(), v1.updatedAt(),
				"two", Map.of("n", 1), new byte[] { 1, 2 }));
		this.template.update(new CrossBlobDoc(v1.id(), v2.version(), v2.createdAt(), v2.updatedAt(), "three",
				Map.of("n", 1), new byte[] { 3 }));
		assertThat(s3.keys()).containsExactlyInAnyOrder(PREFIX + "/CrossBlobDoc/" + v1.id() + "/v1/body",
				PREFIX + "/CrossBlobDoc/" + v1.id() + "/v1/raw", PREFIX + "/CrossBlobDoc/" + v1.id() + "/v3/raw");

		for (long version = 1; version <= 3; version++) {
			JsonNode fields = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", v1.id(), "version", version))
				.path("fields");
			assertThat(fields.path("body").path("n").asInt()).as("v%d body", version).isEqualTo(1);
			assertThat(Base64.getDecoder().decode(fields.path("raw").asString())).as("v%d raw", version)
				.containsExactly((version < 3) ? new byte[] { 1, 2 } : new byte[] { 3 });
		}
		JsonNode latest = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", v1.id())).path("fields");
		assertThat(latest.path("title").asString()).isEqualTo("three");
	}

	@Test
	void aPythonUpdateBetweenTheJavaReadAndWriteWinsAndTheJavaWriteConflicts() {
		CrossBlobDoc created = this.template
			.create(new CrossBlobDoc(null, null, null, null, "one", Map.of("from", "java"), new byte[] { 1 }));
		// this application read it: the update would not read the version it follows again
		CrossBlobDoc read = this.template.getById(CrossBlobDoc.class, created.id());
		python.call("blob_update",
				Map.of("type", "CrossBlobDoc", "id", created.id(), "data", Map.of("body", Map.of("from", "python"))));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(read.withBody(Map.of("from", "java v2"))));

		JsonNode latest = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", created.id())).path("fields");
		assertThat(latest.path("version").asLong()).isEqualTo(2);
		assertThat(latest.path("body").path("from").asString()).isEqualTo("python");
		assertThat(Base64.getDecoder().decode(latest.path("raw").asString())).containsExactly(1);
		// read again, the update follows Python's version
		CrossBlobDoc third = this.template.update(this.template.getById(CrossBlobDoc.class, created.id()).withTitle("three"));
		assertThat(this.template.loadBlobs(third).body()).containsEntry("from", "python");
	}

	@Test
	void aPythonCopyOfABlobInPlaceBetweenTheJavaReadAndWriteIsFollowed() {
		CrossBlobDoc source = this.template
			.create(new CrossBlobDoc(null, null, null, null, "source", Map.of("from", "source"), new byte[] { 7 }));
		CrossBlobDoc target = this.template
			.create(new CrossBlobDoc(null, null, null, null, "target", Map.of("from", "target"), new byte[] { 1 }));
		// v2 refers to v1's body; this application wrote it, so it knows that
		CrossBlobDoc second = this.template.update(target.withTitle("two"));
		// Python copies the source's body onto v2 in place: v2 and v0 now refer to v2's object, at version 2
		python.call("blob_copy", Map.of("type", "CrossBlobDoc", "source_id", source.id(), "id", target.id(), "field",
				"body"));

		// as read: the blob properties not loaded (null), so each keeps the reference of the version it follows
		CrossBlobDoc third = this.template.update(new CrossBlobDoc(second.id(), second.version(), second.createdAt(),
				second.updatedAt(), "three", null, null));

		assertThat(third.version()).isEqualTo(3L);
		assertThat(this.template.loadBlobs(third).body()).containsEntry("from", "source");
		JsonNode latest = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", target.id())).path("fields");
		assertThat(latest.path("title").asString()).isEqualTo("three");
		assertThat(latest.path("body").path("from").asString()).isEqualTo("source");
		assertThat(Base64.getDecoder().decode(latest.path("raw").asString())).containsExactly(1);
	}

	@Test
	void aPythonCopyOfABlobInPlaceBetweenTheReactiveReadAndWriteIsFollowed() {
		try (DynamoDbAsyncClient dynamoClient = DynamoDbLocal.newAsyncClient();
				S3AsyncClient s3Client = S3Local.newAsyncClient()) {
			ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(dynamoClient, dynamo.tableName());
			reactive.setBlobStorage(new ReactiveBlobStorage(s3Client, s3.bucket(), PREFIX,
					reactive.getConverter().getJsonMapper()));
			CrossBlobDoc source = reactive
				.create(new CrossBlobDoc(null, null, null, null, "source", Map.of("from", "source"), new byte[] { 7 }))
				.block();
			String id = reactive
				.create(new CrossBlobDoc(null, null, null, null, "target", Map.of("from", "target"), new byte[] { 1 }))
				.block()
				.id();
			reactive.update(reactive.findById(CrossBlobDoc.class, id).block().withTitle("two")).block();
			// read by the application at v2 (v2 refers to v1's body), then Python copies a body onto v2 in place
			CrossBlobDoc read = reactive.findById(CrossBlobDoc.class, id).block();
			python.call("blob_copy", Map.of("type", "CrossBlobDoc", "source_id", source.id(), "id", id, "field",
					"body"));

			CrossBlobDoc third = reactive.update(read.withTitle("three")).block();

			assertThat(third.version()).isEqualTo(3L);
			assertThat(reactive.loadBlobs(third).block().body()).containsEntry("from", "source");
			JsonNode latest = python.call("blob_get", Map.of("type", "CrossBlobDoc", "id", id)).path("fields");
			assertThat(latest.path("title").asString()).isEqualTo("three");
			assertThat(latest.path("body").path("from").asString()).isEqualTo("source");
		}
	}

	@Test
	void plainBlobsGoBothWays() {
		CrossBlobNote note = this.template.create(new CrossBlobNote(null, null, null, "t", "java text"));
		assertThat(python.call("blob_get", Map.of("type", "CrossBlobNote", "id", note.id())).path("fields").path("text")
			.asString()).isEqualTo("java text");

		String id = python.call("blob_create", Map.of("type", "CrossBlobNote", "data", Map.of("title", "p", "text",
				"python text"))).path("fields").path("resource_id").asString();
		assertThat((String) this.template.loadBlob(this.template.getById(CrossBlobNote.class, id), "text"))
			.isEqualTo("python text");
	}

	@Test
	void pythonReadsEveryVersionThatConcurrentUpdatesRestoresAndVersionDeletesLeft() throws Exception {
		String id = this.template
			.create(new CrossBlobDoc(null, null, null, null, "t", Map.of("n", 0), new byte[] { 1 }))
			.id();
		Map<Long, Integer> expected = new java.util.concurrent.ConcurrentHashMap<>();
		expected.put(1L, 0);
		java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			java.util.List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				workers.add(threads.submit(() -> {
					java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
					for (int i = 0; i < 8; i++) {
						try {
							CrossBlobDoc latest = this.template.getById(CrossBlobDoc.class, id);
							int kind = random.nextInt(10);
							if (kind < 6) {
								int n = counter.incrementAndGet();
								expected.put(this.template.update(latest.withBody(Map.of("n", n))).version(), n);
							}
							else if (kind < 8) {
								long from = 1 + random.nextLong(latest.version());
								Integer n = expected.get(from);
								if (n != null) {
									expected.put(this.template.restoreVersion(CrossBlobDoc.class, id, from).version(), n);
								}
							}
							else if (latest.version() > 1) {
								this.template.deleteVersion(CrossBlobDoc.class, id, 1 + random.nextLong(latest.version() - 1));
							}
						}
						catch (dev.singletable.core.VersionConflictException
								| dev.singletable.core.NoSuchResourceException ex) {
							// lost a race: nothing was written
						}
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> worker : workers) {
				worker.get(120, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		int read = 0;
		for (String sk : dynamo.sortKeys("CrossBlobDoc#" + id)) {
			long version = Long.parseLong(sk.substring(1));
			JsonNode fields = python
				.call("blob_get", (version == 0) ? Map.of("type", "CrossBlobDoc", "id", id)
						: Map.of("type", "CrossBlobDoc", "id", id, "version", version))
				.path("fields");
			long stored = fields.path("version").asLong();
			assertThat(fields.path("body").path("n").asInt()).as("version %d read by Python", stored)
				.isEqualTo(expected.get(stored));
			assertThat(Base64.getDecoder().decode(fields.path("raw").asString())).containsExactly(1);
			read++;
		}
		assertThat(read).isGreaterThan(2);
	}

	/** Python {@code CrossBlobDoc}: versioned, a compressed JSON blob and a raw bytes blob. */
	@SingleTableEntity(prefix = "CrossBlobDoc", versioned = true)
	record CrossBlobDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title,
			@BlobField(compress = true, contentType = "application/json") Map<String, Object> body,
			@BlobField byte[] raw) {

		CrossBlobDoc withTitle(String title) {
			return new CrossBlobDoc(this.id, this.version, this.createdAt, this.updatedAt, title, this.body, this.raw);
		}

		CrossBlobDoc withBody(Map<String, Object> body) {
			return new CrossBlobDoc(this.id, this.version, this.createdAt, this.updatedAt, this.title, body, this.raw);
		}

	}

	/** Python {@code CrossBlobNote}: plain, one text blob. */
	@SingleTableEntity(prefix = "CrossBlobNote")
	record CrossBlobNote(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, @BlobField String text) {
	}

}
