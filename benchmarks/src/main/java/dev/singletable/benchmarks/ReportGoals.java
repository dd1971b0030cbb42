package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Memory;
import dev.singletable.benchmarks.Results.Storage;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.blob.Attachments;

import static dev.singletable.benchmarks.ReportFormat.bytes;
import static dev.singletable.benchmarks.ReportFormat.count;
import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.percent;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.signedBytes;

/**
 * The goals of the benchmark issue, evaluated on a run: each met or not, with the reason when it is missed.
 */
final class ReportGoals {

	private final Results results;

	private final ReportFigures figures;

	/**
	 * Creates the goals of a run.
	 * @param results the figures measured
	 * @param figures what the report derives from them
	 */
	ReportGoals(Results results, ReportFigures figures) {
		this.results = results;
		this.figures = figures;
	}

	/**
	 * Evaluates the goals of the benchmark issue.
	 * @return one line per goal and operation
	 */
	List<Report.Goal> goals() {
		List<Report.Goal> goals = new ArrayList<>();
		// get: by id and in batches; put: every write; list: pages and the stream
		for (Operation operation : Operation.values()) {
			double ratio = this.figures.throughputRatio(operation, Side.FLOOR);
			goals.add(new Report.Goal("≥ 0.95× the floor's throughput: " + this.figures.label(operation), ratio(ratio),
					ratio >= 0.95, whyFloor(operation, ratio)));
		}
		for (Operation operation : List.of(Operation.GET_LATEST, Operation.BATCH_GET, Operation.CREATE,
				Operation.UPDATE_VERSIONED, Operation.UPDATE_PLAIN)) {
			double ratio = this.figures.throughputRatio(operation, Side.PEER);
			goals.add(new Report.Goal("≥ 1.0× the Enhanced Client's throughput: " + this.figures.label(operation),
					ratio(ratio), ratio >= 1.0, whyPeer(operation)));
		}
		// the requests the caller waits for: those sent before the answer (a versioned update's probe and prune follow it)
		for (Operation operation : List.of(Operation.CREATE, Operation.UPDATE_VERSIONED, Operation.GET_LATEST)) {
			Accounting accounting = this.results.accounting().get(operation).get(Side.SINGLETABLE);
			double before = accounting.requestsBeforeAnswer();
			String beforeAnswer = number(before) + ((before == 1.0) ? " request" : " requests") + " before the answer";
			String inAll = (accounting.requests() != before) ? ", " + number(accounting.requests()) + " in all" : "";
			goals.add(new Report.Goal("1 request per versioned " + switch (operation) {
				case CREATE -> "create";
				case UPDATE_VERSIONED -> "update";
				default -> "read";
			}, beforeAnswer + inAll, before == 1.0,
					"it sent " + number(before) + " requests per operation before the answer" + inAll));
		}
		for (Operation operation : Operation.values()) {
			double ratio = this.figures.cpuRatio(operation, Side.PEER);
			goals.add(new Report.Goal("client CPU ≤ 1.2× the Enhanced Client's: " + this.figures.label(operation),
					ratio(ratio), ratio <= 1.2, whyCpu(operation)));
		}
		Storage storage = this.results.storage();
		if (storage != null) {
			goals.add(new Report.Goal("compressed stored bytes ≤ 0.3× plain for the ~10 KB document",
					ratio(storage.ratio()) + " (" + bytes(storage.compressedLatest()) + " vs " + bytes(storage.plain()) + ")",
					storage.ratio() <= 0.3,
					"gzip keeps " + percent(storage.gzipJson() / storage.json()) + " of this document's JSON and "
							+ percent(storage.proseRatio()) + " of its prose, about what it keeps of real English prose "
							+ "of this length (37–42%); 0.3× needs text far more repetitive than an article"));
		}
		Memory memory = this.results.memory().get(Side.SINGLETABLE);
		if (memory != null) {
			long growth = memory.growth();
			goals.add(new Report.Goal("flat heap when streaming (" + count(memory.streamed()) + " items vs 1k)",
					signedBytes(growth) + " from 1k to " + count(memory.streamed()) + " items",
					growth < BenchmarkRun.FLAT_HEAP_BYTES, "the heap grew with the number of streamed items"));
		}
		return goals;
	}

	String whyFloor(Operation operation, double ratio) {
		Spread ratios = this.figures.throughputRatios(operation, Side.FLOOR);
		double noise = (ratios != null) ? ratios.relativeRange() : 0;
		String cpu = this.figures.cpuComparison(operation, Side.FLOOR);
		String base = "same requests and items, so the gap is client work: " + cpu;
		return (1 - ratio < noise) ? base + "; the gap is within the round-to-round spread of this ratio ("
				+ percent(noise) + ")" : base;
	}

	String whyPeer(Operation operation) {
		return switch (operation) {
			case CREATE -> "singletable writes `v1` and `v0` in one `TransactWriteItems` (2 items, transactional: "
					+ this.figures.writeUnits(operation) + ") where the peer writes one `PutItem`; " + this.figures.cpuComparison(operation, Side.PEER);
			case UPDATE_VERSIONED -> "singletable writes the new version and `v0` in one `TransactWriteItems`, then "
					+ "after the answer reads the retention probe and deletes the version leaving the window ("
					+ this.figures.writeUnits(operation) + ") where the peer does one `PutItem` and "
					+ "keeps no history; " + this.figures.cpuComparison(operation, Side.PEER);
			default -> "one request each; " + this.figures.cpuComparison(operation, Side.PEER);
		};
	}

	String whyCpu(Operation operation) {
		String floor = "the floor, doing the same work by hand, takes " + ratio(this.figures.cpuRatio(Side.FLOOR, operation, Side.PEER))
				+ " the peer's time";
		return switch (operation) {
			case UPDATE_BLOB_UNCHANGED -> "singletable, as the floor, reads the versions updated and pruned, hashes the "
					+ (Attachments.SIZE / 1024) + " KB to compare it with the MD5 the item recorded, and sends the "
					+ "transaction of a versioned update, where the peer sends its one put; " + floor;
			case UPDATE_BLOB -> "the " + (Attachments.SIZE / 1024) + " KB attachment goes through the S3 client's "
					+ "pipeline (signing, checksum) for every contender, but singletable, as the floor, also reads the "
					+ "versions updated and pruned, hashes the attachment, sends the transaction of a versioned update "
					+ "and, after the answer, the pruning clean-up's `Query` and `DeleteObjects` (counted here), where the "
					+ "peer sends two requests; " + floor;
			case CREATE, UPDATE_VERSIONED, UPDATE_AUDITED -> "gzip of the JSON at level 1 (the default) alone takes " + this.figures.step("write: gzip of "
					+ "that JSON, level 1") + " µs (" + this.figures.step("write: gzip of that JSON, level 6") + " µs at level 6) and the "
					+ "transaction carries the data twice (version + `v0`); the peer maps one uncompressed item; " + floor;
			case GET_LATEST, LIST_PAGE, QUERY_PAGE, BATCH_GET -> "each compressed item is gunzipped and parsed ("
					+ this.figures.step("read: singletable `read`, compressed") + " µs per article) where the peer maps uncompressed "
					+ "attributes (" + this.figures.step("read: Enhanced Client `mapToItem`") + " µs); " + floor;
			case UPDATE_PLAIN -> "the body is serialized by Jackson and converted to the SDK's attribute values (" + this.figures.step("write: singletable `writeBody`, plain") + " vs "
					+ this.figures.step("write: Enhanced Client `itemToMap`") + " µs per article) and every write is size-checked ("
					+ this.figures.step("write: item size check") + " µs); " + this.figures.cpuComparison(operation, Side.PEER);
			case STREAM -> "plain items are parsed by Jackson from attribute tokens, records through their constructor ("
					+ this.figures.step("read: singletable `read`, plain") + " vs " + this.figures.step("read: Enhanced Client `mapToItem`")
					+ " µs per article for the peer's bean setters); " + this.figures.cpuComparison(operation, Side.PEER);
			case TRANSACTION -> "the versioned article is gzipped (" + this.figures.step("write: gzip of that JSON, level 1")
					+ " µs) and carried twice (version + `v0`) where the peer puts it uncompressed with no history; "
					+ floor;
		};
	}

}
