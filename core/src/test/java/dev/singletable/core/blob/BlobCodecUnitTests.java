package dev.singletable.core.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.StorageJsonMapper;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a blob storage computes without S3, the layout the Python library reads: keys under the prefix, bodies,
 * compression, the size limit, metadata, and the way back. No server, no client.
 */
class BlobCodecUnitTests {

	private static final JsonMapper MAPPER = StorageJsonMapper.create();

	private static final BlobLocation VERSIONED = BlobLocation.of("Report", "r1", 2, "body");

	private static final BlobLocation PLAIN = BlobLocation.of("Note", "n1", "text");

	private final BlobCodec codec = new BlobCodec("blobs/", MAPPER);

	@Test
	void keysAreThePrefixTypeIdVersionAndFieldAndAnEmptyPrefixAddsNothing() {
		assertThat(this.codec.key(VERSIONED)).isEqualTo("blobs/Report/r1/v2/body");
		assertThat(this.codec.key(PLAIN)).isEqualTo("blobs/Note/n1/text");
		assertThat(new BlobCodec("", MAPPER).key(VERSIONED)).isEqualTo("Report/r1/v2/body");
		assertThat(this.codec.resourcePrefix("Report", "r1")).isEqualTo("blobs/Report/r1/");
	}

	@Test
	void aValueIsStoredAsItsJsonAndBytesAsTheyAre() {
		BlobStorage.PreparedBlob json = this.codec.prepare(VERSIONED, Map.of("a", List.of(1, 2)), BlobSpec.DEFAULT);
		assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2]}");
		assertThat(json.location()).isEqualTo(VERSIONED);
		assertThat(json.spec()).isEqualTo(BlobSpec.DEFAULT);
		byte[] raw = { 0, 1, (byte) 0xff };
		assertThat(this.codec.prepare(PLAIN, raw, BlobSpec.DEFAULT).body()).containsExactly(0, 1, 0xff);
	}

	@Test
	void aCompressedValueIsGzipOfItsJsonAndReadsBack() throws IOException {
		BlobSpec compressed = new BlobSpec(true, "application/json", -1);
		byte[] body = this.codec.prepare(VERSIONED, List.of("x", "y"), compressed).body();
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[\"x\",\"y\"]");
		}
		byte[] bytes = BlobCodec.gunzip(body, VERSIONED, "k");
		List<String> read = this.codec.decode(VERSIONED, "k", this.codec.type(List.class), bytes);
		assertThat(read).containsExactly("x", "y");
		assertThat((byte[]) this.codec.decode(VERSIONED, "k", this.codec.type(byte[].class), bytes)).isSameAs(bytes);
	}

	@Test
	void theLimitAppliesToTheStoredBytesAfterCompressionAndNamesTheKey() {
		byte[] repetitive = new byte[4096];
		BlobSpec small = new BlobSpec(true, null, 200);
		assertThat(this.codec.prepare(VERSIONED, repetitive, small).body().length).isLessThanOrEqualTo(200);
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> this.codec.prepare(VERSIONED, repetitive, new BlobSpec(false, null, 200)))
			.satisfies((ex) -> {
				assertThat(ex.getSizeBytes()).isEqualTo(4096);
				assertThat(ex.getMaxSizeBytes()).isEqualTo(200);
				assertThat(ex.getKey()).isEqualTo("blobs/Report/r1/v2/body");
			});
	}

	@Test
	void aValueThatIsNoJsonAndBytesThatAreNoGzipFailNamingTheLocationAndKey() {
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> this.codec.prepare(PLAIN, new Unwritable(), BlobSpec.DEFAULT))
			.withMessageContaining("The value of " + PLAIN)
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("blobs/Note/n1/text"));
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> BlobCodec.gunzip(new byte[] { 1, 2, 3 }, PLAIN, "blobs/Note/n1/text"))
			.withMessageContaining("says it is compressed but is not valid gzip");
		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> this.codec.decode(PLAIN, "k", this.codec.type(Map.class), "[1".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("is not JSON of");
	}

	@Test
	void theMetadataIsWhatThePythonLibraryWrites() {
		assertThat(BlobCodec.metadata(VERSIONED, new BlobSpec(true, null, -1))).containsExactly(
				Map.entry("resource_type", "Report"), Map.entry("resource_id", "r1"), Map.entry("field_name", "body"),
				Map.entry("compressed", "True"), Map.entry("version", "2"));
		assertThat(BlobCodec.metadata(PLAIN, BlobSpec.DEFAULT)).containsExactly(Map.entry("resource_type", "Note"),
				Map.entry("resource_id", "n1"), Map.entry("field_name", "text"), Map.entry("compressed", "False"));
		assertThat(BlobCodec.isCompressed(Map.of("compressed", "TRUE"))).isTrue();
		assertThat(BlobCodec.isCompressed(Map.of("compressed", "False"))).isFalse();
		assertThat(BlobCodec.isCompressed(Map.of())).isFalse();
	}

	@Test
	void anEtagMatchesTheMd5OfTheBytesQuotedOrNot() {
		byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
		assertThat(BlobCodec.matches("\"5d41402abc4b2a76b9719d911017c592\"", body)).isTrue();
		assertThat(BlobCodec.matches("5D41402ABC4B2A76B9719D911017C592", body)).isTrue();
		assertThat(BlobCodec.matches("\"00\"", body)).isFalse();
	}

	@Test
	void bothStoragesPrepareWithTheirCodecTheSameBytes() {
		BlobSpec spec = new BlobSpec(true, null, -1);
		Map<String, Object> value = Map.of("title", "t", "pages", 3);
		try (S3Client client = S3Client.builder().region(Region.US_EAST_1).build();
				S3AsyncClient async = S3AsyncClient.builder().region(Region.US_EAST_1).build()) {
			BlobStorage blocking = new BlobStorage(client, "bucket", "blobs/", MAPPER);
			ReactiveBlobStorage reactive = new ReactiveBlobStorage(async, "bucket", "blobs/", MAPPER);
			byte[] expected = this.codec.prepare(VERSIONED, value, spec).body();
			assertThat(blocking.prepare(VERSIONED, value, spec).body()).isEqualTo(expected);
			assertThat(blocking.codec().prepare(VERSIONED, value, spec).body()).isEqualTo(expected);
			assertThat(reactive.prepare(VERSIONED, value, spec).body()).isEqualTo(expected);
			assertThat(reactive.codec().prepare(VERSIONED, value, spec).body()).isEqualTo(expected);
			assertThat(blocking.key(VERSIONED)).isEqualTo(reactive.key(VERSIONED))
				.isEqualTo(this.codec.key(VERSIONED));
		}
	}

	/** A value whose JSON cannot be written: its one property fails. */
	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

}
