package dev.singletable.core.blob;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests {@link BlobStorage} against the in-process S3 (S3Proxy): the key layout and object metadata of the Python
 * library, compression, the size limit on write and read, typed failures, and deleting one object, a list of
 * objects and a whole resource.
 */
class BlobStorageIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final JsonMapper json = StorageJsonMapper.create();

	private BlobStorage storage(String prefix) {
		return new BlobStorage(s3.client(), s3.bucket(), prefix, this.json);
	}

	@Test
	void writesVersionedObjectsAtTheSeedsKeyWithItsMetadata() {
		BlobStorage storage = storage("blobs/");
		StoredBlob stored = storage.write(BlobLocation.of("Report", "01ABC", 3, "body"), Map.of("pages", List.of(1, 2)),
				new BlobSpec(false, "application/json", -1));
		assertThat(stored.key()).isEqualTo("blobs/Report/01ABC/v3/body");
		assertThat(s3.keys()).containsExactly("blobs/Report/01ABC/v3/body");
		ResponseBytes<GetObjectResponse> object = s3.rawClient()
			.getObjectAsBytes((request) -> request.bucket(s3.bucket()).key("blobs/Report/01ABC/v3/body"));
		assertThat(object.asUtf8String()).isEqualTo("{\"pages\":[1,2]}");
		assertThat(object.response().contentType()).isEqualTo("application/json");
		assertThat(object.response().metadata()).containsOnly(Map.entry("resource_type", "Report"),
				Map.entry("resource_id", "01ABC"), Map.entry("field_name", "body"), Map.entry("compressed", "False"),
				Map.entry("version", "3"));
		assertThat(stored.sizeBytes()).isEqualTo(object.asByteArray().length);
	}

	@Test
	void writesPlainObjectsWithoutVersionSegmentOrPrefix() {
		BlobStorage storage = storage("");
		storage.write(BlobLocation.of("Avatar", "u1", "image"), new byte[] { 1, 2, 3 }, BlobSpec.DEFAULT);
		assertThat(s3.keys()).containsExactly("Avatar/u1/image");
		byte[] raw = s3.rawClient().getObjectAsBytes((request) -> request.bucket(s3.bucket()).key("Avatar/u1/image"))
			.asByteArray();
		assertThat(raw).containsExactly(1, 2, 3);
		assertThat(storage.read(BlobLocation.of("Avatar", "u1", "image"), BlobSpec.DEFAULT, byte[].class))
			.containsExactly(1, 2, 3);
	}

	@Test
	void compressesWithGzipAndSaysSoInTheMetadata() throws Exception {
		BlobStorage storage = storage("p");
		String text = "x".repeat(10_000);
		BlobLocation location = BlobLocation.of("Doc", "d1", 1, "text");
		StoredBlob stored = storage.write(location, text, new BlobSpec(true, null, -1));
		ResponseBytes<GetObjectResponse> object = s3.rawClient()
			.getObjectAsBytes((request) -> request.bucket(s3.bucket()).key("p/Doc/d1/v1/text"));
		assertThat(object.response().metadata()).containsEntry("compressed", "True");
		assertThat(stored.sizeBytes()).isEqualTo(object.asByteArray().length).isLessThan(200);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object.asByteArray()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("\"" + text + "\"");
		}
		assertThat(storage.read(location, BlobSpec.DEFAULT, String.class)).isEqualTo(text);
	}

	@Test
	void readsObjectsThePythonLibraryWroteWhateverTheCaseOfCompressed() {
		BlobStorage storage = storage("");
		// boto3's put_object as simplesingletable calls it; str(True) is "True", other writers say "true"
		byte[] gzipped = gzip("[{\"n\":1.5,\"at\":\"2025-01-01T12:00:00.123456+00:00\"}]");
		s3.rawClient().putObject((request) -> request.bucket(s3.bucket()).key("Py/i1/v2/rows")
			.metadata(Map.of("compressed", "true")), RequestBody.fromBytes(gzipped));
		List<Row> rows = storage.read(BlobLocation.of("Py", "i1", 2, "rows"), BlobSpec.DEFAULT,
				this.json.constructType(new TypeReference<List<Row>>() { }));
		assertThat(rows).containsExactly(new Row(1.5, Instant.parse("2025-01-01T12:00:00.123456Z")));
	}

	@Test
	void refusesAValueOverTheLimitAfterCompressionAndWritesNothing() {
		BlobStorage storage = storage("");
		BlobLocation location = BlobLocation.of("Doc", "d1", 1, "text");
		// compressible: fits once compressed
		storage.write(location, "a".repeat(5000), new BlobSpec(true, null, 100));
		String random = randomText(500);
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> storage.write(BlobLocation.of("Doc", "d2", 1, "text"), random, new BlobSpec(true, null, 100)))
			.withMessageContaining("Doc 'd2' v1 field 'text'")
			.withMessageContaining("more than its maxSizeBytes of 100")
			.satisfies((ex) -> {
				assertThat(ex.getSizeBytes()).isGreaterThan(100);
				assertThat(ex.getMaxSizeBytes()).isEqualTo(100);
				assertThat(ex.getLocation()).isEqualTo(BlobLocation.of("Doc", "d2", 1, "text"));
			});
		assertThat(s3.keys()).containsExactly("Doc/d1/v1/text");
	}

	@Test
	void refusesToReadAnObjectOverTheLimit() {
		BlobStorage storage = storage("");
		BlobLocation location = BlobLocation.of("Doc", "d1", "text");
		storage.write(location, randomText(400), BlobSpec.DEFAULT);
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> storage.read(location, new BlobSpec(false, null, 50), String.class))
			.withMessageContaining("Doc 'd1' field 'text'")
			.withMessageContaining("Doc/d1/text")
			.withMessageContaining("it was not read");
		assertThat(storage.read(location, new BlobSpec(false, null, 1000), String.class)).hasSize(400);
	}

	@Test
	void reportsAMissingObjectAsBlobNotFound() {
		BlobStorage storage = storage("pre");
		BlobLocation location = BlobLocation.of("Doc", "gone", 7, "text");
		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> storage.read(location, BlobSpec.DEFAULT, String.class))
			.withMessageContaining("pre/Doc/gone/v7/text")
			.withMessageContaining(s3.bucket())
			.satisfies((ex) -> assertThat(ex.getLocation()).isEqualTo(location));
	}

	@Test
	void reportsAnObjectThatIsNotJsonOfTheType() {
		BlobStorage storage = storage("");
		BlobLocation location = BlobLocation.of("Doc", "d1", "text");
		storage.write(location, new byte[] { (byte) 0xff, 0x00 }, BlobSpec.DEFAULT);
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> storage.read(location, BlobSpec.DEFAULT, Row.class))
			.withMessageContaining("is not JSON of")
			.withMessageContaining("read it as byte[]");
	}

	@Test
	void translatesS3FailuresNamingTheBlob() {
		BlobStorage storage = storage("");
		s3.faults().failNext("PutObject", 10, FaultInjector::serverError);
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> storage.write(BlobLocation.of("Doc", "d1", 2, "text"), "v", BlobSpec.DEFAULT))
			.withMessageContaining("Could not write the blob of Doc 'd1' v2 field 'text'")
			.withMessageContaining("Doc/d1/v2/text");
		assertThat(s3.keys()).isEmpty();
	}

	@Test
	void deletesOneObjectAndAMissingOneQuietly() {
		BlobStorage storage = storage("");
		BlobLocation one = BlobLocation.of("Doc", "d1", 1, "a");
		BlobLocation two = BlobLocation.of("Doc", "d1", 2, "a");
		storage.write(one, "1", BlobSpec.DEFAULT);
		storage.write(two, "2", BlobSpec.DEFAULT);
		storage.delete(one);
		storage.delete(one);
		assertThat(s3.keys()).containsExactly("Doc/d1/v2/a");
	}

	@Test
	void deletesEveryObjectOfAResourceAcrossPagesAndBatchesButNotOfAnIdSharingItsStart() {
		BlobStorage storage = new BlobStorage(s3.client(), s3.bucket(), "k", this.json, 3, 2);
		for (int version = 1; version <= 7; version++) {
			storage.write(BlobLocation.of("Doc", "d1", version, "a"), "1", BlobSpec.DEFAULT);
		}
		storage.write(BlobLocation.of("Doc", "d10", 1, "a"), "other", BlobSpec.DEFAULT);
		storage.write(BlobLocation.of("Doc", "d1", "plain"), "p", BlobSpec.DEFAULT);
		s3.requests().reset();
		assertThat(storage.deleteResource("Doc", "d1")).isEqualTo(8);
		assertThat(s3.keys()).containsExactly("k/Doc/d10/v1/a");
		assertThat(s3.requests().count("ListObjectsV2")).isEqualTo(4);
		assertThat(s3.requests().count("DeleteObjects")).isEqualTo(3);
	}

	@Test
	void deletesAListOfObjectsInBatches() {
		BlobStorage storage = new BlobStorage(s3.client(), s3.bucket(), "", this.json, 2, 1000);
		List<BlobLocation> many = new ArrayList<>();
		for (int version = 1; version <= 5; version++) {
			BlobLocation location = BlobLocation.of("Doc", "d1", version, "a");
			many.add(location);
			storage.write(location, "1", BlobSpec.DEFAULT);
		}
		storage.write(BlobLocation.of("Doc", "d1", 2000, "a"), "keep", BlobSpec.DEFAULT);
		s3.requests().reset();
		assertThat(storage.deleteAll(many)).isEqualTo(5);
		assertThat(s3.keys()).containsExactly("Doc/d1/v2000/a");
		assertThat(s3.requests().count("DeleteObjects")).isEqualTo(3);
	}

	@Test
	void listsTheVersionedObjectsOfAResource() {
		BlobStorage storage = storage("x/");
		storage.write(BlobLocation.of("Doc", "d1", 1, "a"), "1", BlobSpec.DEFAULT);
		storage.write(BlobLocation.of("Doc", "d1", 12, "b"), "2", BlobSpec.DEFAULT);
		storage.write(BlobLocation.of("Doc", "d1", "plain"), "3", BlobSpec.DEFAULT);
		storage.write(BlobLocation.of("Doc", "d2", 1, "a"), "4", BlobSpec.DEFAULT);
		assertThat(storage.listVersioned("Doc", "d1")).containsExactlyInAnyOrder(BlobLocation.of("Doc", "d1", 1, "a"),
				BlobLocation.of("Doc", "d1", 12, "b"));
	}

	private static String randomText(int length) {
		java.util.Random random = new java.util.Random(42);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	private static byte[] gzip(String text) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	record Row(double n, Instant at) {
	}

}
