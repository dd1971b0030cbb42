package dev.singletable.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.singletable.benchmarks.Results.CompressionRow;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.TunableArticle;
import dev.singletable.benchmarks.peer.PeerArticle;
import dev.singletable.benchmarks.peer.PeerContender;
import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient.Recorded;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.StoredItemSizes;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The compression-level table: for documents of about 2, 10 and 50 KB of JSON, a versioned write of
 * {@link TunableArticle} at gzip levels 1, 3, 6 and 9 and uncompressed, against the Enhanced Client's versioned put
 * of the same document. Each variant writes for real once (stored bytes, capacity by the pricing rules) while its
 * response is recorded, then its client CPU is measured against that response replayed, in rounds where the
 * variants and the peer take turns.
 */
final class CompressionCost {

	/** The gzip levels of the table; {@code 0} stands for uncompressed. */
	static final int[] LEVELS = { 1, 3, 6, 9, 0 };

	/** Sections and comments of the three document sizes, and their names. */
	private static final int[][] SIZES = { { 1, 1 }, { 5, 8 }, { 27, 40 } };

	private static final String[] SIZE_NAMES = { "~2 KB", "~10 KB", "~50 KB" };

	private static final String TABLE = "compression";

	private static final String PEER_TABLE = "compression-peer";

	private final Settings.Compression settings;

	private final Consumer<String> progress;

	private CompressionCost(Settings.Compression settings, Consumer<String> progress) {
		this.settings = settings;
		this.progress = progress;
	}

	/**
	 * Measures the table on the DynamoDB Local of this JVM.
	 * @param settings how long to measure
	 * @param progress receives progress messages
	 * @return one row per document size and level, then the peer's row per size (level -1)
	 */
	static List<CompressionRow> run(Settings.Compression settings, Consumer<String> progress) {
		return new CompressionCost(settings, progress).measure();
	}

	private List<CompressionRow> measure() {
		List<CompressionRow> rows = new ArrayList<>();
		try (SdkWiring wiring = SdkWiring.create(); SdkWiring peerWiring = SdkWiring.create()) {
			SingleTableSchema.standard(TABLE).create(wiring.client());
			SingleTableSchema.standard(PEER_TABLE).create(wiring.client());
			Map<Integer, SingleTableTemplate> templates = new LinkedHashMap<>();
			for (int level : LEVELS) {
				MappingDefaults defaults = (level == 0) ? new MappingDefaults(false, null, null)
						: new MappingDefaults(null, null, level);
				templates.put(level, new SingleTableTemplate(wiring.client(), TABLE,
						new MappingSingleTableConverter(new SingleTableMappingContext(defaults))));
			}
			DynamoDbTable<PeerArticle> peerTable = DynamoDbEnhancedClient.builder()
				.dynamoDbClient(peerWiring.client())
				.build()
				.table(PEER_TABLE, TableSchema.fromBean(PeerArticle.class));
			for (int size = 0; size < SIZES.length; size++) {
				this.progress.accept("compression levels: " + SIZE_NAMES[size] + " documents");
				ArticleDocument document = Documents.article(7000 + size, SIZES[size][0], SIZES[size][1]);
				rows.addAll(measureSize(SIZE_NAMES[size], document, templates, wiring, peerTable, peerWiring));
			}
		}
		return rows;
	}

	private List<CompressionRow> measureSize(String sizeName, ArticleDocument document,
			Map<Integer, SingleTableTemplate> templates, SdkWiring wiring, DynamoDbTable<PeerArticle> peerTable,
			SdkWiring peerWiring) {
		int json = templates.get(1).getConverter().getJsonMapper().writeValueAsBytes(TunableArticle.of(document)).length;
		Map<Integer, Writer> writers = new LinkedHashMap<>();
		Map<Integer, double[]> stored = new LinkedHashMap<>();
		for (Map.Entry<Integer, SingleTableTemplate> entry : templates.entrySet()) {
			SingleTableTemplate template = entry.getValue();
			TunableArticle created = template.create(TunableArticle.of(document));
			wiring.capacity().enable();
			wiring.http().record();
			TunableArticle updated = template.update(created.withTitle(created.title() + " (2)"));
			List<Recorded> script = wiring.http().stopRecording();
			CapacityMeter.Totals write = wiring.capacity().disable();
			wiring.capacity().enable();
			template.findById(TunableArticle.class, updated.id());
			CapacityMeter.Totals read = wiring.capacity().disable();
			long latest = itemSize(wiring, "TunableArticle#" + updated.id(), "v0");
			long history = itemSize(wiring, "TunableArticle#" + updated.id(), "v2");
			stored.put(entry.getKey(), new double[] { latest, history, write.estimatedWrite(), read.estimatedRead() });
			writers.put(entry.getKey(), new Writer(wiring, script, updated, template));
		}
		PeerArticle bean = PeerContender.bean(document);
		peerTable.putItem(bean);
		bean.setVersion(1L);
		peerWiring.capacity().enable();
		peerWiring.http().record();
		peerUpdate(peerTable, bean);
		List<Recorded> peerScript = peerWiring.http().stopRecording();
		CapacityMeter.Totals peerWrite = peerWiring.capacity().disable();
		peerWiring.capacity().enable();
		peerTable.getItem(Key.builder().partitionValue(bean.getPk()).sortValue(bean.getSk()).build());
		CapacityMeter.Totals peerRead = peerWiring.capacity().disable();
		long peerSize = StoredItemSizes.of(peerWiring.client()
			.getItem((request) -> request.tableName(PEER_TABLE)
				.key(Map.of("pk", AttributeValue.fromS(bean.getPk()), "sk", AttributeValue.fromS(bean.getSk())))
				.consistentRead(true))
			.item());

		// client CPU against the recorded responses, variants and peer taking turns in each round
		Map<Integer, LongSupplier> work = new LinkedHashMap<>();
		writers.forEach((level, writer) -> work.put(level, writer::write));
		work.put(-1, () -> {
			peerUpdate(peerTable, bean);
			return 1;
		});
		Map<Integer, List<Double>> nanos = new LinkedHashMap<>();
		for (int level : work.keySet()) {
			replay(level, writers, peerWiring, peerScript);
			Sample.time(work.get(level), this.settings.warmup());
			nanos.put(level, new ArrayList<>());
		}
		List<Integer> order = new ArrayList<>(work.keySet());
		for (int round = 0; round < this.settings.rounds(); round++) {
			for (int i = 0; i < order.size(); i++) {
				int level = order.get((i + round) % order.size());
				replay(level, writers, peerWiring, peerScript);
				nanos.get(level).add(Sample.time(work.get(level), this.settings.round()).nanosPerOperation());
			}
		}
		wiring.http().pass();
		peerWiring.http().pass();
		List<CompressionRow> rows = new ArrayList<>();
		for (Map.Entry<Integer, double[]> entry : stored.entrySet()) {
			double[] figures = entry.getValue();
			rows.add(new CompressionRow(sizeName, json, entry.getKey(), Spread.of(nanos.get(entry.getKey())),
					Spread.ofRatios(nanos.get(entry.getKey()), nanos.get(-1)), (long) figures[0], (long) figures[1],
					figures[2], figures[3]));
		}
		rows.add(new CompressionRow(sizeName, json, -1, Spread.of(nanos.get(-1)), Spread.of(List.of(1.0)), peerSize, 0,
				peerWrite.estimatedWrite(), peerRead.estimatedRead()));
		return rows;
	}

	private static void replay(int level, Map<Integer, Writer> writers, SdkWiring peerWiring, List<Recorded> peerScript) {
		if (level == -1) {
			peerWiring.http().replay(peerScript);
		}
		else {
			Writer writer = writers.get(level);
			writer.wiring().http().replay(writer.script());
		}
	}

	/** The peer's versioned put, as {@link PeerContender} does it. */
	private static void peerUpdate(DynamoDbTable<PeerArticle> table, PeerArticle bean) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		bean.setTitle("Revision " + now);
		bean.setUpdatedAt(now);
		bean.setGsitypesk(now.toString());
		table.putItem(bean);
		bean.setVersion(bean.getVersion() + 1);
	}

	private static long itemSize(SdkWiring wiring, String pk, String sk) {
		return StoredItemSizes.of(wiring.client()
			.getItem((request) -> request.tableName(TABLE)
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item());
	}

	/**
	 * Versioned writes of one variant against its recorded response, each on the article the previous one returned.
	 */
	private static final class Writer {

		private final SdkWiring wiring;

		private final List<Recorded> script;

		private final SingleTableTemplate template;

		private TunableArticle latest;

		Writer(SdkWiring wiring, List<Recorded> script, TunableArticle latest, SingleTableTemplate template) {
			this.wiring = wiring;
			this.script = script;
			this.latest = latest;
			this.template = template;
		}

		SdkWiring wiring() {
			return this.wiring;
		}

		List<Recorded> script() {
			return this.script;
		}

		long write() {
			this.latest = this.template.update(this.latest.withTitle("Revision " + this.latest.version()));
			return 1;
		}

	}

	/**
	 * Returns the label of a variant of the table.
	 * @param level a gzip level, 0 for uncompressed, -1 for the peer
	 * @return the label
	 */
	static String label(int level) {
		return switch (level) {
			case -1 -> "peer (Enhanced Client), uncompressed, no history";
			case 0 -> "singletable uncompressed";
			default -> "singletable gzip level " + level
					+ ((level == MappingDefaults.DEFAULT_COMPRESSION_LEVEL) ? " (default)" : "");
		};
	}

}
