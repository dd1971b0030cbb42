package dev.singletable.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Results.Memory;
import dev.singletable.benchmarks.Results.Startup;
import dev.singletable.benchmarks.Results.Storage;
import dev.singletable.benchmarks.Results.LatencyFigure;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.model.VersionedArticle;

/**
 * Renders {@link Results} as the markdown of {@code docs/BENCHMARKS.md}: the goals of the benchmark issue, each
 * met or not with the reason, then every figure, the machine and the versions.
 */
public final class Report {

	/** The command that produces the report. */
	public static final String COMMAND = "mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec";

	private final Results results;

	private final int streamed;

	/**
	 * Creates a report.
	 * @param results the figures
	 */
	public Report(Results results) {
		this.results = results;
		this.streamed = results.settings().events();
	}

	/**
	 * Evaluates the goals of the benchmark issue.
	 * @return one line per goal and operation
	 */
	public List<Goal> goals() {
		List<Goal> goals = new ArrayList<>();
		// get: by id and in batches; put: every write; list: pages and the stream
		for (Operation operation : Operation.values()) {
			double ratio = throughputRatio(operation, Side.FLOOR);
			goals.add(new Goal("≥ 0.95× the floor's throughput: " + label(operation), ratio(ratio), ratio >= 0.95,
					whyFloor(operation, ratio)));
		}
		for (Operation operation : List.of(Operation.GET_LATEST, Operation.BATCH_GET, Operation.CREATE,
				Operation.UPDATE_VERSIONED, Operation.UPDATE_PLAIN)) {
			double ratio = throughputRatio(operation, Side.PEER);
			goals.add(new Goal("≥ 1.0× the Enhanced Client's throughput: " + label(operation), ratio(ratio), ratio >= 1.0,
					whyPeer(operation)));
		}
		for (Operation operation : List.of(Operation.CREATE, Operation.UPDATE_VERSIONED, Operation.GET_LATEST)) {
			Accounting accounting = this.results.accounting().get(operation).get(Side.SINGLETABLE);
			goals.add(new Goal("1 request per versioned " + switch (operation) {
				case CREATE -> "create";
				case UPDATE_VERSIONED -> "update";
				default -> "read";
			}, number(accounting.requests()) + ((accounting.requests() == 1.0) ? " request/op" : " requests/op"),
					accounting.requests() == 1.0,
					"it sent " + number(accounting.requests()) + " requests per operation"));
		}
		for (Operation operation : Operation.values()) {
			double ratio = cpuRatio(operation, Side.PEER);
			goals.add(new Goal("client CPU ≤ 1.2× the Enhanced Client's: " + label(operation), ratio(ratio), ratio <= 1.2,
					whyCpu(operation)));
		}
		Storage storage = this.results.storage();
		if (storage != null) {
			goals.add(new Goal("compressed stored bytes ≤ 0.3× plain for the ~10 KB document",
					ratio(storage.ratio()) + " (" + bytes(storage.compressedLatest()) + " vs " + bytes(storage.plain()) + ")",
					storage.ratio() <= 0.3,
					"gzip keeps " + percent(storage.gzipJson() / storage.json()) + " of this document's JSON and "
							+ percent(storage.proseRatio()) + " of its prose, about what it keeps of real English prose "
							+ "of this length (37–42%); 0.3× needs text far more repetitive than an article"));
		}
		Memory memory = this.results.memory().get(Side.SINGLETABLE);
		if (memory != null) {
			long growth = memory.growth();
			goals.add(new Goal("flat heap when streaming (" + count(memory.streamed()) + " items vs 1k)",
					signedBytes(growth) + " from 1k to " + count(memory.streamed()) + " items",
					growth < BenchmarkRun.FLAT_HEAP_BYTES, "the heap grew with the number of streamed items"));
		}
		return goals;
	}

	/**
	 * Renders the whole report.
	 * @return the markdown
	 */
	public String markdown() {
		StringBuilder out = new StringBuilder();
		Settings settings = this.results.settings();
		out.append("# Benchmarks\n\n");
		out.append("singletable against hand-written raw SDK calls doing exactly the same DynamoDB work (**floor**) and the "
				+ "AWS SDK v2 Enhanced Client with its optimistic-locking version extension (**peer**), measured side by "
				+ "side in one run on one in-process DynamoDB Local, then against canned responses without a server.\n\n");
		out.append("Produced by `").append(COMMAND).append("` (mode `").append(settings.mode()).append("`, ")
			.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(this.results.started().atOffset(ZoneOffset.UTC).withNano(0)))
			.append(" UTC, ").append(Math.round(this.results.elapsed().toSeconds())).append(" s). ");
		out.append("The harness is `benchmarks/src/main/java/dev/singletable/benchmarks/Benchmarks.java`; ")
			.append("`mvn -q -pl benchmarks exec:exec -Dbenchmarks.args=quick` runs a shorter version.\n\n");
		machine(out);
		goalsSection(out);
		findingsSection(out);
		throughputSection(out);
		accountingSection(out);
		storageSection(out);
		cpuSection(out);
		breakdownSection(out);
		memorySection(out);
		startupSection(out);
		latencySection(out);
		compressionSection(out);
		methodSection(out);
		if (!this.results.notes().isEmpty()) {
			out.append("## Notes of this run\n\n");
			this.results.notes().forEach((note) -> out.append("- ").append(note).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * Writes the report to a file, creating its folder.
	 * @param file the file
	 */
	public void write(Path file) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			Files.writeString(file, markdown());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private void machine(StringBuilder out) {
		Runtime runtime = Runtime.getRuntime();
		out.append("## Machine and versions\n\n");
		out.append("| | |\n|---|---|\n");
		row(out, "CPU", cpuModel() + ", " + runtime.availableProcessors() + " cores available to the JVM");
		row(out, "memory", physicalMemory() + " physical; JVM heap max " + bytes(runtime.maxMemory()) + " ("
				+ String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
					.filter((argument) -> argument.startsWith("-X"))
					.toList())
				+ ")");
		row(out, "JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")");
		row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		Properties versions = versions();
		row(out, "singletable", versions.getProperty("singletable", "?"));
		row(out, "AWS SDK v2 (dynamodb, dynamodb-enhanced)", software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION);
		row(out, "DynamoDB Local", versions.getProperty("dynamodb-local", "?") + ", in-process, in-memory, loopback HTTP");
		row(out, "Spring Boot / Framework", org.springframework.boot.SpringBootVersion.getVersion() + " / "
				+ org.springframework.core.SpringVersion.getVersion());
		row(out, "Jackson", tools.jackson.databind.json.JsonMapper.builder().build().version().toString());
		out.append('\n');
	}

	private void goalsSection(StringBuilder out) {
		out.append("## Goals (issue 7)\n\n");
		out.append("| Goal | Figure | Verdict | Why, when missed |\n|---|---|---|---|\n");
		for (Goal goal : goals()) {
			out.append("| ").append(goal.goal()).append(" | ").append(goal.figure()).append(" | ")
				.append(goal.met() ? "met" : "**not met**").append(" | ").append(goal.met() ? "" : goal.why()).append(" |\n");
		}
		out.append('\n');
	}

	private void findingsSection(StringBuilder out) {
		Map<Operation, Map<Side, Accounting>> accounting = this.results.accounting();
		if (accounting.size() < Operation.values().length) {
			return;
		}
		out.append("## What the figures say\n\n");
		Accounting streamSt = accounting.get(Operation.STREAM).get(Side.SINGLETABLE);
		Accounting streamPeer = accounting.get(Operation.STREAM).get(Side.PEER);
		out.append("- **Round trips.** Every versioned create, update and read is one request, and singletable sends "
				+ "exactly the floor's requests for every operation. Streaming ").append(count(this.streamed))
			.append(" items takes ").append(number(streamSt.requests())).append(" requests against the Enhanced Client's ")
			.append(number(streamPeer.requests())).append(": both let DynamoDB fill pages of up to 1 MB; the stream runs at ")
			.append(ratio(throughputRatio(Operation.STREAM, Side.PEER))).append(" the peer's speed.\n");
		out.append("- **Capacity.** Compression halves what reads cost: a get ")
			.append(units(estimatedRead(Operation.GET_LATEST, Side.SINGLETABLE))).append(" RCU against ")
			.append(units(estimatedRead(Operation.GET_LATEST, Side.PEER))).append(", a page of 100 ")
			.append(units(estimatedRead(Operation.LIST_PAGE, Side.SINGLETABLE))).append(" against ")
			.append(units(estimatedRead(Operation.LIST_PAGE, Side.PEER))).append(". Writes with history cost more than "
					+ "the peer's single put even compressed: a create ")
			.append(units(estimatedWrite(Operation.CREATE, Side.SINGLETABLE))).append(" WCU against ")
			.append(units(estimatedWrite(Operation.CREATE, Side.PEER))).append(", a versioned update ")
			.append(units(estimatedWrite(Operation.UPDATE_VERSIONED, Side.SINGLETABLE))).append(" against ")
			.append(units(estimatedWrite(Operation.UPDATE_VERSIONED, Side.PEER)))
			.append(" (two items, transactional, plus the pruning delete and the retention probe).\n");
		double worstFloor = 0;
		Operation worst = Operation.CREATE;
		for (Operation operation : Operation.values()) {
			double ratio = cpuRatio(operation, Side.FLOOR);
			if (ratio > worstFloor) {
				worstFloor = ratio;
				worst = operation;
			}
		}
		double lowest = Double.MAX_VALUE;
		Operation slowest = Operation.CREATE;
		for (Operation operation : Operation.values()) {
			double ratio = throughputRatio(operation, Side.FLOOR);
			if (ratio < lowest) {
				lowest = ratio;
				slowest = operation;
			}
		}
		out.append("- **Client CPU.** Against the floor, singletable's client work costs at most ").append(ratio(worstFloor))
			.append(" (").append(label(worst)).append("); on DynamoDB Local its throughput is at least ")
			.append(ratio(lowest)).append(" the floor's (").append(label(slowest)).append("). Against the Enhanced "
					+ "Client the gap is compression: gzip at level 1 (the default) is ").append(step("write: gzip of that JSON, level 1"))
			.append(" µs of a ")
			.append(micros(this.results.cpu().get(Operation.CREATE).get(Side.SINGLETABLE).nanos().median()))
			.append(" µs create, and reading a compressed article costs ").append(step("read: singletable `read`, compressed"))
			.append(" µs against ").append(step("read: Enhanced Client `mapToItem`")).append(" µs for the peer's mapping.\n\n");
	}

	private double estimatedRead(Operation operation, Side side) {
		return this.results.accounting().get(operation).get(side).estimatedReadUnits();
	}

	private double estimatedWrite(Operation operation, Side side) {
		return this.results.accounting().get(operation).get(side).estimatedWriteUnits();
	}

	private void throughputSection(StringBuilder out) {
		Settings settings = this.results.settings();
		out.append("## 1. Throughput on DynamoDB Local\n\n");
		out.append("One client thread per contender; operations per second, median (min–max) of ").append(settings.rounds())
			.append(" rounds of ").append(settings.round().toMillis()).append(" ms after ")
			.append(settings.warmup().toMillis()).append(" ms of warm-up per contender (in ")
			.append(BenchmarkRun.WARMUP_TURNS).append(" turns, rotated like the rounds); the contenders take turns in "
					+ "each round. ")
			.append("Ratios are the median over rounds of singletable's rate over the other's in the same round ")
			.append("(> 1 means singletable is faster), so load that comes and goes on the machine cancels out.\n\n");
		out.append("| Operation | singletable | floor (raw SDK) | peer (Enhanced Client) | vs floor | vs peer |\n");
		out.append("|---|---:|---:|---:|---:|---:|\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Spread> spreads = this.results.throughput().get(operation);
			if (spreads == null) {
				continue;
			}
			out.append("| ").append(label(operation));
			for (Side side : Side.values()) {
				Spread spread = spreads.get(side);
				out.append(" | ").append(rate(spread.median())).append(" (").append(rate(spread.min())).append("–")
					.append(rate(spread.max())).append(")");
			}
			out.append(" | ").append(ratio(throughputRatio(operation, Side.FLOOR))).append(" | ")
				.append(ratio(throughputRatio(operation, Side.PEER))).append(" |\n");
		}
		out.append("\nThe audited update reads the latest item (a strongly consistent `GetItem`, for the changed fields) "
				+ "and writes the versioned update with the audit row's `Put` in one `TransactWriteItems`; the floor "
				+ "sends the same two requests. The Enhanced Client has no audit log: its column is its plain versioned "
				+ "put, not like for like. singletable's audited update runs at "
				+ ownThroughputRatio(Operation.UPDATE_AUDITED, Operation.UPDATE_VERSIONED) + " the throughput of "
				+ "its unaudited versioned update in the same run (the cost of auditing).\n\n");
		out.append(blobParagraph());
	}

	/**
	 * What the blob write compares, with its requests per operation as counted in this run.
	 */
	private String blobParagraph() {
		String ours = requestCounts(Operation.UPDATE_BLOB, Side.SINGLETABLE);
		String floor = requestCounts(Operation.UPDATE_BLOB, Side.FLOOR);
		String peer = requestCounts(Operation.UPDATE_BLOB, Side.PEER);
		String unchanged = requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.SINGLETABLE);
		String unchangedFloor = requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.FLOOR);
		String unchangedPeer = requestCounts(Operation.UPDATE_BLOB_UNCHANGED, Side.PEER);
		return "The blob write updates a `BlobArticle` (versioned, `maxVersions = " + VersionedArticle.MAX_VERSIONS
				+ "`, a small compressed item) whose ~" + (Attachments.SIZE / 1024) + " KB attachment (`@BlobField byte[]`, "
				+ "stored uncompressed at `BlobArticle/{id}/v{n}/attachment`) changes with every write. singletable "
				+ "reads which object the version updated refers to (a strongly consistent `GetItem`), asks whether that "
				+ "object already holds the new bytes (`HeadObject`: its ETag against their MD5; it does not, so the "
				+ "upload follows), takes the resource's blob lock (a conditional `UpdateItem`), uploads the new object "
				+ "(`PutObject`, S3 before DynamoDB), writes the transaction (new version, `v0`, pruning delete, retention "
				+ "probe), deletes the object only the pruned version used (a strongly consistent `Query` of the remaining "
				+ "versions' references, `ListObjectsV2`, `DeleteObjects`), then gives the lock back (`DeleteItem`): " + ours + " per write; the floor sends the same requests by hand (" + floor
				+ ", checked by `BlobWriteRequestIntegrationTests`). The Enhanced Client has no history: its column is a "
				+ "`PutObject` over the article's one object and its versioned put (" + peer + "), not like for like: "
				+ "it keeps no earlier attachment and leaves a stray upload when the put fails. **Attachment unchanged**: "
				+ "the same update of articles whose attachment stays the same bytes: the `HeadObject` finds them "
				+ "stored, so there is no upload, the new version refers to the object of the one before, and the "
				+ "clean-up finds nothing to delete: " + unchanged + " per write (floor: " + unchangedFloor
				+ "); the peer, knowing the attachment unchanged, sends only its versioned put (" + unchangedPeer
				+ "). singletable's write of an unchanged attachment runs at "
				+ ownThroughputRatio(Operation.UPDATE_BLOB_UNCHANGED, Operation.UPDATE_BLOB)
				+ " the throughput of its write of a changed one in the same run. Every contender writes "
				+ "to the same in-process S3 (S3Proxy with its in-memory store, over loopback, through the same "
				+ "`url-connection-client` as its DynamoDB client), so these rows carry the S3 server's CPU on the same "
				+ "cores as well.\n\n";
	}

	/** S3 attempts per operation, and the calls when the SDK retried some. */
	private static String s3Requests(Accounting accounting) {
		String attempts = number(accounting.s3Requests());
		return (accounting.s3Requests() == accounting.s3Calls()) ? attempts
				: attempts + " (" + number(accounting.s3Calls()) + " calls)";
	}

	private String requestCounts(Operation operation, Side side) {
		Map<Side, Accounting> figures = this.results.accounting().get(operation);
		if (figures == null) {
			return "?";
		}
		Accounting accounting = figures.get(side);
		return number(accounting.requests()) + " DynamoDB + " + number(accounting.s3Calls()) + " S3 requests";
	}

	private void accountingSection(StringBuilder out) {
		out.append("## 2. Requests and capacity units per operation\n\n");
		out.append("Requests are SDK attempts counted by `RequestCounter`: **requests/op** those of the DynamoDB client, "
				+ "**S3 requests/op** those of the S3 client (counted apart; only the blob writes send any; when the "
				+ "SDK retried some, the calls follow in brackets: the in-process S3 now and then cuts an upload off "
				+ "under load, `Error writing request body to server`, and the SDK sends it again after a back-off, "
				+ "which slows that contender's row in section 1). **Local** is the capacity DynamoDB Local reports "
				+ "with `ReturnConsumedCapacity=TOTAL`, which an interceptor sets on every request (the template does not "
				+ "expose capacity for writes). It includes the writes to global secondary indexes: for single-item writes "
				+ "it matches DynamoDB's published rules (a plain update of a 10 KB item: 10 WCU on the table, 20 on "
				+ "`gsitype` whose key changes, 10 on `gsi1`), but for `TransactWriteItems` it reports more than those "
				+ "rules give (for a create, 80 against 2 × (5 + 5) + 5 + 5 = 30). **est.** is computed from the sizes "
				+ "of the items actually written and read, base table only: 1 WCU per started KB written, ×2 in a "
				+ "transaction (a pruned version counts as large as the version written, the retention probe as 1 KB); 0.5 RCU per started 4 KB read "
				+ "eventually consistent, a query summing its items before rounding.\n\n");
		out.append("| Operation | Contender | requests/op | S3 requests/op | RCU/op Local | WCU/op Local | RCU/op est. | "
				+ "WCU/op est. |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Accounting> figures = this.results.accounting().get(operation);
			if (figures == null) {
				continue;
			}
			for (Side side : Side.values()) {
				Accounting accounting = figures.get(side);
				out.append("| ").append(label(operation)).append(" | ").append(side.label()).append(" | ")
					.append(number(accounting.requests())).append(" | ").append(s3Requests(accounting)).append(" | ")
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
		out.append(RETENTION_PROBE);
	}

	/**
	 * What the retention probe costs, measured apart (before and after in one run) by
	 * {@code RetentionProbeCapacityIntegrationTests}; the full run cannot measure the request without it.
	 */
	static final String RETENTION_PROBE = """
			**Exact retention.** A versioned update's transaction carries, besides the pruning delete, a \
			`ConditionCheck` that the version below the one leaving the window is absent (the retention probe: it \
			finds a history longer than `maxVersions` without reading it). Measured apart, in one run, by \
			`RetentionProbeCapacityIntegrationTests` (`mvn -B -o -pl benchmarks -am verify \
			-Dtest=RetentionProbeCapacityIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false`): the same template \
			and articles (`VersionedArticle`, compressed, `maxVersions = 5`), 50 steady-state updates each way, once \
			through a client that strips the probe from the request. Before: 1 request/op, 95.2 WCU/op Local, 26.6 \
			WCU/op est.; after: 1 request/op, 99.2 WCU/op Local, 28.6 WCU/op est. The probe costs 2 WCU by the \
			pricing rules (a transactional check of an item under 1 KB) and 4 as DynamoDB Local reports it, about 7% \
			and 4% of an update; no request and no read. Only when the probe finds a longer history does an update \
			cost more: the transaction again without the probe, a key-only query per 1 MB of keys, and one \
			`BatchWriteItem` per 25 versions trimmed.

			""";

	private void storageSection(StringBuilder out) {
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

	private void storageRow(StringBuilder out, String label, double bytes, Storage storage) {
		out.append("| ").append(label).append(" | ").append(bytes(bytes)).append(" | ").append(ratio(bytes / storage.plain()))
			.append(" |\n");
	}

	private void cpuSection(StringBuilder out) {
		Settings settings = this.results.settings();
		out.append("## 4. Client CPU without a server\n\n");
		out.append("The same contenders and SDK clients, their HTTP client switched to replaying the responses DynamoDB "
				+ "Local gave them (recorded once, byte for byte; the request body is still read). What is left is "
				+ "mapping, compression, request building and the SDK's own pipeline. One thread; microseconds per "
				+ "operation, median (min–max) of ").append(settings.cpuRounds()).append(" rounds of ")
			.append(settings.cpuRound().toMillis()).append(" ms after ").append(settings.cpuWarmup().toMillis())
			.append(" ms of warm-up; ratios are the median over rounds of singletable's time over the other's in the same "
					+ "round (< 1 means singletable is cheaper). "
					+ "Allocation is per operation, from the thread's allocation counter.\n\n");
		out.append("| Operation | singletable µs | floor µs | peer µs | vs floor | vs peer | allocated KB (st / floor / peer) |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Cpu> figures = this.results.cpu().get(operation);
			if (figures == null) {
				continue;
			}
			out.append("| ").append(label(operation));
			for (Side side : Side.values()) {
				Spread nanos = figures.get(side).nanos();
				out.append(" | ").append(micros(nanos.median())).append(" (").append(micros(nanos.min())).append("–")
					.append(micros(nanos.max())).append(")");
			}
			out.append(" | ").append(ratio(cpuRatio(operation, Side.FLOOR))).append(" | ")
				.append(ratio(cpuRatio(operation, Side.PEER))).append(" | ");
			List<String> allocations = new ArrayList<>();
			for (Side side : Side.values()) {
				double allocated = figures.get(side).allocatedBytes();
				allocations.add((allocated >= 0) ? String.format(Locale.ROOT, "%,.0f", allocated / 1024) : "?");
			}
			out.append(String.join(" / ", allocations)).append(" |\n");
		}
		out.append('\n');
	}

	private void breakdownSection(StringBuilder out) {
		if (this.results.breakdown().isEmpty()) {
			return;
		}
		out.append("### Step by step, one ~10 KB article, no SDK\n\n");
		out.append("Mean over the 16 documents of the fixture; microseconds per article, median (min–max) of the same "
				+ "number of rounds, half as long.\n\n");
		out.append("| Step | µs | allocated KB | output |\n|---|---:|---:|---:|\n");
		for (Breakdown.Step step : this.results.breakdown()) {
			out.append("| ").append(step.step()).append(" | ").append(micros(step.nanos().median())).append(" (")
				.append(micros(step.nanos().min())).append("–").append(micros(step.nanos().max())).append(") | ")
				.append((step.allocatedBytes() >= 0) ? String.format(Locale.ROOT, "%.1f", step.allocatedBytes() / 1024) : "?")
				.append(" | ").append((step.outputBytes() >= 0) ? bytes(step.outputBytes()) : "").append(" |\n");
		}
		out.append('\n');
	}

	private void memorySection(StringBuilder out) {
		if (this.results.memory().isEmpty()) {
			return;
		}
		out.append("## 5. Heap while streaming\n\n");
		out.append("Each contender streams events from replayed pages (up to 1 MB each, as DynamoDB Local returned "
				+ "them); heap used after a full collection (`System.gc()` ×3, `MemoryMXBean`) before the stream "
				+ "and after the given numbers of items, while the stream is still open. Flat means growth from 1k "
				+ "to the end below ").append(bytes(BenchmarkRun.FLAT_HEAP_BYTES)).append(".\n\n");
		out.append("| Contender | items | before | after 1k | halfway | at the end | growth 1k → end |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|\n");
		for (Side side : Side.values()) {
			Memory memory = this.results.memory().get(side);
			if (memory == null) {
				continue;
			}
			out.append("| ").append(side.label()).append(" | ").append(count(memory.streamed())).append(" | ")
				.append(bytes(memory.before())).append(" | ").append(bytes(memory.after1k())).append(" | ")
				.append(bytes(memory.halfway())).append(" | ").append(bytes(memory.end())).append(" | ")
				.append(signedBytes(memory.growth())).append(" |\n");
		}
		out.append('\n');
	}

	private void startupSection(StringBuilder out) {
		if (this.results.startup().isEmpty()) {
			return;
		}
		Settings settings = this.results.settings();
		out.append("## 6. Spring start-up\n\n");
		out.append("`SpringApplication.run` to a started context, no web server, `logging.level.root=warn`. **Warm**: ")
			.append(settings.startupRuns()).append(" starts per variant in the harness JVM after ")
			.append(settings.startupWarmups()).append(" warm-up starts (classes loaded and compiled). **Cold**: ")
			.append(settings.coldStarts()).append(" starts per variant, each in a new JVM (`-Xmx512m`); JVM uptime "
					+ "includes the JVM's own start. Milliseconds, median (min–max). The starter variant sets "
					+ "`singletable.embedded.enabled=false` and `singletable.table.create=none` and defines a stubbed "
					+ "`DynamoDbClient` bean; its auto-configuration scans the entities and the repository.\n\n");
		out.append("**Cold CPU** is the CPU time of the new JVM's process when the context is ready (all threads, the "
				+ "JIT and the collector included): on a machine shared with other work it moves far less than wall "
				+ "time, which is why the deltas below are taken from it.\n\n");
		out.append("| Application | warm | cold (in `run`) | cold (JVM uptime at ready) | cold CPU |\n"
				+ "|---|---:|---:|---:|---:|\n");
		for (Startup startup : this.results.startup()) {
			out.append("| ").append(startup.variant()).append(" | ").append(millis(startup.warm())).append(" | ")
				.append(millis(startup.cold())).append(" | ").append(millis(startup.coldUptime())).append(" | ")
				.append(millis(startup.coldCpu())).append(" |\n");
		}
		out.append('\n');
		List<Startup> startups = this.results.startup();
		if (startups.size() == 3 && startups.get(1).coldCpu() != null && startups.get(2).coldCpu() != null) {
			Startup client = startups.get(1);
			Startup starter = startups.get(2);
			out.append("The starter adds ").append(signedMillis(starter.coldCpu().median() - client.coldCpu().median()))
				.append(" of cold-start CPU (").append(ratio(starter.coldCpu().median() / client.coldCpu().median()))
				.append(") and ").append(signedMillis(starter.coldUptime().median() - client.coldUptime().median()))
				.append(" of JVM uptime at ready (").append(ratio(starter.coldUptime().median() / client.coldUptime().median()))
				.append(") over the bare application with a `DynamoDbClient` bean, medians of this run.\n\n");
		}
		out.append("Where the starter's start-up time goes (classes loaded and compiled, CPU per bean) and what was tried "
				+ "against it: [PERFORMANCE.md, cold start](PERFORMANCE.md#cold-start).\n\n");
	}

	private void latencySection(StringBuilder out) {
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

	private static String requests(double perOperation) {
		return number(Math.round(perOperation * 10) / 10.0);
	}

	private static String milliseconds(Spread spread) {
		String format = (spread.median() >= 100) ? "%,.0f" : "%.1f";
		return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", spread.median(), spread.min(),
				spread.max());
	}

	private void compressionSection(StringBuilder out) {
		if (this.results.compression().isEmpty()) {
			return;
		}
		Settings.Compression settings = this.results.settings().compression();
		out.append("## 8. Compression level: CPU, stored bytes and billed units\n\n");
		out.append("A versioned write (`update` of `TunableArticle`: the new version and `v0` in one "
				+ "`TransactWriteItems`, every version kept, nothing pruned) at each gzip level and uncompressed, "
				+ "against the Enhanced Client's versioned `PutItem` of the same document (one uncompressed item, no "
				+ "history). Client CPU is measured against the recorded response replayed, the variants taking turns: "
				+ "microseconds per write, median (min–max) of ").append(settings.rounds()).append(" rounds of ")
			.append(settings.round().toMillis()).append(" ms; **vs peer** pairs them by round. Stored bytes are item "
					+ "sizes as DynamoDB counts them. WCU and RCU follow DynamoDB's pricing rules from those sizes (1 WCU "
					+ "per started KB written, doubled in a transaction; 0.5 RCU per started 4 KB of an eventually "
					+ "consistent read of the latest version).\n\n");
		out.append("| Document | Stored as | µs per write | vs peer | `v0` bytes | version bytes | WCU/write | RCU/read |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
		for (Results.CompressionRow row : this.results.compression()) {
			Spread nanos = row.nanos();
			boolean peer = row.level() == -1;
			out.append("| ").append(row.size()).append(" (").append(bytes(row.json())).append(" JSON) | ")
				.append(CompressionCost.label(row.level())).append(" | ").append(micros(nanos.median())).append(" (")
				.append(micros(nanos.min())).append("–").append(micros(nanos.max())).append(") | ")
				.append(peer ? "1" : ratio(row.vsPeer().median())).append(" | ")
				.append(bytes(row.latestBytes())).append(" | ")
				.append(peer ? "–" : bytes(row.historyBytes())).append(" | ")
				.append(units(row.writeUnits())).append(" | ").append(units(row.readUnits())).append(" |\n");
		}
		out.append('\n');
		defaultLevelChoice(out);
	}

	/**
	 * Why the default level is what it is, from the table: its CPU against level 6 and the peer, and what it costs
	 * in bytes and billed units, for each document size.
	 */
	private void defaultLevelChoice(StringBuilder out) {
		int chosen = dev.singletable.core.mapping.MappingDefaults.DEFAULT_COMPRESSION_LEVEL;
		out.append("**Default level: ").append(chosen).append(".** ");
		int same = 0;
		int compared = 0;
		boolean cheapest = true;
		for (String size : List.of("~2 KB", "~10 KB", "~50 KB")) {
			Results.CompressionRow level = compressionRow(size, chosen);
			Results.CompressionRow six = compressionRow(size, 6);
			Results.CompressionRow nine = compressionRow(size, 9);
			Results.CompressionRow plain = compressionRow(size, 0);
			if (level == null || six == null || nine == null || plain == null) {
				continue;
			}
			out.append("For ").append(size).append(" documents level ").append(chosen).append(" writes at ")
				.append(ratio(level.vsPeer().median())).append(" the peer's CPU against ").append(ratio(six.vsPeer().median()))
				.append(" at level 6 and ").append(ratio(nine.vsPeer().median())).append(" at level 9, and stores ")
				.append(percent((double) level.latestBytes() / six.latestBytes() - 1)).append(" more bytes than level 6 ")
				.append("(").append(units(level.writeUnits())).append(" WCU per write against ")
				.append(units(six.writeUnits())).append(", ").append(units(level.readUnits())).append(" RCU per read against ")
				.append(units(six.readUnits())).append("; uncompressed ").append(units(plain.writeUnits())).append(" and ")
				.append(units(plain.readUnits())).append("). ");
			for (int other : new int[] { 3, 6, 9 }) {
				Results.CompressionRow row = compressionRow(size, other);
				cheapest &= (row == null) || level.nanos().median() <= row.nanos().median();
			}
			same += ((level.writeUnits() == six.writeUnits()) ? 1 : 0) + ((level.readUnits() == six.readUnits()) ? 1 : 0);
			compared += 2;
		}
		out.append("DynamoDB bills whole KB written and whole 4 KB read, so the bytes level ").append(chosen)
			.append(" adds change the billed units only near a boundary: here ").append(same).append(" of ")
			.append(compared).append(" WCU and RCU figures are the same as level 6's, while level ").append(chosen)
			.append(cheapest ? "'s CPU is the lowest of the compressed rows for every size. "
					: " is not the cheapest compressed row for every size in this run (see the ranges). ")
			.append("A type written rarely and read often, or whose items "
					+ "sit just above a boundary, can choose a higher level with `@SingleTableEntity(compressionLevel = …)`"
					+ " or `singletable.compression.level`.\n\n");
	}

	private Results.@Nullable CompressionRow compressionRow(String size, int level) {
		for (Results.CompressionRow row : this.results.compression()) {
			if (row.size().equals(size) && row.level() == level) {
				return row;
			}
		}
		return null;
	}

	private void methodSection(StringBuilder out) {
		out.append("## How it is measured\n\n");
		out.append("""
				- **Contenders.** *singletable*: `SingleTableTemplate` and a Spring Data repository (`findByStatus(status, \
				ScrollPosition, Limit)` returning a `Window`). *floor*: raw `DynamoDbClient` calls written by hand that send \
				the same requests singletable sends (same items and attributes including gzip `data`, same conditions, the \
				same `TransactWriteItems` with the pruning delete and the retention probe, the same query limits, `ReturnConsumedCapacity` on \
				queries as singletable asks for it), JSON through a plain Jackson mapper, plain items mapped field by \
				field; its reads read the very items singletable stored. *peer*: the Enhanced Client as documented, \
				beans with `@DynamoDbVersionAttribute`; one uncompressed item per article and no history, so its \
				"versioned update" is its versioned put and its create is one conditional `PutItem`.
				- **Entities.** `VersionedArticle`: versioned, compressed, `maxVersions = 5` (every measured update \
				prunes: each pooled article is brought to 5 versions first), `gsi1` = `status#{status}`. `PlainArticle`: \
				the same document, plain and uncompressed, optimistic lock on `@Version`. `Event`: a plain ~300-byte item, \
				streamed through the type index in pages of up to 1 MB (every contender lets DynamoDB fill them). \
				`BlobArticle` (the blob writes, issue 16): versioned, `maxVersions = 5`, a title and a `@BlobField byte[]` \
				attachment of 50 KB in S3; one pool of articles whose attachment changes with every write, one whose \
				attachment never changes; each pool is updated in turn, so that every write prunes a version. The floor \
				and the peer write the same attachments to the same bucket.
				- **Transaction** (issue 14): `template.transaction(tx -> ...)` with `tx.update` of a pooled \
				`VersionedArticle` (its new version, `v0`, the pruning delete and the retention probe), `tx.update` of a \
				pooled `PlainArticle` and `tx.increment(Event.class, id, "sequence", 1)`: one `TransactWriteItems` of 6 \
				items with a client request token. The floor sends the same 6 items, conditions and expressions (checked \
				by `TransactionRequestIntegrationTests`); the peer sends one `transactWriteItems` of its two versioned \
				puts and an `@DynamoDbAtomicCounter` update (`AtomicCounterExtension`), 3 items, no history.
				- **DynamoDB Local** runs in the same JVM (one server for all contenders, over loopback HTTP, \
				`url-connection-client` for every SDK client), so its CPU competes with the client's on the same cores: \
				the throughput ratios show what the whole stack costs per operation on this machine, not network \
				latency. Each contender has its own SDK client configured identically.
				- **Without a server** the recorded responses are replayed in order by the HTTP client, so every layer \
				above the socket runs as usual. A create, update or read is answered with the recorded success, so no \
				conditional failure paths are measured.
				- **Spread.** Medians are over rounds; the range (min–max) shows how noisy a figure is. Ratios pair the \
				contenders round by round (they take turns within a round) before the median is taken. On 2 shared \
				cores differences of a few percent are within noise.

				""");
	}

	private double throughputRatio(Operation operation, Side other) {
		Spread ratios = throughputRatios(operation, other);
		return (ratios != null) ? ratios.median() : Double.NaN;
	}

	/** singletable's throughput over the other's, round by round. */
	private @Nullable Spread throughputRatios(Operation operation, Side other) {
		Map<Side, List<Double>> rounds = this.results.throughputRounds().get(operation);
		return (rounds != null) ? Spread.ofRatios(rounds.get(Side.SINGLETABLE), rounds.get(other)) : null;
	}

	private double cpuRatio(Operation operation, Side other) {
		return cpuRatio(Side.SINGLETABLE, operation, other);
	}

	private double cpuRatio(Side side, Operation operation, Side other) {
		Map<Side, List<Double>> rounds = this.results.cpuRounds().get(operation);
		return (rounds != null) ? Spread.ofRatios(rounds.get(side), rounds.get(other)).median() : Double.NaN;
	}

	private String whyFloor(Operation operation, double ratio) {
		Spread ratios = throughputRatios(operation, Side.FLOOR);
		double noise = (ratios != null) ? ratios.relativeRange() : 0;
		String cpu = cpuComparison(operation, Side.FLOOR);
		String base = "same requests and items, so the gap is client work: " + cpu;
		return (1 - ratio < noise) ? base + "; the gap is within the round-to-round spread of this ratio ("
				+ percent(noise) + ")" : base;
	}

	private String whyPeer(Operation operation) {
		return switch (operation) {
			case CREATE -> "singletable writes `v1` and `v0` in one `TransactWriteItems` (2 items, transactional: "
					+ writeUnits(operation) + ") where the peer writes one `PutItem`; " + cpuComparison(operation, Side.PEER);
			case UPDATE_VERSIONED -> "singletable writes the new version, `v0`, the pruning delete and the retention "
					+ "probe in one `TransactWriteItems` (4 items: " + writeUnits(operation) + ") where the peer does one `PutItem` and "
					+ "keeps no history; " + cpuComparison(operation, Side.PEER);
			default -> "one request each; " + cpuComparison(operation, Side.PEER);
		};
	}

	/**
	 * singletable's throughput of one operation against its throughput of another, measured in the same run (the
	 * median rates).
	 */
	private String ownThroughputRatio(Operation operation, Operation other) {
		Map<Side, Spread> ours = this.results.throughput().get(operation);
		Map<Side, Spread> theirs = this.results.throughput().get(other);
		if (ours == null || theirs == null) {
			return "n/a";
		}
		return ratio(ours.get(Side.SINGLETABLE).median() / theirs.get(Side.SINGLETABLE).median());
	}

	private String writeUnits(Operation operation) {
		Map<Side, Accounting> figures = this.results.accounting().get(operation);
		if (figures == null) {
			return "";
		}
		return units(figures.get(Side.SINGLETABLE).estimatedWriteUnits()) + " WCU against "
				+ units(figures.get(Side.PEER).estimatedWriteUnits()) + " by the pricing rules";
	}

	private String whyCpu(Operation operation) {
		String floor = "the floor, doing the same work by hand, takes " + ratio(cpuRatio(Side.FLOOR, operation, Side.PEER))
				+ " the peer's time";
		return switch (operation) {
			case UPDATE_BLOB_UNCHANGED -> "singletable, as the floor, reads the references, sends a `HeadObject` (and "
					+ "hashes the " + (Attachments.SIZE / 1024) + " KB to compare its ETag), the transaction of a versioned "
					+ "update and the pruning clean-up's `Query` and `ListObjectsV2`, where the peer sends its one put; "
					+ floor;
			case UPDATE_BLOB -> "the " + (Attachments.SIZE / 1024) + " KB attachment goes through the S3 client's "
					+ "pipeline (signing, checksum) for every contender, but singletable, as the floor, also sends the "
					+ "reference read, the `HeadObject`, the transaction of a versioned update and the pruning clean-up, "
					+ "where the peer sends two requests; " + floor;
			case CREATE, UPDATE_VERSIONED, UPDATE_AUDITED -> "gzip of the JSON at level 1 (the default) alone takes " + step("write: gzip of "
					+ "that JSON, level 1") + " µs (" + step("write: gzip of that JSON, level 6") + " µs at level 6) and the "
					+ "transaction carries the data twice (version + `v0`); the peer maps one uncompressed item; " + floor;
			case GET_LATEST, LIST_PAGE, QUERY_PAGE, BATCH_GET -> "each compressed item is gunzipped and parsed ("
					+ step("read: singletable `read`, compressed") + " µs per article) where the peer maps uncompressed "
					+ "attributes (" + step("read: Enhanced Client `mapToItem`") + " µs); " + floor;
			case UPDATE_PLAIN -> "the body goes through a JSON tree (" + step("write: singletable `writeBody`, plain") + " vs "
					+ step("write: Enhanced Client `itemToMap`") + " µs per article) and every write is size-checked ("
					+ step("write: item size check") + " µs); " + cpuComparison(operation, Side.PEER);
			case STREAM -> "plain items are parsed by Jackson from attribute tokens, records through their constructor ("
					+ step("read: singletable `read`, plain") + " vs " + step("read: Enhanced Client `mapToItem`")
					+ " µs per article for the peer's bean setters); " + cpuComparison(operation, Side.PEER);
			case TRANSACTION -> "the versioned article is gzipped (" + step("write: gzip of that JSON, level 1")
					+ " µs) and carried twice (version + `v0`) where the peer puts it uncompressed with no history; "
					+ floor;
		};
	}

	private String step(String prefix) {
		for (Breakdown.Step step : this.results.breakdown()) {
			if (step.step().startsWith(prefix)) {
				return micros(step.nanos().median());
			}
		}
		return "?";
	}

	private String cpuComparison(Operation operation, Side other) {
		Map<Side, Cpu> figures = this.results.cpu().get(operation);
		if (figures == null) {
			return "no CPU figure";
		}
		Cpu ours = figures.get(Side.SINGLETABLE);
		Cpu theirs = figures.get(other);
		return "client CPU " + micros(ours.nanos().median()) + " µs vs " + micros(theirs.nanos().median()) + " µs per op, "
				+ kilobytes(ours.allocatedBytes()) + " vs " + kilobytes(theirs.allocatedBytes()) + " allocated";
	}

	private String label(Operation operation) {
		return operation.label(this.streamed);
	}

	private static void row(StringBuilder out, String name, String value) {
		out.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

	private static Properties versions() {
		Properties properties = new Properties();
		try (InputStream in = Report.class.getResourceAsStream("/benchmarks-versions.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// versions are informative only
		}
		return properties;
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

	private static String physicalMemory() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return bytes(os.getTotalMemorySize());
		}
		return "?";
	}

	static String rate(double perSecond) {
		if (perSecond >= 100) {
			return String.format(Locale.ROOT, "%,.0f", perSecond);
		}
		return String.format(Locale.ROOT, (perSecond >= 10) ? "%.1f" : "%.2f", perSecond);
	}

	static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
	}

	static String number(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

	static String units(double value) {
		return (value == 0) ? "0" : String.format(Locale.ROOT, (value >= 100) ? "%.0f" : "%.1f", value);
	}

	static String micros(double nanos) {
		double micros = nanos / 1000;
		return String.format(Locale.ROOT, (micros >= 100) ? "%,.0f" : "%.1f", micros);
	}

	static String millis(@Nullable Spread spread) {
		if (spread == null) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", spread.median(), spread.min(), spread.max());
	}

	static String signedMillis(double millis) {
		return String.format(Locale.ROOT, "%+,.0f ms", millis).replace("-", "−");
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
	}

	static String count(long items) {
		return (items >= 1000 && items % 1000 == 0) ? (items / 1000) + "k" : String.format(Locale.ROOT, "%,d", items);
	}

	static String kilobytes(double bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%,.0f KB", bytes / 1024);
	}

	static String bytes(double bytes) {
		if (Math.abs(bytes) >= 1024L * 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
		}
		if (Math.abs(bytes) >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
		}
		return String.format(Locale.ROOT, "%,.0f B", bytes);
	}

	static String signedBytes(long bytes) {
		return ((bytes >= 0) ? "+" : "−") + bytes(Math.abs(bytes));
	}

	/**
	 * One goal of the issue for one operation.
	 *
	 * @param goal the goal
	 * @param figure the measured figure
	 * @param met whether the figure meets the goal
	 * @param why the reason when it is missed
	 */
	public record Goal(String goal, String figure, boolean met, String why) {
	}

}
