package dev.singletable.core.blob;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plans of the blob storages run on scripted answers: the S3 requests each operation sends, what their answers
 * and failures mean, and when the cache is used and forgotten. No server.
 */
class BlobObjectsUnitTests {

	private static final BlobLocation BODY = BlobLocation.of("Report", "r1", 2, "body");

	private static final String KEY = "blobs/Report/r1/v2/body";

	private static final BlobCodec CODEC = new BlobCodec("blobs/", StorageJsonMapper.create());

	private final BlobObjects objects = objects(2, 2);

	private static BlobObjects objects(int deleteBatch, int listPageSize) {
		return new BlobObjects("bucket", CODEC, deleteBatch, listPageSize, BlobCacheSettings.DEFAULT,
				Clock.systemUTC());
	}

	@Test
	void writesAPreparedObjectWithItsMetadataAndAnswersWhatWasStored() {
		BlobStorage.PreparedBlob blob = CODEC.prepare(BODY, Map.of("a", 1),
				new BlobSpec(false, "application/json", -1));
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(PutObjectResponse.builder().eTag("\"e\"").build()));
		StoredBlob stored = driver.run(this.objects.write(blob));
		Request.PutObject put = driver.sent(Request.PutObject.class).get(0);
		assertThat(put.request().bucket()).isEqualTo("bucket");
		assertThat(put.request().key()).isEqualTo(KEY);
		assertThat(put.request().ifNoneMatch()).isNull();
		assertThat(put.request().contentType()).isEqualTo("application/json");
		assertThat(put.request().contentLength()).isEqualTo(blob.body().length);
		assertThat(put.request().metadata()).containsOnly(Map.entry("resource_type", "Report"),
				Map.entry("resource_id", "r1"), Map.entry("field_name", "body"), Map.entry("compressed", "False"),
				Map.entry("version", "2"));
		assertThat(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
		assertThat(stored).isEqualTo(new StoredBlob(BODY, KEY, blob.body().length, false, "application/json", "\"e\""));
	}

	@Test
	void aConditionalWriteRefusedBecauseAnObjectExistsWritesNothingAndIsNoFailure() {
		BlobStorage.PreparedBlob blob = CODEC.prepare(BODY, new byte[] { 1 }, BlobSpec.DEFAULT);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(s3(412)));
		assertThat(driver.run(this.objects.writeIfAbsent(blob))).isEqualTo(Optional.empty());
		assertThat(driver.sent(Request.PutObject.class).get(0).request().ifNoneMatch()).isEqualTo("*");
		ScriptedDriver refused = new ScriptedDriver((request) -> Answer.failed(s3(403)));
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> refused.run(this.objects.writeIfAbsent(blob)))
			.withMessageContaining("Could not write the blob of")
			.withMessageContaining(KEY);
	}

	@Test
	void holdsComparesTheETagWithTheMd5OfTheBytesAndAMissingObjectHoldsNothing() throws Exception {
		BlobStorage.PreparedBlob blob = CODEC.prepare(BODY, new byte[] { 1, 2 }, BlobSpec.DEFAULT);
		String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(new byte[] { 1, 2 }));
		assertThat(new ScriptedDriver((request) -> Answer.of(HeadObjectResponse.builder().eTag("\"" + md5 + "\"").build()))
			.run(this.objects.holds(BODY, blob))).isTrue();
		assertThat(new ScriptedDriver((request) -> Answer.of(HeadObjectResponse.builder().eTag("\"00\"").build()))
			.run(this.objects.holds(BODY, blob))).isFalse();
		assertThat(new ScriptedDriver((request) -> Answer.failed(s3(404))).run(this.objects.holds(BODY, blob))).isFalse();
	}

	@Test
	void readsAnObjectOnceThenFromTheCacheUntilAWriteOfItsKey() throws Exception {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write("[1,2]".getBytes(StandardCharsets.UTF_8));
		}
		byte[] stored = gzipped.toByteArray();
		List<Request> sent = new ArrayList<>();
		Function<Request, Answer> s3 = (request) -> {
			sent.add(request);
			return (request instanceof Request.GetObject) ? Answer.of(new Request.GetObject.Content(
					GetObjectResponse.builder().metadata(Map.of("compressed", "TRUE")).build(), stored, stored.length))
					: Answer.of(PutObjectResponse.builder().build());
		};
		BlobSpec spec = new BlobSpec(true, null, 1000);
		assertThat(new ScriptedDriver(s3).run(this.objects.<List<Integer>>read(BODY, spec, CODEC.type(List.class))))
			.containsExactly(1, 2);
		assertThat(((Request.GetObject) sent.get(0)).maxSizeBytes()).isEqualTo(1000);
		assertThat(new ScriptedDriver(s3).run(this.objects.<List<Integer>>read(BODY, spec, CODEC.type(List.class))))
			.containsExactly(1, 2);
		assertThat(sent).hasSize(1);
		new ScriptedDriver(s3).run(this.objects.write(CODEC.prepare(BODY, List.of(3), spec)));
		new ScriptedDriver(s3).run(this.objects.read(BODY, spec, CODEC.type(List.class)));
		assertThat(sent).hasSize(3).last().isInstanceOf(Request.GetObject.class);
		assertThat(this.objects.cacheStats().hits()).isEqualTo(1);
	}

	@Test
	void anObjectOverTheLimitIsNotReadAndACachedOneIsRefusedToo() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer
			.of(new Request.GetObject.Content(GetObjectResponse.builder().contentLength(50L).build(), null, 50)));
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> driver.run(this.objects.read(BODY, new BlobSpec(false, null, 10), CODEC.type(byte[].class))));
		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> new ScriptedDriver((request) -> Answer.failed(NoSuchKeyException.builder().message("no").build()))
				.run(this.objects.read(BODY, BlobSpec.DEFAULT, CODEC.type(byte[].class))));
	}

	@Test
	void copiesWithinTheBucketAndAMissingSourceCopiesNothing() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(s3(404)));
		assertThat(driver.run(this.objects.copy(BODY, BlobLocation.of("Report", "r1", 3, "body")))).isFalse();
		CopyObjectRequest copy = (CopyObjectRequest) driver.sent(Request.S3.class).get(0).request();
		assertThat(copy.sourceBucket()).isEqualTo("bucket");
		assertThat(copy.sourceKey()).isEqualTo(KEY);
		assertThat(copy.destinationBucket()).isEqualTo("bucket");
		assertThat(copy.destinationKey()).isEqualTo("blobs/Report/r1/v3/body");
	}

	@Test
	void deletesAResourceListingEveryPageThenInBatchesAndNamesTheKeysS3DidNotDelete() {
		List<String> keys = List.of("blobs/Report/r1/v1/body", "blobs/Report/r1/v2/body", "blobs/Report/r1/v2/notes");
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			Object sent = ((Request.S3) request).request();
			if (sent instanceof ListObjectsV2Request list) {
				return Answer.of((list.continuationToken() == null)
						? page(keys.subList(0, 2), "t1") : page(keys.subList(2, 3), null));
			}
			DeleteObjectsRequest delete = (DeleteObjectsRequest) sent;
			return Answer.of(delete.delete().objects().size() == 1
					? DeleteObjectsResponse.builder()
						.errors(S3Error.builder().key("blobs/Report/r1/v2/notes").code("AccessDenied").build())
						.build()
					: DeleteObjectsResponse.builder().build());
		});
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> driver.run(this.objects.deleteResource("Report", "r1")))
			.withMessage("S3 did not delete 1 of 3 objects in bucket: [blobs/Report/r1/v2/notes (AccessDenied)]");
		List<Object> requests = driver.sent().stream().map((request) -> (Object) ((Request.S3) request).request()).toList();
		assertThat(requests).hasSize(4);
		ListObjectsV2Request first = (ListObjectsV2Request) requests.get(0);
		assertThat(first.prefix()).isEqualTo("blobs/Report/r1/");
		assertThat(first.maxKeys()).isEqualTo(2);
		assertThat(((ListObjectsV2Request) requests.get(1)).continuationToken()).isEqualTo("t1");
		assertThat(((DeleteObjectsRequest) requests.get(2)).delete().objects()).extracting(ObjectIdentifier::key)
			.containsExactlyElementsOf(keys.subList(0, 2));
		assertThat(((DeleteObjectsRequest) requests.get(2)).delete().quiet()).isTrue();
		assertThat(((DeleteObjectsRequest) requests.get(3)).delete().objects()).extracting(ObjectIdentifier::key)
			.containsExactly(keys.get(2));
	}

	@Test
	void listsOnlyTheVersionedObjectsOfAResource() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(page(List.of("blobs/Report/r1/v1/body",
				"blobs/Report/r1/v2/notes", "blobs/Report/r1/other", "blobs/Report/r1/vx/body", "blobs/Report/r1/v0/a"),
				null)));
		assertThat(driver.run(this.objects.listVersioned("Report", "r1")))
			.containsExactly(BlobLocation.of("Report", "r1", 1, "body"), BlobLocation.of("Report", "r1", 2, "notes"));
	}

	private static ListObjectsV2Response page(List<String> keys, String next) {
		return ListObjectsV2Response.builder()
			.contents(keys.stream().map((key) -> S3Object.builder().key(key).build()).toList())
			.nextContinuationToken(next)
			.isTruncated(next != null)
			.build();
	}

	private static S3Exception s3(int status) {
		return (S3Exception) S3Exception.builder().statusCode(status).message("status " + status).build();
	}

}
