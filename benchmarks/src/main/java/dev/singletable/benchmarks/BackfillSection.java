package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.backfill.BackfillFigures;
import dev.singletable.benchmarks.backfill.BackfillFigures.Heap;
import dev.singletable.benchmarks.backfill.BackfillFigures.Throughput;
import dev.singletable.benchmarks.backfill.FloorReindex;

import static dev.singletable.benchmarks.ReportFormat.bytes;
import static dev.singletable.benchmarks.ReportFormat.count;
import static dev.singletable.benchmarks.ReportFormat.rate;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.signedBytes;

/**
 * The section of the {@link Report} on backfills (issue 25): its goals, singletable's {@code reindex} against the
 * floor's at each round-trip time, the requests each sends per ticket, and the heap at two table sizes.
 */
final class BackfillSection {

	/** The heading the section starts with, by which a run of the backfill rows alone replaces it in a report. */
	static final String HEADING = "## 9. Backfill";

	/** The command that runs the backfill rows alone and replaces this section of the report. */
	static final String COMMAND = "mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec "
			+ "-Dbenchmarks.args=backfill";

	/** Growth of the heap from the small table to the large one still counted as flat, as a ratio. */
	static final double FLAT_RATIO = 1.5;

	private final BackfillFigures figures;

	BackfillSection(BackfillFigures figures) {
		this.figures = figures;
	}

	/**
	 * The goals of the issue on backfills.
	 * @return one per round-trip time, then the heap's
	 */
	List<Report.Goal> goals() {
		List<Report.Goal> goals = new java.util.ArrayList<>();
		boolean measured = this.figures.measured().contains(Side.SINGLETABLE);
		for (Map.Entry<Duration, Map<Side, Throughput>> entry : this.figures.throughput().entrySet()) {
			String goal = "≥ 0.95× the floor's throughput: reindex " + count(this.figures.items()) + " tickets at "
					+ entry.getKey().toMillis() + " ms round trip";
			if (!measured) {
				goals.add(new Report.Goal(goal, "–", false, "singletable's `reindex` is not built in this version"));
				continue;
			}
			double ratio = pairedRatio(entry.getValue());
			Spread ratios = ratios(entry.getValue());
			Throughput ours = entry.getValue().get(Side.SINGLETABLE);
			Throughput floor = entry.getValue().get(Side.FLOOR);
			goals.add(new Report.Goal(goal, ratio(ratio), ratio >= 0.95,
					"requests per ticket " + requests(ours) + " against the floor's " + requests(floor)
							+ "; singletable's run returns " + tail(ours) + " ms after its last write, the floor's "
							+ tail(floor) + " ms (medians), of runs of " + seconds(ours) + " s; round-to-round spread of "
							+ "the ratio " + ReportFormat.percent(ratios.relativeRange())));
		}
		Heap small = heap(Side.SINGLETABLE, smallest());
		Heap large = heap(Side.SINGLETABLE, largest());
		String goal = "flat heap during a backfill (" + count(largest()) + " vs " + count(smallest()) + " tickets)";
		if (small == null || large == null) {
			goals.add(new Report.Goal(goal, "–", false, "singletable's `reindex` is not built in this version"));
		}
		else {
			goals.add(new Report.Goal(goal, heapFigure(small, large), flat(small, large),
					"the heap grew with the number of tickets"));
		}
		return goals;
	}

	void render(StringBuilder out, String produced) {
		out.append(HEADING).append(" (issue 25)\n\n");
		out.append(produced);
		out.append(String.format(java.util.Locale.ROOT, """
				singletable's `SingleTableBackfills.reindex(Ticket.class, options)` (%1$d segments of a parallel `Scan` on \
				%1$d threads, `BackfillSource.TABLE_SCAN`, no capacity limit, no progress lines) against the **floor**, a \
				re-indexing job written by hand on the raw SDK that sends the same requests for the same work \
				(`FloorReindex`): the run's header item, a conditional claim of each segment's lease item, the segment's \
				`Scan` pages (filtered to the tickets' latest copies, %2$d items evaluated per page as singletable reads \
				them), for each ticket its gzip JSON read and every index attribute rendered from it, an `UpdateItem` \
				setting the ones that differ conditioned on the version read, and after every page a conditional write of \
				the segment's checkpoint, counts and lease, the last page's marking the segment done (**the floor \
				checkpoints every page too**: a backfill that must resume after a crash and share its segments with other \
				instances cannot skip it); at the end a consistent `Query` of the run's items sees every segment done. The \
				tickets (`Ticket`: versioned, compressed, a latest copy of %3$s) were written under a definition without \
				`gsi2`, each as its latest copy and one version, then re-indexed for `@IndexKey(index = "gsi2", partition \
				= "owner#{owner}")`: every latest copy gets a `gsi2pk`, nothing else changes, the history is read by the \
				scan and filtered out. Before each run the table is reset (every latest copy written again as first \
				stored, the runs' items deleted), so each run does the whole work; after the first measured run of each \
				contender the table is read back and every latest copy compared with the expected one. The contenders \
				alternate; %4$d measured runs each at every round-trip time after %5$s. The round trip is \
				`DelayedHttpClient`'s, as in section 7. **Items/s** are tickets re-indexed per second of the whole run; \
				**vs floor** is the median over rounds of singletable's rate over the floor's in the same round. **From \
				the last write to the return** is the time from the answer to the run's last `UpdateItem` (an item or a \
				segment's completion) to the run's return.

				""", FloorReindex.SEGMENTS, FloorReindex.PAGE, bytes(this.figures.latestBytes()), this.figures.rounds(),
				warmups()));
		if (!this.figures.measured().contains(Side.SINGLETABLE)) {
			out.append("**singletable's `reindex` is not built in this version: only the floor is measured.**\n\n");
		}
		out.append("| Goal | Figure | Verdict | Why, when missed |\n|---|---|---|---|\n");
		for (Report.Goal goal : goals()) {
			out.append("| ").append(goal.goal()).append(" | ").append(goal.figure()).append(" | ")
				.append(goal.met() ? "met" : "**not met**").append(" | ").append(goal.met() ? "" : goal.why()).append(" |\n");
		}
		out.append("\n| Round trip | singletable items/s | floor items/s | vs floor | tickets re-indexed exactly "
				+ "(st / floor) | ms from the last write to the return (st / floor) |\n|---|---:|---:|---:|---:|---:|\n");
		for (Map.Entry<Duration, Map<Side, Throughput>> entry : this.figures.throughput().entrySet()) {
			Map<Side, Throughput> bySide = entry.getValue();
			out.append("| ").append(entry.getKey().toMillis()).append(" ms | ").append(rates(bySide.get(Side.SINGLETABLE)))
				.append(" | ").append(rates(bySide.get(Side.FLOOR))).append(" | ")
				.append(bySide.containsKey(Side.SINGLETABLE) ? ratio(pairedRatio(bySide)) : "–").append(" | ")
				.append(exact(bySide.get(Side.SINGLETABLE))).append(" / ").append(exact(bySide.get(Side.FLOOR)))
				.append(" | ").append(tail(bySide.get(Side.SINGLETABLE))).append(" / ").append(tail(bySide.get(Side.FLOOR)))
				.append(" |\n");
		}
		requestsTable(out);
		heapTable(out);
	}

	private void requestsTable(StringBuilder out) {
		Map<Side, Throughput> first = this.figures.throughput().values().iterator().next();
		Set<String> operations = new TreeSet<>();
		first.values().forEach((throughput) -> operations.addAll(throughput.requests().keySet()));
		out.append("\nRequests per ticket (at ").append(this.figures.throughput().keySet().iterator().next().toMillis())
			.append(" ms, counted by operation over the measured runs):\n\n| Contender |");
		operations.forEach((operation) -> out.append(' ').append(operation).append(" |"));
		out.append(" all |\n|---|");
		operations.forEach((operation) -> out.append("---:|"));
		out.append("---:|\n");
		for (Side side : List.of(Side.SINGLETABLE, Side.FLOOR)) {
			Throughput throughput = first.get(side);
			if (throughput == null) {
				continue;
			}
			out.append("| ").append(side.label()).append(" |");
			operations.forEach((operation) -> out.append(' ')
				.append(perTicket(throughput.requests().getOrDefault(operation, 0.0))).append(" |"));
			out.append(' ').append(perTicket(throughput.totalRequests())).append(" |\n");
		}
		out.append('\n');
	}

	private void heapTable(StringBuilder out) {
		out.append("**Heap.** One run of each contender at each table size, at 0 ms round trip: heap used after a full "
				+ "collection (`System.gc()` ×3, `MemoryMXBean`) before the run, at every tenth of the tickets written "
				+ "(9 samples, taken by a thread watching the contender's `UpdateItem` count, while the run goes on) and "
				+ "after it. **Growth** is the highest sample over the one before the run: what the backfill held at its "
				+ "peak (DynamoDB Local runs in the same JVM; what its table holds is in the heap before the run as "
				+ "well, and its request threads and buffers move the samples by a few MiB). **At 10% → 90%** is the "
				+ "first sample against the last: a backfill that kept something per item would grow from one to "
				+ "the other. Flat means the growth at the large size is under ")
			.append(ratio(FLAT_RATIO)).append(" the growth at the small one, or under ")
			.append(bytes(BenchmarkRun.FLAT_HEAP_BYTES)).append(" more, while the table holds ")
			.append(ratio((double) largest() / smallest())).append(" the tickets.\n\n");
		out.append("| Contender | tickets | before | peak while running | growth | at 10% → 90% of the run | after | "
				+ "run time |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Heap heap : this.figures.heap()) {
			out.append("| ").append(heap.side().label()).append(" | ").append(count(heap.items())).append(" | ")
				.append(bytes(heap.before())).append(" | ").append(bytes(heap.peak())).append(" | ")
				.append(signedBytes(heap.growth())).append(" | ").append(trend(heap)).append(" | ")
				.append(bytes(heap.after())).append(" | ")
				.append(String.format(java.util.Locale.ROOT, "%.1f s", heap.elapsed().toMillis() / 1000.0)).append(" |\n");
		}
		out.append('\n');
		for (Side side : List.of(Side.SINGLETABLE, Side.FLOOR)) {
			Heap small = heap(side, smallest());
			Heap large = heap(side, largest());
			if (small != null && large != null) {
				out.append("- ").append(side.label()).append(": ").append(heapFigure(small, large)).append(" — ")
					.append(flat(small, large) ? "flat" : "**not flat**").append(".\n");
			}
		}
		out.append('\n');
	}

	/**
	 * Renders the section alone, saying which run produced it, for a run of the backfill rows alone.
	 * @param results the figures of that run
	 * @return the markdown of the section
	 */
	static String alone(Results results) {
		StringBuilder out = new StringBuilder();
		new BackfillSection(java.util.Objects.requireNonNull(results.backfill())).render(out, "Produced by `" + COMMAND
				+ "` (mode `" + results.settings().mode() + "`, " + java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME
					.format(results.started().atOffset(java.time.ZoneOffset.UTC).withNano(0))
				+ " UTC, " + results.elapsed().toSeconds() + " s), apart from the rest of this report, on the same "
				+ "machine.\n\n");
		if (!results.notes().isEmpty()) {
			out.append("Notes of this run:\n\n");
			results.notes().forEach((note) -> out.append("- ").append(note).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * Puts a backfill section into a report: in place of the one it holds, else before its method section, else at
	 * its end.
	 * @param report the markdown of the report
	 * @param section the markdown of the section
	 * @return the report with the section
	 */
	static String splice(String report, String section) {
		return Report.splice(report, HEADING, section);
	}

	/** The heap at the first and last sample of a run, and the change between them: growth as the run goes on. */
	private static String trend(Heap heap) {
		if (heap.samples().size() < 2) {
			return "–";
		}
		long first = heap.samples().get(0);
		long last = heap.samples().get(heap.samples().size() - 1);
		return bytes(first) + " → " + bytes(last) + " (" + signedBytes(last - first) + ")";
	}

	static boolean flat(Heap small, Heap large) {
		long base = Math.max(small.growth(), 0);
		return large.growth() <= FLAT_RATIO * base || large.growth() - base < BenchmarkRun.FLAT_HEAP_BYTES;
	}

	private static String heapFigure(Heap small, Heap large) {
		String growthRatio = (small.growth() > 0) ? ratio((double) large.growth() / small.growth()) : "–";
		return "growth " + signedBytes(large.growth()) + " at " + count(large.items()) + " against "
				+ signedBytes(small.growth()) + " at " + count(small.items()) + " (" + growthRatio + "); peak "
				+ ratio((double) large.peak() / small.peak()) + " (" + bytes(large.peak()) + " vs " + bytes(small.peak())
				+ ")";
	}

	private String warmups() {
		int warmups = this.figures.warmups();
		return (warmups == 1) ? "one unmeasured run each" : warmups + " unmeasured runs each";
	}

	private static double pairedRatio(Map<Side, Throughput> bySide) {
		return ratios(bySide).median();
	}

	private static Spread ratios(Map<Side, Throughput> bySide) {
		return Spread.ofRatios(bySide.get(Side.SINGLETABLE).rounds(), bySide.get(Side.FLOOR).rounds());
	}

	private static String rates(@Nullable Throughput throughput) {
		if (throughput == null) {
			return "–";
		}
		Spread spread = throughput.itemsPerSecond();
		return rate(spread.median()) + " (" + rate(spread.min()) + "–" + rate(spread.max()) + ")";
	}

	private static String tail(@Nullable Throughput throughput) {
		return (throughput != null) ? String.format(java.util.Locale.ROOT, "%.0f", throughput.tailMillis().median()) : "–";
	}

	private String seconds(Throughput throughput) {
		return String.format(java.util.Locale.ROOT, "%.1f", this.figures.items() / throughput.itemsPerSecond().median());
	}

	private static String exact(@Nullable Throughput throughput) {
		return (throughput != null) ? count(throughput.exact()) : "–";
	}

	private static String requests(Throughput throughput) {
		return perTicket(throughput.totalRequests());
	}

	private static String perTicket(double requests) {
		return String.format(java.util.Locale.ROOT, "%.3f", requests);
	}

	private @Nullable Heap heap(Side side, int items) {
		return this.figures.heap().stream()
			.filter((heap) -> heap.side() == side && heap.items() == items)
			.findFirst()
			.orElse(null);
	}

	private int smallest() {
		return this.figures.heap().stream().mapToInt(Heap::items).min().orElse(1);
	}

	private int largest() {
		return this.figures.heap().stream().mapToInt(Heap::items).max().orElse(1);
	}

}
