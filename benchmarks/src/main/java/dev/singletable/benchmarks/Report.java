package dev.singletable.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.model.VersionedArticle;

import static dev.singletable.benchmarks.ReportFormat.count;
import static dev.singletable.benchmarks.ReportFormat.micros;
import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.units;

/**
 * Renders {@link Results} as the markdown of {@code docs/BENCHMARKS.md}: the goals of the benchmark issue, each
 * met or not with the reason, then every figure, the machine and the versions.
 */
public final class Report {

	/** The command that produces the report. */
	public static final String COMMAND = "mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec";

	private final Results results;

	private final int streamed;

	private final ReportFigures figures;

	private final ReportGoals goals;

	private final ServerSections server;

	private final ClientSections client;

	/**
	 * Creates a report.
	 * @param results the figures
	 */
	public Report(Results results) {
		this.results = results;
		this.streamed = results.settings().events();
		this.figures = new ReportFigures(results);
		this.goals = new ReportGoals(results, this.figures);
		this.server = new ServerSections(results, this.figures);
		this.client = new ClientSections(results, this.figures);
	}

	/**
	 * Evaluates the goals of the benchmark issue.
	 * @return one line per goal and operation
	 */
	public List<Goal> goals() {
		return this.goals.goals();
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
		MachineSection.machine(out);
		goalsSection(out);
		findingsSection(out);
		this.server.throughputSection(out);
		this.server.accountingSection(out);
		new WriteLimitsSection(this.results).render(out);
		this.server.storageSection(out);
		this.client.cpuSection(out);
		this.client.coldCpuSection(out, BenchmarkRun.COLD_FLUSH_KB);
		this.client.breakdownSection(out);
		this.client.memorySection(out);
		this.client.startupSection(out);
		this.server.latencySection(out);
		this.client.compressionSection(out);
		if (this.results.backfill() != null) {
			new BackfillSection(this.results.backfill()).render(out, "");
		}
		if (this.results.reactive() != null) {
			new ReactiveSection(this.results.reactive()).render(out, "");
		}
		methodSection(out);
		if (!this.results.notes().isEmpty()) {
			out.append("## Notes of this run\n\n");
			this.results.notes().forEach((note) -> out.append("- ").append(note).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * Writes the report to a file, creating its folder; the sections and subsections of the report the file held
	 * that this run does not produce are kept, labelled with the date of the run that measured them
	 * ({@link ReportSections}).
	 * @param file the file
	 */
	public void write(Path file) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			String earlier = Files.isRegularFile(file) ? Files.readString(file) : null;
			Files.writeString(file, ReportSections.carryOver(earlier, markdown()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
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
		out.append("- **Round trips.** Every versioned create and read is one request, a versioned update one before "
				+ "its answer (the retention probe and the prune follow it), and singletable sends exactly the floor's "
				+ "requests for every operation. Streaming ").append(count(this.streamed))
			.append(" items takes ").append(number(streamSt.requests())).append(" requests against the Enhanced Client's ")
			.append(number(streamPeer.requests())).append(": both let DynamoDB fill pages of up to 1 MB; the stream runs at ")
			.append(ratio(this.figures.throughputRatio(Operation.STREAM, Side.PEER))).append(" the peer's speed.\n");
		out.append("- **Capacity.** Compression halves what reads cost: a get ")
			.append(units(this.figures.estimatedRead(Operation.GET_LATEST, Side.SINGLETABLE))).append(" RCU against ")
			.append(units(this.figures.estimatedRead(Operation.GET_LATEST, Side.PEER))).append(", a page of 100 ")
			.append(units(this.figures.estimatedRead(Operation.LIST_PAGE, Side.SINGLETABLE))).append(" against ")
			.append(units(this.figures.estimatedRead(Operation.LIST_PAGE, Side.PEER))).append(". Writes with history cost more than "
					+ "the peer's single put even compressed: a create ")
			.append(units(this.figures.estimatedWrite(Operation.CREATE, Side.SINGLETABLE))).append(" WCU against ")
			.append(units(this.figures.estimatedWrite(Operation.CREATE, Side.PEER))).append(", a versioned update ")
			.append(units(this.figures.estimatedWrite(Operation.UPDATE_VERSIONED, Side.SINGLETABLE))).append(" against ")
			.append(units(this.figures.estimatedWrite(Operation.UPDATE_VERSIONED, Side.PEER)))
			.append(" (two items, transactional; the pruning delete after the answer, at the price of a plain write).\n");
		double worstFloor = 0;
		Operation worst = Operation.CREATE;
		for (Operation operation : Operation.values()) {
			double ratio = this.figures.cpuRatio(operation, Side.FLOOR);
			if (ratio > worstFloor) {
				worstFloor = ratio;
				worst = operation;
			}
		}
		double lowest = Double.MAX_VALUE;
		Operation slowest = Operation.CREATE;
		for (Operation operation : Operation.values()) {
			double ratio = this.figures.throughputRatio(operation, Side.FLOOR);
			if (ratio < lowest) {
				lowest = ratio;
				slowest = operation;
			}
		}
		out.append("- **Client CPU.** Against the floor, singletable's client work costs at most ").append(ratio(worstFloor))
			.append(" (").append(this.figures.label(worst)).append("); on DynamoDB Local its throughput is at least ")
			.append(ratio(lowest)).append(" the floor's (").append(this.figures.label(slowest)).append("). Against the Enhanced "
					+ "Client the gap is compression: gzip at level 1 (the default) is ").append(this.figures.step("write: gzip of that JSON, level 1"))
			.append(" µs of a ")
			.append(micros(this.results.cpu().get(Operation.CREATE).get(Side.SINGLETABLE).nanos().median()))
			.append(" µs create, and reading a compressed article costs ").append(this.figures.step("read: singletable `read`, compressed"))
			.append(" µs against ").append(this.figures.step("read: Enhanced Client `mapToItem`")).append(" µs for the peer's mapping.\n\n");
	}

	private void methodSection(StringBuilder out) {
		out.append("## How it is measured\n\n");
		out.append("""
				- **Contenders.** *singletable*: `SingleTableTemplate` and a Spring Data repository (`findByStatus(status, \
				ScrollPosition, Limit)` returning a `Window`). *floor*: raw `DynamoDbClient` calls written by hand that send \
				the same requests singletable sends (same items and attributes including gzip `data`, same conditions, the \
				same `TransactWriteItems`, then after the answer the same retention probe and pruning delete, the same query limits, `ReturnConsumedCapacity` on \
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
				`VersionedArticle` (its new version and `v0`; the retention probe and the pruning delete follow the \
				answer), `tx.update` of a pooled `PlainArticle` and `tx.increment(Event.class, id, "sequence", 1)`: one \
				`TransactWriteItems` of 4 items with a client request token. The floor sends the same 4 items, conditions \
				and expressions, and the same probe and delete after the answer (checked \
				by `TransactionRequestIntegrationTests`); the peer sends one `transactWriteItems` of its two versioned \
				puts and an `@DynamoDbAtomicCounter` update (`AtomicCounterExtension`), 3 items, no history.
				- **DynamoDB Local** runs in the same JVM (one server for all contenders, over loopback HTTP, \
				`url-connection-client` for every SDK client), so its CPU competes with the client's on the same cores: \
				the throughput ratios show what the whole stack costs per operation on this machine, not network \
				latency. Each contender has its own SDK client configured identically.
				- **Without a server** the recorded responses are replayed in order by the HTTP client, so every layer \
				above the socket runs as usual. A create, update or read is answered with the recorded success, so no \
				conditional failure paths are measured. The writes that read what they update (the audited update, \
				the blob writes) update the recorded article again and again, so that each read is answered with the \
				article it asks for: an audited update then diffs the article against its own stored state, as on the \
				server (before 2026-11-26 it diffed two different articles and recorded every field as changed).
				- **Spread.** Medians are over rounds; the range (min–max) shows how noisy a figure is. Ratios pair the \
				contenders round by round (they take turns within a round) before the median is taken. On 2 shared \
				cores differences of a few percent are within noise.
				- **Sections kept.** A section or subsection this run does not measure (those measured apart by their \
				own benchmarks, or written by hand into a generated one) is kept from the report the run wrote over, \
				in its place, labelled with the date of the run that measured it; a section the run measures replaces \
				the earlier one.

				""");
	}

	/**
	 * Puts a section run apart from the rest into a report: in place of the one that starts with the same heading,
	 * else before the report's method section, else at its end.
	 * @param report the markdown of the report
	 * @param heading the heading the section starts with
	 * @param section the markdown of the section
	 * @return the report with the section
	 */
	static String splice(String report, String heading, String section) {
		int start = report.indexOf(heading);
		if (start >= 0) {
			int end = report.indexOf("\n## ", start + heading.length());
			return report.substring(0, start) + section + ((end >= 0) ? report.substring(end + 1) : "");
		}
		int method = report.indexOf("## How it is measured");
		if (method >= 0) {
			return report.substring(0, method) + section + report.substring(method);
		}
		return report + (report.endsWith("\n\n") ? "" : "\n") + section;
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
