package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Results.Memory;
import dev.singletable.benchmarks.Results.Startup;
import dev.singletable.benchmarks.Sample.Spread;

import static dev.singletable.benchmarks.ReportFormat.bytes;
import static dev.singletable.benchmarks.ReportFormat.count;
import static dev.singletable.benchmarks.ReportFormat.micros;
import static dev.singletable.benchmarks.ReportFormat.millis;
import static dev.singletable.benchmarks.ReportFormat.percent;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.signedBytes;
import static dev.singletable.benchmarks.ReportFormat.signedMillis;
import static dev.singletable.benchmarks.ReportFormat.units;

/**
 * The sections of the {@link Report} on the client's own work: CPU without a server, the step-by-step breakdown,
 * the heap while streaming, Spring start-up, and the compression level's CPU, bytes and billed units.
 */
final class ClientSections {

	private final Results results;

	private final ReportFigures figures;

	/**
	 * Creates the client sections of a run.
	 * @param results the figures measured
	 * @param figures what the report derives from them
	 */
	ClientSections(Results results, ReportFigures figures) {
		this.results = results;
		this.figures = figures;
	}

	void cpuSection(StringBuilder out) {
		Settings settings = this.results.settings();
		out.append("## 4. Client CPU without a server\n\n");
		out.append("The same contenders and SDK clients, their HTTP client switched to replaying the responses DynamoDB "
				+ "Local gave them (recorded once, byte for byte; the request body is still read). What is left is "
				+ "mapping, compression, request building and the SDK's own pipeline. One thread; microseconds of that "
				+ "thread's CPU per operation (so that other processes on the machine move the figures far less than they "
				+ "move wall time), median (min–max) of ").append(settings.cpuRounds()).append(" rounds of ")
			.append(settings.cpuRound().toMillis()).append(" ms after ").append(settings.cpuWarmup().toMillis())
			.append(" ms of warm-up; ratios are the median over rounds of singletable's time over the other's in the same "
					+ "round (< 1 means singletable is cheaper). "
					+ "Allocation is per operation, from the thread's allocation counter.\n\n");
		cpuTable(out, this.results.cpu(), this.figures::cpuRatio, true);
	}

	/**
	 * The writes of section 4 again with the caches flushed before each operation, when they were measured so.
	 * @param flushKilobytes the size of the buffer the caches were flushed through
	 */
	void coldCpuSection(StringBuilder out, int flushKilobytes) {
		if (this.results.coldCpu().isEmpty()) {
			return;
		}
		out.append("### With cold caches\n\n");
		out.append("The same writes, rounds and responses, with the CPU caches flushed before each operation "
				+ "(`CacheFlush`: one word of every cache line of a buffer of ")
			.append((flushKilobytes >= 1024) ? (flushKilobytes / 1024) + " MB" : flushKilobytes + " KB")
			.append(" written; the flushes are not counted). "
				+ "Against DynamoDB Local on the same cores, the server's work between two operations of section 1 does "
				+ "the same, to a degree a flush from inside a VM can only approach (its figures vary between runs: "
				+ "compare the ratios); the gap to the floor here is what the code and data a write touches cost, not "
				+ "only the instructions it runs.\n\n");
		cpuTable(out, this.results.coldCpu(), this.figures::coldCpuRatio, false);
	}

	/**
	 * A table of client CPU: a row of each operation measured, each contender's median (min–max), singletable's
	 * ratios to the floor and the peer and, when asked for, each contender's allocation.
	 * @param ratio singletable's ratio to a contender for an operation
	 */
	private void cpuTable(StringBuilder out, Map<Operation, Map<Side, Cpu>> measured,
			BiFunction<Operation, Side, Double> ratio, boolean allocation) {
		out.append("| Operation | singletable µs | floor µs | peer µs | vs floor | vs peer |")
			.append(allocation ? " allocated KB (st / floor / peer) |\n" : "\n");
		out.append("|---|---:|---:|---:|---:|---:|").append(allocation ? "---:|\n" : "\n");
		for (Operation operation : Operation.values()) {
			Map<Side, Cpu> figures = measured.get(operation);
			if (figures == null) {
				continue;
			}
			out.append("| ").append(this.figures.label(operation));
			for (Side side : Side.values()) {
				Spread nanos = figures.get(side).nanos();
				out.append(" | ").append(micros(nanos.median())).append(" (").append(micros(nanos.min())).append("–")
					.append(micros(nanos.max())).append(")");
			}
			out.append(" | ").append(ratio(ratio.apply(operation, Side.FLOOR))).append(" | ")
				.append(ratio(ratio.apply(operation, Side.PEER)));
			if (allocation) {
				List<String> allocations = new ArrayList<>();
				for (Side side : Side.values()) {
					double allocated = figures.get(side).allocatedBytes();
					allocations.add((allocated >= 0) ? String.format(Locale.ROOT, "%,.0f", allocated / 1024) : "?");
				}
				out.append(" | ").append(String.join(" / ", allocations));
			}
			out.append(" |\n");
		}
		out.append('\n');
	}

	void breakdownSection(StringBuilder out) {
		if (this.results.breakdown().isEmpty()) {
			return;
		}
		out.append("### Step by step, one ~10 KB article, no SDK\n\n");
		out.append("Mean over the 16 documents of the fixture; microseconds of the thread's CPU per article, median "
				+ "(min–max) of the same number of rounds, half as long.\n\n");
		out.append("| Step | µs | allocated KB | output |\n|---|---:|---:|---:|\n");
		for (Breakdown.Step step : this.results.breakdown()) {
			out.append("| ").append(step.step()).append(" | ").append(micros(step.nanos().median())).append(" (")
				.append(micros(step.nanos().min())).append("–").append(micros(step.nanos().max())).append(") | ")
				.append((step.allocatedBytes() >= 0) ? String.format(Locale.ROOT, "%.1f", step.allocatedBytes() / 1024) : "?")
				.append(" | ").append((step.outputBytes() >= 0) ? bytes(step.outputBytes()) : "").append(" |\n");
		}
		out.append('\n');
	}

	void memorySection(StringBuilder out) {
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

	void startupSection(StringBuilder out) {
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

	void compressionSection(StringBuilder out) {
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
	void defaultLevelChoice(StringBuilder out) {
		int chosen = dev.singletable.core.mapping.MappingDefaults.DEFAULT_COMPRESSION_LEVEL;
		out.append("**Default level: ").append(chosen).append(".** ");
		int same = 0;
		int compared = 0;
		boolean cheapest = true;
		for (String size : List.of("~2 KB", "~10 KB", "~50 KB")) {
			Results.CompressionRow level = this.figures.compressionRow(size, chosen);
			Results.CompressionRow six = this.figures.compressionRow(size, 6);
			Results.CompressionRow nine = this.figures.compressionRow(size, 9);
			Results.CompressionRow plain = this.figures.compressionRow(size, 0);
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
				Results.CompressionRow row = this.figures.compressionRow(size, other);
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

}
