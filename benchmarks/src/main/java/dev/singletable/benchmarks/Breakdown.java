package dev.singletable.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.floor.FloorItems;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.peer.PeerArticle;
import dev.singletable.benchmarks.peer.PeerContender;
import dev.singletable.core.StoredItemSizes;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.convert.SingleTableConverter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the client time of one ~10 KB article goes, step by step, without the SDK: JSON, gzip at two levels,
 * singletable's converter against the floor's hand mapping and the Enhanced Client's table schema. It shows which
 * parts of the CPU figures are inherent (compression) and which are singletable's own.
 */
public final class Breakdown {

	private Breakdown() {
	}

	/**
	 * Measures every step.
	 * @param settings the rounds and their length (those of the CPU benchmark)
	 * @param fixture the documents
	 * @param converter singletable's converter
	 * @return one figure per step
	 */
	public static List<Step> run(Settings settings, Fixture fixture, SingleTableConverter converter) {
		int count = 16;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<VersionedArticle> versioned = new ArrayList<>();
		List<PlainArticle> plain = new ArrayList<>();
		List<PeerArticle> beans = new ArrayList<>();
		List<byte[]> compressed = new ArrayList<>();
		List<Map<String, AttributeValue>> compressedItems = new ArrayList<>();
		List<Map<String, AttributeValue>> plainItems = new ArrayList<>();
		List<Map<String, AttributeValue>> peerItems = new ArrayList<>();
		JsonMapper mapper = converter.getJsonMapper();
		TableSchema<PeerArticle> schema = TableSchema.fromBean(PeerArticle.class);
		for (int i = 0; i < count; i++) {
			ArticleDocument document = fixture.document(i);
			VersionedArticle article = new VersionedArticle("01JBENCHMARK0000000000000" + (char) ('A' + i), 3L, now, now,
					document.title(), document.summary(), document.status(), document.author(), document.tags(),
					document.sections(), document.comments(), document.metadata());
			versioned.add(article);
			plain.add(new PlainArticle(article.id(), 3L, now, now, document.title(), document.summary(), document.status(),
					document.author(), document.tags(), document.sections(), document.comments(), document.metadata()));
			beans.add(PeerContender.bean(document));
			byte[] gzip = gzip(mapper.writeValueAsBytes(article), MappingDefaults.DEFAULT_COMPRESSION_LEVEL);
			compressed.add(gzip);
			Map<String, AttributeValue> item = new LinkedHashMap<>();
			item.put("pk", AttributeValue.fromS("VersionedArticle#" + article.id()));
			item.put("sk", AttributeValue.fromS("v0"));
			item.put("data", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(gzip)));
			item.put("version", AttributeValue.fromN("3"));
			compressedItems.add(item);
			Map<String, AttributeValue> plainItem = new LinkedHashMap<>(converter.writeBody(plain.get(i), null, now));
			plainItem.put("pk", AttributeValue.fromS("PlainArticle#" + article.id()));
			plainItem.put("sk", plainItem.get("pk"));
			plainItems.add(plainItem);
			peerItems.add(schema.itemToMap(beans.get(i), true));
		}
		Map<String, IntToLongFunction> steps = new LinkedHashMap<>();
		steps.put("write: JSON of the article (storage mapper)", (i) -> mapper.writeValueAsBytes(versioned.get(i)).length);
		steps.put("write: gzip of that JSON, level 1 (BEST_SPEED, singletable's default: what is stored)",
				(i) -> gzip(mapper.writeValueAsBytes(versioned.get(i)), Deflater.BEST_SPEED).length);
		steps.put("write: gzip of that JSON, level 6 (the JDK's and zlib's default)",
				(i) -> gzip(mapper.writeValueAsBytes(versioned.get(i)), Deflater.DEFAULT_COMPRESSION).length);
		steps.put("write: singletable `writeBody`, compressed", (i) -> converter.writeBody(versioned.get(i), null, now).size());
		steps.put("read: gunzip to a byte[], then parse",
				(i) -> (mapper.readValue(gunzip(compressed.get(i)), VersionedArticle.class) != null) ? 1 : 0);
		steps.put("read: parse straight from the gunzip stream (singletable's and the floor's path)",
				(i) -> (mapper.readValue(gunzipStream(compressed.get(i)), VersionedArticle.class) != null) ? 1 : 0);
		steps.put("read: singletable `read`, compressed item",
				(i) -> (converter.read(VersionedArticle.class, compressedItems.get(i)) != null) ? 1 : 0);
		steps.put("write: singletable `writeBody`, plain item", (i) -> converter.writeBody(plain.get(i), null, now).size());
		steps.put("write: floor hand mapping, plain item", (i) -> FloorItems.body(plain.get(i)).size());
		steps.put("write: Enhanced Client `itemToMap`, plain item", (i) -> schema.itemToMap(beans.get(i), true).size());
		steps.put("write: item size check of a plain item (core's own estimate)",
				(i) -> StoredItemSizes.of(plainItems.get(i)));
		steps.put("read: singletable `read`, plain item",
				(i) -> (converter.read(PlainArticle.class, plainItems.get(i)) != null) ? 1 : 0);
		steps.put("read: Enhanced Client `mapToItem`, plain item", (i) -> (schema.mapToItem(peerItems.get(i)) != null) ? 1 : 0);
		List<Step> figures = new ArrayList<>();
		for (Map.Entry<String, IntToLongFunction> step : steps.entrySet()) {
			int[] next = { 0 };
			IntToLongFunction work = step.getValue();
			Sample.time(() -> work.applyAsLong(next[0]++ % count), settings.cpuWarmup().dividedBy(4));
			List<Double> nanos = new ArrayList<>();
			List<Double> bytes = new ArrayList<>();
			for (int round = 0; round < settings.cpuRounds(); round++) {
				Sample sample = Sample.time(() -> work.applyAsLong(next[0]++ % count), settings.cpuRound().dividedBy(2));
				nanos.add(sample.cpuNanosPerOperation());
				bytes.add(sample.bytesPerOperation());
			}
			boolean sized = step.getKey().contains("JSON");
			figures.add(new Step(step.getKey(), Spread.of(nanos), Spread.of(bytes).median(),
					sized ? averageSize(work, count) : -1));
		}
		return figures;
	}

	private static double averageSize(IntToLongFunction work, int count) {
		long total = 0;
		for (int i = 0; i < count; i++) {
			total += work.applyAsLong(i);
		}
		return (double) total / count;
	}

	private static byte[] gzip(byte[] bytes, int level) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
		try (OutputStream gzip = new GZIPOutputStream(out, 8192) {

			{
				this.def.setLevel(level);
			}

		}) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static InputStream gunzipStream(byte[] bytes) {
		try {
			return new GZIPInputStream(new ByteArrayInputStream(bytes), 8192);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gunzip(byte[] bytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 8192)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The cost of one step for one article.
	 *
	 * @param step what is measured
	 * @param nanos nanoseconds per article over the rounds
	 * @param allocatedBytes bytes allocated per article (median), -1 when unknown
	 * @param outputBytes mean size of what the step produces (JSON or gzip), -1 for other steps
	 */
	public record Step(String step, Spread nanos, double allocatedBytes, double outputBytes) {
	}

}
