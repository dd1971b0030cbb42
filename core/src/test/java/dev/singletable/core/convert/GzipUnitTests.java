package dev.singletable.core.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Gzip} writes exactly the bytes a {@link GZIPOutputStream} at the same level writes (what earlier versions
 * stored, and what the Python library reads), and reads what either wrote.
 */
class GzipUnitTests {

	private static final JsonMapper JSON = StorageJsonMapper.create();

	/** A document written by Python's {@code gzip.compress(json, compresslevel=9, mtime=1700000000)}. */
	private static final String PYTHON_WRITTEN = ""
			+ "H4sIAADxU2UC/6tWKkotzi8tSk6Nz0xRslIyMPQIiAzx8PdT0lEqySzJSQWKlRdllpSk5ikkVSoUZ+YW"
			+ "5KQWZ+al56SWJCYBpXWU8pSsTIyAqhPTi5WsopUSgUJJSrG1ADLT8ZJaAAAA";

	/** The same document written by Python's {@code GzipFile(filename="item.json")}: the header names a file. */
	private static final String PYTHON_WRITTEN_WITH_NAME = ""
			+ "H4sICADxU2UC/2l0ZW0uanNvbgCrVipKLc4vLUpOjc9MUbJSMjD0CIgM8fD3U9JRKsksyUkFipUXZZaU"
			+ "pOYpJFUqFGfmFuSkFmfmpeekliQmAaV1lPKUrEyMgKoT04uVrKKVEoFCSUqxtQAy0/GSWgAAAA==";

	/** The same document split in two gzip members by Python, one after the other. */
	private static final String PYTHON_WRITTEN_TWO_MEMBERS = ""
			+ "H4sIAAAAAAACA6tWKkotzi8tSk6Nz0xRslIyMPQIAAAPqWTtFAAAAB+LCAAAAAAAAgOLDPHw91PSUSrJ"
			+ "LMlJVbJSKi/KLClJzVNIqlQozswtyEktzsxLz0ktSUwCSuso5SlZmRgBVSemFytZRSslAoWSlGJrAc9L"
			+ "iBJGAAAA";

	private static final String PYTHON_DOCUMENT = "{\"resource_id\":\"01HPYTHON\","
			+ "\"title\":\"written by simplesingletable\",\"n\":42,\"tags\":[\"a\",\"b\"]}";

	@Test
	void writesTheBytesOfAGzipOutputStreamAtEveryLevel() {
		for (int level = -1; level <= 9; level++) {
			for (Object document : documents()) {
				Gzip.Writer writer = (out) -> JSON.writeValue(out, document);

				byte[] written = Gzip.compress(level, writer);

				assertThat(written).as("level %d, %d bytes of JSON", level, JSON.writeValueAsBytes(document).length)
					.isEqualTo(gzipOutputStream(level, writer));
			}
		}
	}

	@Test
	void writesTheHeaderOfAGzipOutputStreamWithoutModificationTime() {
		byte[] written = Gzip.compress(1, (out) -> JSON.writeValue(out, Map.of("a", 1)));

		// magic, deflate, no flags, modification time 0, no extra flags, operating system unknown (255)
		assertThat(Arrays.copyOf(written, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
		assertThat(Arrays.copyOf(written, 10)).isEqualTo(Arrays.copyOf(gzipOutputStream(1, new byte[0]), 10));
	}

	@Test
	void writesTheSameBytesWhenOneThreadWritesAtSeveralLevelsInTurn() {
		List<Object> documents = documents();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < documents.size(); i++) {
				int level = 1 + (round * documents.size() + i) % 9;
				byte[] json = JSON.writeValueAsBytes(documents.get(i));

				assertThat(Gzip.compress(level, (out) -> out.write(json))).isEqualTo(gzipOutputStream(level, json));
			}
		}
	}

	@Test
	void writesSingleBytesEmptyWritesAndFlushesAsAGzipOutputStream() {
		byte[] json = JSON.writeValueAsBytes(documents().get(3));
		Gzip.Writer writer = (out) -> {
			out.write(json, 0, 0);
			for (int i = 0; i < 100; i++) {
				out.write(json[i]);
			}
			out.flush();
			out.write(json, 100, json.length - 100);
			out.close();
		};

		for (int level : new int[] { 0, 1, 6, 9 }) {
			assertThat(Gzip.compress(level, writer)).isEqualTo(gzipOutputStream(level, writer));
		}
	}

	@Test
	void aWriteThatFailsLeavesLaterWritesWhole() {
		byte[] json = JSON.writeValueAsBytes(documents().get(2));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> Gzip.compress(1, (out) -> {
			out.write(json, 0, json.length / 2);
			throw new IllegalStateException("serializer failed");
		}));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> Gzip.compress(1, (out) -> {
			out.write(json, 0, json.length / 3);
			throw new IOException("disk gone");
		}));

		assertThat(Gzip.compress(1, (out) -> out.write(json))).isEqualTo(gzipOutputStream(1, json));
	}

	@Test
	void refusesALevelOutsideDeflate() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Gzip.compress(10, (out) -> out.write(1)))
			.withMessageContaining("10");
	}

	@Test
	void twoThreadsWritingAtOnceNeverShareAnEncoder() throws Exception {
		byte[] first = JSON.writeValueAsBytes(documents().get(2));
		byte[] second = JSON.writeValueAsBytes(documents().get(3));
		CountDownLatch halfWritten = new CountDownLatch(1);
		CountDownLatch otherDone = new CountDownLatch(1);

		CompletableFuture<byte[]> paused = CompletableFuture.supplyAsync(() -> Gzip.compress(1, (out) -> {
			out.write(first, 0, first.length / 2);
			halfWritten.countDown();
			try {
				assertThat(otherDone.await(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			out.write(first, first.length / 2, first.length - first.length / 2);
		}));
		assertThat(halfWritten.await(10, TimeUnit.SECONDS)).isTrue();
		// the first write holds its encoder half way through: this one must get another
		byte[] whileOtherPaused = Gzip.compress(1, (out) -> out.write(second));
		otherDone.countDown();

		assertThat(whileOtherPaused).isEqualTo(gzipOutputStream(1, second));
		assertThat(paused.get(10, TimeUnit.SECONDS)).isEqualTo(gzipOutputStream(1, first));
	}

	@Test
	void readsWhatAGzipOutputStreamWroteAtEveryLevel() {
		for (int level = -1; level <= 9; level++) {
			for (Object document : documents()) {
				byte[] json = JSON.writeValueAsBytes(document);

				assertThat(read(gzipOutputStream(level, json))).isEqualTo(json);
				JsonNode tree = Gzip.decompress(gzipOutputStream(level, json), JSON::readTree);
				assertThat((Object) tree).isEqualTo(JSON.readTree(json));
			}
		}
	}

	@Test
	void readsWhatPythonWrote() {
		assertThat(new String(read(Base64.getDecoder().decode(PYTHON_WRITTEN)), StandardCharsets.UTF_8))
			.isEqualTo(PYTHON_DOCUMENT);
	}

	@Test
	void readsAHeaderWithOptionalFieldsAsAGzipInputStreamDoes() {
		assertThat(new String(read(Base64.getDecoder().decode(PYTHON_WRITTEN_WITH_NAME)), StandardCharsets.UTF_8))
			.isEqualTo(PYTHON_DOCUMENT);
	}

	@Test
	void readsSeveralMembersAsOneContentAsAGzipInputStreamDoes() {
		byte[] members = Base64.getDecoder().decode(PYTHON_WRITTEN_TWO_MEMBERS);

		assertThat(new String(read(members), StandardCharsets.UTF_8)).isEqualTo(PYTHON_DOCUMENT)
			.isEqualTo(new String(gzipInputStream(members), StandardCharsets.UTF_8));
	}

	@Test
	void readsADocumentLargerThanTheBufferKeptBetweenReads() {
		byte[] json = JSON.writeValueAsBytes(large(600_000));
		byte[] gzip = gzipOutputStream(1, json);

		assertThat(read(gzip)).isEqualTo(json);
		// the declared size only sizes the buffer: a wrong one still reads the content, then fails on the trailer
		byte[] understated = gzip.clone();
		understated[understated.length - 3] = 0;
		understated[understated.length - 2] = 0;
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> read(understated))
			.withMessageContaining("not valid gzip");
		assertThat(read(gzipOutputStream(1, new byte[0]))).isEmpty();
	}

	@Test
	void refusesWhatIsNotValidGzip() {
		byte[] gzip = gzipOutputStream(1, JSON.writeValueAsBytes(documents().get(2)));
		byte[] badChecksum = gzip.clone();
		badChecksum[gzip.length - 8] ^= 1;
		byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
		byte[] withoutTrailer = Arrays.copyOf(gzip, gzip.length - 5);
		byte[] corrupt = gzip.clone();
		Arrays.fill(corrupt, 10, 30, (byte) 0xff);

		for (byte[] bytes : List.of(badChecksum, truncated, withoutTrailer, corrupt,
				"{\"plain\":\"json\"}".getBytes(StandardCharsets.UTF_8), new byte[0])) {
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> read(bytes))
				.withMessageStartingWith("The data attribute is not valid gzip: ");
		}
		// a failed read leaves later reads whole
		assertThat(read(gzip)).isEqualTo(JSON.writeValueAsBytes(documents().get(2)));
	}

	private static byte[] read(byte[] gzip) {
		return Gzip.decompress(gzip, (bytes, offset, length) -> Arrays.copyOfRange(bytes, offset, offset + length));
	}

	private static byte[] gzipOutputStream(int level, byte[] json) {
		return gzipOutputStream(level, (out) -> out.write(json));
	}

	/**
	 * What earlier versions wrote: what the writer writes through a {@link GZIPOutputStream} whose deflater is set to
	 * the level.
	 */
	private static byte[] gzipOutputStream(int level, Gzip.Writer writer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {

			{
				this.def.setLevel(level);
			}

		}) {
			writer.writeTo(gzip);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] gzipInputStream(byte[] gzip) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Documents from empty to larger than the output buffer an encoder keeps, prose-like and random. */
	private static List<Object> documents() {
		List<Object> documents = new ArrayList<>();
		documents.add(Map.of());
		documents.add(Map.of("resource_id", "01H", "title", "Ünïcödé ✓ text", "n", 42));
		documents.add(large(10_000));
		documents.add(large(50_000));
		documents.add(large(300_000));
		Random random = new Random(7);
		byte[] noise = new byte[40_000];
		random.nextBytes(noise);
		documents.add(Map.of("blob", noise));
		return documents;
	}

	private static Map<String, Object> large(int size) {
		String[] words = { "the", "single", "table", "design", "keeps", "every", "version", "of", "a", "resource",
				"partition", "key", "sort", "latest", "history", "compressed", "json", "python", "java", "reads" };
		Random random = new Random(size);
		Map<String, Object> document = new LinkedHashMap<>();
		int length = 0;
		for (int section = 0; length < size; section++) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < 80; i++) {
				text.append(words[random.nextInt(words.length)]).append(' ');
			}
			document.put("section" + section, Map.of("text", text.toString(), "number", random.nextInt()));
			length += text.length() + 40;
		}
		return document;
	}

}
