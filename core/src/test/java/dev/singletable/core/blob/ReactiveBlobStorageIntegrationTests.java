package dev.singletable.core.blob;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests {@link ReactiveBlobStorage} against the in-process S3 (S3Proxy), side by side with {@link BlobStorage}: the
 * same values written by each make byte-identical objects (body, user metadata, content type) at the same keys, each
 * reads what the other wrote, and failures are the same typed exceptions, as error signals.
 */
class ReactiveBlobStorageIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static S3AsyncClient client;

	private final JsonMapper json = StorageJsonMapper.create();

	@BeforeAll
	static void startClient() {
		client = S3AsyncClient.builder()
			.endpointOverride(S3Local.endpoint())
			.forcePathStyle(true)
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.region(Region.US_EAST_1)
			.httpClient(NettyNioAsyncHttpClient.builder().build())
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(S3Local.CREDENTIAL, S3Local.CREDENTIAL)))
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new ExecutionInterceptor() {

				@Override
				public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
					requests.add(context.request().getClass().getSimpleName().replace("Request", ""));
				}

			}))
			.build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void clearRequests() {
		requests.clear();
	}

	private ReactiveBlobStorage reactive(String prefix) {
		return new ReactiveBlobStorage(client, s3.bucket(), prefix, this.json);
	}

	private BlobStorage blocking(String prefix) {
		return new BlobStorage(s3.client(), s3.bucket(), prefix, this.json);
	}

	private ResponseBytes<GetObjectResponse> object(String key) {
		return s3.rawClient().getObjectAsBytes((request) -> request.bucket(s3.bucket()).key(key));
	}

	@Test
	void writesTheSameObjectsAsTheBlockingStorageAndEachReadsTheOthers() {
		Map<String, Object> value = Map.of("pages", List.of(1, 2), "title", "x".repeat(500));
		BlobSpec json = new BlobSpec(false, "application/json", -1);
		BlobSpec gzip = new BlobSpec(true, null, -1);
		BlobLocation versioned = BlobLocation.of("Report", "r1", 3, "body");
		BlobLocation plain = BlobLocation.of("Avatar", "u1", "image");
		BlobLocation compressed = BlobLocation.of("Doc", "d1", 1, "text");

		StoredBlob blockingStored = blocking("b/").write(versioned, value, json);
		blocking("b/").write(plain, new byte[] { 1, 2, 3 }, BlobSpec.DEFAULT);
		blocking("b/").write(compressed, value, gzip);
		StoredBlob reactiveStored = reactive("r/").write(versioned, value, json).block();
		reactive("r/").write(plain, new byte[] { 1, 2, 3 }, BlobSpec.DEFAULT).block();
		reactive("r/").write(compressed, value, gzip).block();

		assertThat(s3.keys()).containsExactlyInAnyOrder("b/Report/r1/v3/body", "b/Avatar/u1/image", "b/Doc/d1/v1/text",
				"r/Report/r1/v3/body", "r/Avatar/u1/image", "r/Doc/d1/v1/text");
		for (String key : List.of("Report/r1/v3/body", "Avatar/u1/image", "Doc/d1/v1/text")) {
			ResponseBytes<GetObjectResponse> written = object("b/" + key);
			ResponseBytes<GetObjectResponse> writtenReactively = object("r/" + key);
			assertThat(writtenReactively.asByteArray()).isEqualTo(written.asByteArray());
			assertThat(writtenReactively.response().metadata()).isEqualTo(written.response().metadata());
			assertThat(writtenReactively.response().contentType()).isEqualTo(written.response().contentType());
		}
		assertThat(reactiveStored).isEqualTo(new StoredBlob(versioned, "r/Report/r1/v3/body",
				blockingStored.sizeBytes(), false, "application/json", blockingStored.etag()));
		// each reads what the other wrote
		TypeReference<Map<String, Object>> map = new TypeReference<>() {
		};
		Map<String, Object> read = reactive("b/").<Map<String, Object>>read(compressed, gzip, this.json.constructType(map))
			.block();
		assertThat(read).isEqualTo(value);
		assertThat(reactive("b/").read(plain, BlobSpec.DEFAULT, byte[].class).block()).containsExactly(1, 2, 3);
		Map<String, Object> readBlocking = blocking("r/").read(compressed, gzip, this.json.constructType(map));
		assertThat(readBlocking).isEqualTo(value);
	}

	@Test
	void refusesTooLargeValuesBeforeWritingAndTooLargeObjectsBeforeReadingTheirBody() {
		ReactiveBlobStorage storage = reactive("");
		BlobLocation location = BlobLocation.of("Doc", "d2", 1, "text");

		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> storage.write(location, "y".repeat(2_000), new BlobSpec(false, null, 1_000)).block());
		assertThat(s3.keys()).isEmpty();
		assertThat(requests).isEmpty();

		storage.write(location, "y".repeat(2_000), new BlobSpec(false, null, -1)).block();
		storage.clearCache();
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> storage.read(location, new BlobSpec(false, null, 1_000), String.class).block())
			.withMessageContaining("Doc/d2/v1/text");
		assertThat(storage.read(location, BlobSpec.DEFAULT, String.class).block()).hasSize(2_000);
	}

	@Test
	void reportsMissingObjectsAndBadJsonWithTheBlockingStoragesExceptions() {
		ReactiveBlobStorage storage = reactive("p/");
		BlobLocation missing = BlobLocation.of("Doc", "none", 1, "text");

		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> storage.read(missing, BlobSpec.DEFAULT, String.class).block())
			.withMessageContaining("p/Doc/none/v1/text");
		BlobLocation bytes = BlobLocation.of("Doc", "d3", 1, "raw");
		storage.write(bytes, "not json".getBytes(), BlobSpec.DEFAULT).block();
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> storage.read(bytes, BlobSpec.DEFAULT, Map.class).block())
			.withMessageContaining("is not JSON of");
	}

	@Test
	void writesIfAbsentComparesWithHoldsCopiesAndDeletes() {
		ReactiveBlobStorage storage = reactive("");
		BlobLocation v1 = BlobLocation.of("Doc", "d4", 1, "text");
		BlobStorage.PreparedBlob first = storage.prepare(v1, "one", BlobSpec.DEFAULT);
		BlobStorage.PreparedBlob second = storage.prepare(v1, "two", BlobSpec.DEFAULT);

		assertThat(storage.holds(v1, first).block()).isFalse();
		assertThat(storage.writeIfAbsent(first).block()).isNotNull();
		// S3Proxy honours If-None-Match: the stored object stays
		assertThat(storage.writeIfAbsent(second).blockOptional()).isEmpty();
		assertThat(storage.holds(v1, first).block()).isTrue();
		assertThat(storage.holds(v1, second).block()).isFalse();
		assertThat(storage.read(v1, BlobSpec.DEFAULT, String.class).block()).isEqualTo("one");

		BlobLocation copy = BlobLocation.of("Doc", "d4", "text~copy");
		assertThat(storage.copy(v1, copy).block()).isTrue();
		assertThat(storage.copy(BlobLocation.of("Doc", "d4", 9, "text"), copy).block()).isFalse();
		assertThat(object("Doc/d4/text~copy").asUtf8String()).isEqualTo("\"one\"");

		storage.write(second).block();
		// the cached "one" was forgotten when it was written over
		assertThat(storage.read(v1, BlobSpec.DEFAULT, String.class).block()).isEqualTo("two");
		storage.delete(v1).block();
		storage.delete(v1).block();
		assertThat(s3.keys()).containsExactly("Doc/d4/text~copy");
		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> storage.read(v1, BlobSpec.DEFAULT, String.class).block());
	}

	@Test
	void aReadChainedOnAWriteOrDeleteNeverFindsTheCachedObjectItReplaced() {
		ReactiveBlobStorage storage = reactive("");
		BlobLocation v1 = BlobLocation.of("Doc", "d6", 1, "text");
		storage.write(v1, "one", BlobSpec.DEFAULT).block();
		assertThat(storage.read(v1, BlobSpec.DEFAULT, String.class).block()).isEqualTo("one");

		// the read is subscribed inside the write's completion signal: the cached "one" must be gone by then
		assertThat(storage.write(v1, "two", BlobSpec.DEFAULT)
			.then(Mono.defer(() -> storage.read(v1, BlobSpec.DEFAULT, String.class)))
			.block()).isEqualTo("two");
		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> storage.delete(v1)
			.then(Mono.defer(() -> storage.read(v1, BlobSpec.DEFAULT, String.class)))
			.block());
		storage.write(v1, "three", BlobSpec.DEFAULT).block();
		assertThat(storage.read(v1, BlobSpec.DEFAULT, String.class).block()).isEqualTo("three");
		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> storage.deleteResource("Doc", "d6")
			.then(Mono.defer(() -> storage.read(v1, BlobSpec.DEFAULT, String.class)))
			.block());
	}

	@Test
	void listsAndDeletesAResourceAcrossPagesAndBatchesButNotAnIdSharingItsStart() {
		ReactiveBlobStorage storage = new ReactiveBlobStorage(client, s3.bucket(), "", this.json, 2, 2,
				BlobCacheSettings.DEFAULT, Clock.systemUTC());
		for (int version = 1; version <= 3; version++) {
			storage.write(BlobLocation.of("Doc", "d5", version, "text"), "v" + version, BlobSpec.DEFAULT).block();
		}
		storage.write(BlobLocation.of("Doc", "d5", "plain"), "p", BlobSpec.DEFAULT).block();
		storage.write(BlobLocation.of("Doc", "d55", 1, "text"), "other", BlobSpec.DEFAULT).block();

		assertThat(storage.listVersioned("Doc", "d5").block()).containsExactly(BlobLocation.of("Doc", "d5", 1, "text"),
				BlobLocation.of("Doc", "d5", 2, "text"), BlobLocation.of("Doc", "d5", 3, "text"));
		requests.clear();
		assertThat(storage.deleteResource("Doc", "d5").block()).isEqualTo(4);
		// two list pages of two keys, two delete batches of two keys
		assertThat(requests).containsExactly("ListObjectsV2", "ListObjectsV2", "DeleteObjects", "DeleteObjects");
		assertThat(s3.keys()).containsExactly("Doc/d55/v1/text");
		assertThat(storage.deleteAll(List.of(BlobLocation.of("Doc", "d55", 1, "text"), BlobLocation.of("Doc", "x", 1, "y")))
			.block()).isEqualTo(2);
		assertThat(s3.keys()).isEmpty();
	}

}
