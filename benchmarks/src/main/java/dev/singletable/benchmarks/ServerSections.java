package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.Map;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Storage;
import dev.singletable.benchmarks.Results.LatencyFigure;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.VersionedArticle;

import static dev.singletable.benchmarks.ReportFormat.bytes;
import static dev.singletable.benchmarks.ReportFormat.count;
import static dev.singletable.benchmarks.ReportFormat.milliseconds;
import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.percent;
import static dev.singletable.benchmarks.ReportFormat.rate;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.requests;
import static dev.singletable.benchmarks.ReportFormat.units;

/**
 * The sections of the {@link Report} on what the contenders ask of the servers: throughput on DynamoDB Local (with
 * the blob writes), requests and capacity units per operation, stored bytes per article, and latency under a
 * network round trip.
 */
final class ServerSections {

	private final Results results;

	private final ReportFigures figures;

	/**
	 * Creates the server sections of a run.
	 * @param results the figures measured
	 * @param figures what the report derives from them
	 */
	ServerSections(Results results, ReportFigures figures) {
		this.results = results;
		this.figures = figures;
	}

	void throughputSection(StringBuilder out) {
		Settings settings = this.results.settings();
		out.append("## 1. Throughput on DynamoDB Local\n\n");
		out.append("One client thread per contender; operations per second, median (min–max) of ").append(settings.rounds())
			.append(" rounds of ").append(settings.round().toMillis()).append(" ms after ")
			.append(settings.warmup().toMillis()).append(" ms of warm-up per contender (in ")
			.append(BenchmarkRun.WARMUP_TURNS).append(" turns, rotated like the rounds); the contenders take turns in "
					+ "each round, and a contender's round lasts until the work its writes left for after their answers "
					+ "(singletable's background pool, the floor's threads of its own) has ended, so that work counts "
					+ "for the contender that left it. ")
			.append("Ratios are the median over rounds of singletable's rate over the other's in the same round ")
			.append("(> 1 means singletable is faster), so load that comes and goes on the machine cancels out.\n\n");
		throughputTable(out);
		out.append("\nThe audited update reads the latest item (a strongly consistent `GetItem`, for the changed fields) "
				+ "and writes the versioned update with the audit row's `Put` in one `TransactWriteItems`; the floor "
				+ "sends the same two requests. The Enhanced Client has no audit log: its column is its plain versioned "
				+ "put, not like for like. singletable's audited update runs at "
				+ this.figures.ownThroughputRatio(Operation.UPDATE_AUDITED, Operation.UPDATE_VERSIONED) + " the throughput of "
				+ "its unaudited versioned update in the same run (the cost of auditing).\n\n");
		out.append(blobParagraph());
	}

	/**
	 * Writes section 1's table: a row for each operation measured.
	 */
	void throughputTable(StringBuilder out) {
		out.append("| Operation | singletable | floor (raw SDK) | peer (Enhanced Client) | vs floor | vs peer |\n");
		out.append("|---|---:|---:|---:|---:|---:|\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Spread> spreads = this.results.throughput().get(operation);
			if (spreads == null) {
				continue;
			}
			out.append("| ").append(this.figures.label(operation));
			for (Side side : Side.values()) {
				Spread spread = spreads.get(side);
				out.append(" | ").append(rate(spread.median())).append(" (").append(rate(spread.min())).append("–")
					.append(rate(spread.max())).append(")");
			}
			out.append(" | ").append(ratio(this.figures.throughputRatio(operation, Side.FLOOR))).append(" | ")
				.append(ratio(this.figures.throughputRatio(operation, Side.PEER))).append(" |\n");
		}
	}

	/**
	 * What the blob write compares, with its requests per operation as counted in this run.
	 */
	String blobParagraph() {
		String ours = this.figures.requestCounts(Operation.UPDATE_BLOB, Side.SINGLETABLE);
		String floor = this.figures.requestCounts(Operation.UPDATE_BLOB, Side.FLOOR);
		String peer = this.figures.requestCounts(Operation.UPDATE_BLOB, Side.PEER);
		String unchanged = this.figures.requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.SINGLETABLE);
		String unchangedFloor = this.figures.requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.FLOOR);
		String unchangedPeer = this.figures.requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.PEER);
		Accounting before = this.results.accounting().get(Operation.UPDATE_BLOB).get(Side.SINGLETABLE);
		return "The blob write updates a `BlobArticle` (versioned, `maxVersions = " + VersionedArticle.MAX_VERSIONS
				+ "`, a small compressed item) whose ~" + (Attachments.SIZE / 1024) + " KB attachment (`@BlobField byte[]`, "
				+ "stored uncompressed at `BlobArticle/{id}/v{n}/attachment`) changes with every write. singletable "
				+ "knows the version updated, which it wrote (which object it refers to, and that object's MD5, "
				+ "recorded in the item: issue 52's known versions), so it reads nothing; it compares the "
				+ "new bytes' MD5 with it (they differ), uploads the new object under its version's key, only if absent "
				+ "(`PutObject` with `If-None-Match: *`, S3 before DynamoDB; no lock), writes the transaction (new "
				+ "version and `v0`, on the condition that `v0`'s blob references are still the ones it knows; a "
				+ "version it did not write or read is read first, one `BatchGetItem`) and answers; after the answer, the retention probe (`GetItem`) and the pruning "
				+ "`DeleteItem`, which returns the pruned version, then the object only it used is deleted (a strongly consistent "
				+ "`Query` of the remaining versions' references, `DeleteObjects`): " + ours + " per write in all, " + number(before.requestsBeforeAnswer()) + " DynamoDB + "
				+ number(before.s3CallsBeforeAnswer()) + " S3 before the answer; the floor sends "
				+ "the same requests by hand (" + floor
				+ ", its clean-up on threads of its own as singletable's pool, checked by "
				+ "`BlobWriteRequestIntegrationTests`). The Enhanced Client has no history: its column is a "
				+ "`PutObject` over the article's one object and its versioned put (" + peer + "), not like for like: "
				+ "it keeps no earlier attachment and leaves a stray upload when the put fails. **Attachment unchanged**: "
				+ "the same update of articles whose attachment stays the same bytes: the MD5 matches the one the item "
				+ "recorded, so there is no S3 request, the new version refers to the object of the one before, and the "
				+ "pruned version used no object the new one does not: no clean-up. " + unchanged + " per write (floor: "
				+ unchangedFloor + "); the peer, knowing the attachment unchanged, sends only its versioned put ("
				+ unchangedPeer
				+ "). singletable's write of an unchanged attachment runs at "
				+ this.figures.ownThroughputRatio(Operation.UPDATE_BLOB_UNCHANGED, Operation.UPDATE_BLOB)
				+ " the throughput of its write of a changed one in the same run. Every contender writes "
				+ "to the same in-process S3 (S3Proxy with its in-memory store, over loopback, through the same "
				+ "`url-connection-client` as its DynamoDB client), so these rows carry the S3 server's CPU on the same "
				+ "cores as well.\n\n";
	}

	/** S3 attempts per operation, and the calls when the SDK retried some. */
	static String s3Requests(Accounting accounting) {
		String attempts = number(accounting.s3Requests());
		return (accounting.s3Requests() == accounting.s3Calls()) ? attempts
				: attempts + " (" + number(accounting.s3Calls()) + " calls)";
	}

	/**
	 * The requests sent before the answer: DynamoDB's, and S3's after a {@code +} when the operation sends any (the
	 * calls in brackets when the SDK retried some).
	 */
	static String beforeAnswer(Accounting accounting) {
		String dynamoDb = number(accounting.requestsBeforeAnswer());
		if (accounting.s3Requests() == 0) {
			return dynamoDb;
		}
		String s3 = number(accounting.s3RequestsBeforeAnswer());
		if (accounting.s3RequestsBeforeAnswer() != accounting.s3CallsBeforeAnswer()) {
			s3 += " (" + number(accounting.s3CallsBeforeAnswer()) + " calls)";
		}
		return dynamoDb + " + " + s3 + " S3";
	}

	void accountingSection(StringBuilder out) {
		out.append("## 2. Requests and capacity units per operation\n\n");
		out.append("Requests are SDK attempts counted by `RequestCounter`: **requests/op** those of the DynamoDB client, "
				+ "**S3 requests/op** those of the S3 client (counted apart; only the blob writes send any; when the "
				+ "SDK retried some, the calls follow in brackets: the in-process S3 now and then cuts an upload off "
				+ "under load, `Error writing request body to server`, and the SDK sends it again after a back-off, "
				+ "which slows that contender's row in section 1). **before the answer** counts those the caller waits "
				+ "for: the requests sent on the calling thread, which an interceptor of both clients (`CallerRequestCounter`) "
				+ "counts apart, DynamoDB's, then S3's after a + when the operation sends any; the rest of requests/op is "
				+ "the work a write leaves for after its answer (singletable's background threads, the floor's threads of "
				+ "its own; the peer leaves none), which the harness waits for after each operation so that it is counted "
				+ "with the operation that left it. **Local** is the capacity DynamoDB Local reports "
				+ "with `ReturnConsumedCapacity=TOTAL`, which an interceptor sets on every request (the template does not "
				+ "expose capacity for writes). It includes the writes to global secondary indexes: for single-item writes "
				+ "it matches DynamoDB's published rules (a plain update of a 10 KB item: 10 WCU on the table, 20 on "
				+ "`gsitype` whose key changes, 10 on `gsi1`), but for `TransactWriteItems` it reports more than those "
				+ "rules give (for a create, 80 against 2 × (5 + 5) + 5 + 5 = 30). **est.** is computed from the sizes "
				+ "of the items actually written and read, base table only: 1 WCU per started KB written, ×2 in a "
				+ "transaction (a pruned version counts as large as the version written, the retention probe as 1 KB); 0.5 RCU per started 4 KB read "
				+ "eventually consistent, a query summing its items before rounding.\n\n");
		out.append("| Operation | Contender | requests/op | before the answer | S3 requests/op | RCU/op Local | "
				+ "WCU/op Local | RCU/op est. | WCU/op est. |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Accounting> figures = this.results.accounting().get(operation);
			if (figures == null) {
				continue;
			}
			for (Side side : Side.values()) {
				Accounting accounting = figures.get(side);
				out.append("| ").append(this.figures.label(operation)).append(" | ").append(side.label()).append(" | ")
					.append(number(accounting.requests())).append(" | ").append(beforeAnswer(accounting)).append(" | ")
					.append(s3Requests(accounting)).append(" | ")
					.append(units(accounting.readUnits())).append(" | ")
					.append(units(accounting.writeUnits())).append(" | ").append(units(accounting.estimatedReadUnits()))
					.append(" | ").append(units(accounting.estimatedWriteUnits())).append(" |\n");
			}
		}
		int unreported = this.results.accounting().values().stream()
			.flatMap((bySide) -> bySide.values().stream())
			.mapToInt(Accounting::unreported)
			.sum();
		out.append('\n');
		if (unreported > 0) {
			out.append(unreported).append(" responses reported no consumed capacity; their Local figures are missing ")
				.append("and only the estimate covers them.\n\n");
		}
		out.append(retentionProbe());
	}

	/**
	 * What a versioned update at {@code maxVersions} sends, since issue 52 cut the retention probe and the prune out
	 * of its transaction, with the figures of this run's row (singletable's versioned update).
	 */
	private String retentionProbe() {
		Accounting update = this.results.accounting().getOrDefault(Operation.UPDATE_VERSIONED, Map.of())
			.get(Side.SINGLETABLE);
		if (update == null) {
			return "";
		}
		return "**Exact retention.** Since issue 52 a versioned update's transaction holds the new version and `v0` "
				+ "alone; after the answer, an eventually consistent `GetItem` of the version below the one leaving the "
				+ "window, its key alone (the retention probe: it finds a history longer than `maxVersions`), then the "
				+ "`DeleteItem` of the version leaving it. In this run's row (`VersionedArticle`, compressed, "
				+ "`maxVersions = 5`, every update pruning): " + number(update.requests()) + " requests/op ("
				+ number(update.requestsBeforeAnswer()) + " before the answer), " + units(update.writeUnits())
				+ " WCU/op Local, " + units(update.estimatedWriteUnits()) + " WCU/op est., "
				+ units(update.estimatedReadUnits()) + " RCU/op est. The probe costs half a read unit and no write "
				+ "capacity (`RetentionProbeCapacityIntegrationTests`; in the transaction, before the cut, it cost 2 WCU by "
				+ "the pricing rules). Only when the probe finds a longer history "
				+ "does an update cost more: a key-only query per 1 MB of keys, and one `BatchWriteItem` per 25 versions "
				+ "trimmed.\n\n";
	}

	void storageSection(StringBuilder out) {
		Storage storage = this.results.storage();
		if (storage == null) {
			return;
		}
		out.append("## 3. Stored bytes per article\n\n");
		out.append("Mean over ").append(storage.documents()).append(" generated articles (title, summary, tags, 5 sections "
				+ "of paragraphs with links, 8 comments, metadata) of ").append(bytes(storage.json()))
			.append(" of JSON each. Item size as DynamoDB counts it (attribute names plus values). ")
			.append("gzip keeps ").append(percent(storage.gzipJson() / storage.json())).append(" of the JSON and ")
			.append(percent(storage.proseRatio())).append(" of the prose alone; of real English prose of this length "
					+ "it keeps 37–42% (English documentation and licence texts), so the generated text is about as "
					+ "compressible as a real article.\n\n");
		out.append("| Stored as | Bytes per item | vs plain |\n|---|---:|---:|\n");
		storageRow(out, "JSON of the article (for reference)", storage.json(), storage);
		storageRow(out, "singletable versioned, compressed: `v0` (latest) item", storage.compressedLatest(), storage);
		storageRow(out, "singletable versioned, compressed: `vN` history item", storage.compressedHistory(), storage);
		storageRow(out, "singletable plain, uncompressed item", storage.plain(), storage);
		storageRow(out, "floor: the same `v0` item", storage.floorCompressedLatest(), storage);
		storageRow(out, "floor: the same plain item", storage.floorPlain(), storage);
		storageRow(out, "peer (Enhanced Client) item, uncompressed, no history", storage.peer(), storage);
		int items = VersionedArticle.MAX_VERSIONS + 1;
		double all = storage.compressedLatest() + VersionedArticle.MAX_VERSIONS * storage.compressedHistory();
		out.append("| singletable versioned article with ").append(VersionedArticle.MAX_VERSIONS)
			.append(" versions kept (").append(items).append(" items) | ").append(bytes(all)).append(" | ")
			.append(ratio(all / storage.plain())).append(" |\n\n");
	}

	void storageRow(StringBuilder out, String label, double bytes, Storage storage) {
		out.append("| ").append(label).append(" | ").append(bytes(bytes)).append(" | ").append(ratio(bytes / storage.plain()))
			.append(" |\n");
	}

	void latencySection(StringBuilder out) {
		if (this.results.latency().isEmpty()) {
			return;
		}
		Settings settings = this.results.settings();
		Settings.Latency latency = settings.latency();
		out.append("## 7. Under a network round trip\n\n");
		out.append("Every contender's SDK client sends its requests through `DelayedHttpClient`, which waits the given "
				+ "round-trip time before passing each HTTP request (every attempt) to DynamoDB Local, below the SDK's "
				+ "whole pipeline, as a network between client and DynamoDB would. Only operations whose requests follow "
				+ "one another are here: a ").append(count(settings.events())).append(" stream (pages of up to 1 MB), a "
				+ "batch get of ").append(latency.batch()).append(" ids (requests of 100), ").append(latency.pages())
			.append(" pages of 100 of the type index one after another, deleting an article with ")
			.append(latency.versions()).append(" versions (stored before the round by a client without delay; each "
					+ "contender reads the keys, then deletes: singletable and the floor the latest item first, then "
					+ "batches of 25), and a versioned update. Milliseconds per operation, median (min–max) of ")
			.append(latency.rounds()).append(" rounds of at least ").append(latency.round().toMillis())
			.append(" ms (deletes: ").append(latency.deletes()).append(" per round); speed ratios are the other's time "
					+ "over singletable's, paired by round (> 1 means singletable is faster). Requests are per "
					+ "operation, counted by `RequestCounter`.\n\n");
		for (Map.Entry<Duration, Map<LatencyOperation, Map<Side, LatencyFigure>>> entry : this.results.latency().entrySet()) {
			out.append("**Round trip ").append(entry.getKey().toMillis()).append(" ms**\n\n");
			out.append("| Operation | singletable ms | floor ms | peer ms | speed vs floor | speed vs peer | "
					+ "requests/op (st / floor / peer) |\n|---|---:|---:|---:|---:|---:|---:|\n");
			for (Map.Entry<LatencyOperation, Map<Side, LatencyFigure>> row : entry.getValue().entrySet()) {
				Map<Side, LatencyFigure> figures = row.getValue();
				out.append("| ").append(row.getKey().label(settings));
				for (Side side : Side.values()) {
					out.append(" | ").append(milliseconds(figures.get(side).millis()));
				}
				LatencyFigure own = figures.get(Side.SINGLETABLE);
				out.append(" | ").append(ratio(Spread.ofRatios(figures.get(Side.FLOOR).rounds(), own.rounds()).median()))
					.append(" | ").append(ratio(Spread.ofRatios(figures.get(Side.PEER).rounds(), own.rounds()).median()))
					.append(" | ").append(requests(own.requests())).append(" / ")
					.append(requests(figures.get(Side.FLOOR).requests())).append(" / ")
					.append(requests(figures.get(Side.PEER).requests())).append(" |\n");
			}
			out.append('\n');
		}
		out.append("Where a stream's time goes (DynamoDB Local's work per page, the SDK's parsing, singletable's mapping) "
				+ "and why hiding the round trip gains little on it here: [PERFORMANCE.md, streams]"
				+ "(PERFORMANCE.md#streams).\n\n");
	}

}
