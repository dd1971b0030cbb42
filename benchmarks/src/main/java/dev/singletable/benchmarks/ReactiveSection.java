package dev.singletable.benchmarks;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.reactive.Api;
import dev.singletable.benchmarks.reactive.ConcurrentOperation;
import dev.singletable.benchmarks.reactive.ReactiveFigures;
import dev.singletable.benchmarks.reactive.ReactiveFigures.Figure;
import dev.singletable.benchmarks.reactive.ReactiveSettings;

import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.percent;
import static dev.singletable.benchmarks.ReportFormat.rate;
import static dev.singletable.benchmarks.ReportFormat.ratio;

/**
 * The section of the {@link Report} on the reactive API (issue 26): at a simulated round trip, many concurrent
 * versioned updates and gets through the reactive API on a few event-loop threads, the blocking API on a thread
 * per operation in flight and the Enhanced async client; throughput and threads used, as ratios.
 */
final class ReactiveSection {

	/** The heading the section starts with, by which a run of the reactive rows alone replaces it in a report. */
	static final String HEADING = "## 10. Reactive";

	/** The command that runs the reactive rows alone and replaces this section of the report. */
	static final String COMMAND = "mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec "
			+ "-Dbenchmarks.args=reactive";

	private final ReactiveFigures figures;

	ReactiveSection(ReactiveFigures figures) {
		this.figures = figures;
	}

	void render(StringBuilder out, String produced) {
		ReactiveSettings settings = this.figures.settings();
		long delay = settings.delay().toMillis();
		out.append(HEADING).append(" and blocking at a ").append(delay).append(" ms round trip (issue 26)\n\n");
		out.append(produced);
		out.append(String.format(Locale.ROOT, """
				In one run, every request of every API waits a simulated network round trip of %1$d ms, and each API \
				keeps **%2$d operations in flight** (%2$d lanes, each running one operation after another on its own \
				article) of the same operation:

				- **reactive API**: `ReactiveSingleTableTemplate` on `DynamoDbAsyncClient` with the Netty NIO client on \
				an `SdkEventLoopGroup` of **%3$d threads** (`maxConcurrency` %4$d), the SDK's futures completed on the \
				event loop (`SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR` = `Runnable::run`, instead of its \
				default pool of `sdk-async-response` threads) and its scheduler one thread; the lanes are merged by \
				`Flux.flatMap` with a concurrency of %2$d, each lane a `Mono` resubscribed (`repeat`) until the round ends. \
				The round trip is `DelayedAsyncHttpClient`'s: each request is parked for %1$d ms on a timer of the \
				client's own event loops, then passed to the Netty client: **no thread waits for it**, and the network \
				has no thread of its own.
				- **blocking API**: `SingleTableTemplate` on the harness's `DynamoDbClient` (`url-connection-client`, \
				`http.maxConnections` = %5$d) with a pool of **%6$d threads**, each lane a loop on one of them. The round \
				trip is `DelayedHttpClient`'s, as in sections 7 and 9: it holds the calling thread, as a socket read \
				would (here sleeping only, as a timer waits: spinning off a sleep's overshoot would count as the \
				blocking API's CPU).
				- **peer**: the Enhanced async client (`DynamoDbEnhancedAsyncClient` with its version extension, the \
				`PeerArticle` bean of the other sections: one uncompressed item, no history, so its versioned update is \
				one conditional `PutItem`) on an async client configured exactly as the reactive API's (%3$d event-loop \
				threads), each lane a chain of `CompletableFuture`s.

				The articles are `VersionedArticle`s (~10 KB document, versioned, compressed, `maxVersions = 5`, brought \
				to 5 versions first so that every update prunes: one `TransactWriteItems`, then after the answer the \
				retention probe and the pruning delete); a get reads an article's \
				latest state by id (`findById`, the peer's `getItem`), eventually consistent. **ops/s** are operations \
				completed per second of a round, median (min–max) of %7$d rounds of %8$s s per API after %9$s s of \
				warm-up, the APIs taking turns in rotated order; a round lasts until the work its updates left for \
				after their answers has ended (its time, requests and CPU are the round's, on either API). **Threads \
				used** are the threads of the API's client and pool (every one named after the API; a thread the SDK, \
				Netty or Reactor makes under its default name, and singletable's `singletable-background` threads, \
				would count too) whose CPU time grew while the API ran its measured rounds (`ThreadMXBean`); not \
				counted: the harness thread that starts the lanes and waits for them, and DynamoDB Local's threads \
				(the server, in the same JVM). **Client CPU** is the CPU time of \
				those threads per operation. **Ratios** are the reactive API's figure over the other's: throughput \
				paired by round, then the median (min–max); threads used; throughput per thread used. Every request \
				counted by the SDK (`RequestCounter`, attempts) waited the round trip: %10$s.

				""", delay, settings.lanes(), settings.loopThreads(), 2 * settings.lanes(),
				this.figures.httpMaxConnections(), settings.blockingThreads(), settings.rounds(),
				seconds(settings.round().toMillis()), seconds(settings.warmup().toMillis()), delayedCheck()));
		out.append("| Operation | API | ops/s | ms/op in a lane | threads used | threads alive in its pools | client CPU "
				+ "µs/op | requests/op | DynamoDB Local CPU (its SQLite queue) |\n"
				+ "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			for (Api api : Api.values()) {
				Figure figure = this.figures.figure(operation, api);
				Spread spread = figure.perSecond();
				out.append("| ").append(operation.label()).append(" | ").append(api.label()).append(" | ")
					.append(rate(spread.median())).append(" (").append(rate(spread.min())).append("–")
					.append(rate(spread.max())).append(") | ")
					.append(String.format(Locale.ROOT, "%.1f", figure.millisPerOperation(settings.lanes()))).append(" | ")
					.append(figure.threads().size()).append(" | ").append(figure.alive()).append(" | ")
					.append(String.format(Locale.ROOT, "%.0f", figure.cpuMicrosPerOperation())).append(" | ")
					.append(number(Math.round(figure.requestsPerOperation() * 100) / 100.0)).append(" | ")
					.append(percent(figure.serverCpuMillis() / figure.wallMillis())).append(" (")
					.append(percent(figure.queueCpuMillis() / figure.wallMillis())).append(") |\n");
			}
		}
		out.append("\n**ms/op in a lane** is the mean time of one operation: lanes over operations per second. **Client "
				+ "CPU** is the CPU time of the API's threads per operation. **DynamoDB Local CPU** is the CPU time of "
				+ "the server's threads during the API's measured rounds as a share of one core (200% would be both "
				+ "cores of a 2-core machine); in brackets its `SQLiteQueue` thread's, the one thread that runs every "
				+ "table operation of the server in turn.\n\n");
		out.append("Threads outside the APIs' pools that did work during the measured rounds, not counted above (CPU "
				+ "seconds; digits in names shown as N): ").append(otherThreads()).append(".\n\n");
		out.append("The reactive API against the others (throughput, threads and throughput per thread: > 1 means the "
				+ "reactive API's figure is higher; client CPU per operation: < 1 means the reactive API's threads did "
				+ "less work for one operation):\n\n");
		out.append("| Operation | throughput vs blocking | throughput vs peer | threads used vs blocking | threads used "
				+ "vs peer | ops/s per thread vs blocking | ops/s per thread vs peer | client CPU/op vs blocking | "
				+ "client CPU/op vs peer |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			out.append("| ").append(operation.label()).append(" | ")
				.append(spread(this.figures.throughputRatio(operation, Api.BLOCKING))).append(" | ")
				.append(spread(this.figures.throughputRatio(operation, Api.PEER))).append(" | ")
				.append(threads(operation, Api.BLOCKING)).append(" | ").append(threads(operation, Api.PEER)).append(" | ")
				.append(ratio(this.figures.perThreadRatio(operation, Api.BLOCKING))).append(" | ")
				.append(ratio(this.figures.perThreadRatio(operation, Api.PEER))).append(" | ")
				.append(ratio(this.figures.cpuRatio(operation, Api.BLOCKING))).append(" | ")
				.append(ratio(this.figures.cpuRatio(operation, Api.PEER))).append(" |\n");
		}
		out.append('\n');
		reading(out);
	}

	/**
	 * What the figures say, from the figures: the ceiling the round trip sets, what held the APIs below it, the
	 * ratios.
	 */
	private void reading(StringBuilder out) {
		ReactiveSettings settings = this.figures.settings();
		double ceiling = settings.lanes() / (settings.delay().toNanos() / 1e9);
		out.append("**Reading.** With ").append(settings.lanes()).append(" operations in flight and ")
			.append(settings.delay().toMillis()).append(" ms per request, no API can pass ").append(rate(ceiling))
			.append(" requests per second.");
		double lowestQueue = Double.MAX_VALUE;
		for (ConcurrentOperation operation : ConcurrentOperation.values()) {
			double best = 0;
			double queueMin = Double.MAX_VALUE;
			double queueMax = 0;
			for (Api api : Api.values()) {
				Figure figure = this.figures.figure(operation, api);
				best = Math.max(best, figure.perSecond().median() * figure.requestsPerOperation() / ceiling);
				double queue = figure.queueCpuMillis() / figure.wallMillis();
				queueMin = Math.min(queueMin, queue);
				queueMax = Math.max(queueMax, queue);
			}
			lowestQueue = Math.min(lowestQueue, queueMin);
			Figure reactive = this.figures.figure(operation, Api.REACTIVE);
			Figure blocking = this.figures.figure(operation, Api.BLOCKING);
			out.append(" **").append(operation.plural()).append(":** the fastest API reached ").append(percent(best))
				.append(" of that, DynamoDB Local's SQLite queue thread was busy ").append(percent(queueMin)).append("–")
				.append(percent(queueMax)).append(" of the time; the reactive API did ")
				.append(ratio(this.figures.throughputRatio(operation, Api.BLOCKING).median()))
				.append(" the blocking API's operations per second on ").append(reactive.threads().size())
				.append(" threads against ").append(blocking.threads().size()).append(" (")
				.append(ratio(this.figures.perThreadRatio(operation, Api.BLOCKING))).append(" per thread) and ")
				.append(ratio(this.figures.throughputRatio(operation, Api.PEER).median()))
				.append(" the Enhanced async client's on as many event-loop threads")
				.append((operation == ConcurrentOperation.UPDATE)
						? " (whose update is one put without history, singletable's a transaction that also writes the "
								+ "version, then the history's prune after the answer)"
						: "")
				.append(", its threads spending ")
				.append(ratio(this.figures.cpuRatio(operation, Api.BLOCKING))).append(" the blocking API's CPU and ")
				.append(ratio(this.figures.cpuRatio(operation, Api.PEER))).append(" the peer's per operation.");
		}
		out.append(" The thread counts are the lasting result: the blocking API needs a thread per operation in flight, "
				+ "each parked for the round trip, while the asynchronous clients keep as many in flight on their event "
				+ "loops. ");
		double loadMax = this.figures.load().stream().mapToDouble(Double::doubleValue).max().orElse(-1);
		double loadMin = this.figures.load().stream().mapToDouble(Double::doubleValue).min().orElse(-1);
		if (lowestQueue >= 0.8) {
			out.append("The throughputs are not the clients' own limits: the server's one queue thread was busy most of "
					+ "the time for every API, so all three ran at DynamoDB Local's pace, and the throughput ratios say "
					+ "that the reactive API keeps up with the others at that pace — not how far apart they would be "
					+ "against DynamoDB itself. ");
		}
		else if (loadMax > this.figures.cores()) {
			out.append("**The machine was oversubscribed while it ran**: a one-minute load average of ")
				.append(String.format(Locale.ROOT, "%.1f–%.1f", loadMin, loadMax)).append(" on ")
				.append(this.figures.cores()).append(" cores, other processes included. Neither the round trip nor the "
						+ "server's queue held the APIs back but, most likely, the CPU time this JVM got and how the scheduler "
						+ "split it among its threads (the blocking API's ").append(settings.blockingThreads())
				.append(" against the event loops' ").append(settings.loopThreads())
				.append(", and DynamoDB Local's): the rates are far below what the clients can do and move from round "
						+ "to round, and the throughput ratios carry that noise (see their ranges). The client CPU per "
						+ "operation is the figure such contention moves least. ");
		}
		else {
			out.append("Below the ceiling, what held the APIs back was CPU: the machine's ").append(this.figures.cores())
				.append(" cores run the clients and DynamoDB Local (its threads used ")
				.append(String.format(Locale.ROOT, "%,.1f", serverSeconds())).append(" s of CPU during the measured "
						+ "rounds against ").append(String.format(Locale.ROOT, "%,.1f", clientSeconds()))
				.append(" s for all the APIs' threads). ");
		}
		out.append("Only ratios of rounds taken close together are compared; their ranges show how much the run's noise "
				+ "moves them.\n\n");
	}

	private String otherThreads() {
		java.util.List<String> listed = this.figures.otherThreads()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> "`" + entry.getKey().replaceAll("@.*", "") + "` "
					+ String.format(Locale.ROOT, "%.1f", entry.getValue() / 1000.0))
			.toList();
		return listed.isEmpty() ? "none" : String.join(", ", listed);
	}

	private double serverSeconds() {
		double millis = 0;
		for (Map<Api, Figure> byApi : this.figures.figures().values()) {
			for (Figure figure : byApi.values()) {
				millis += figure.serverCpuMillis();
			}
		}
		return millis / 1000;
	}

	private double clientSeconds() {
		double millis = 0;
		for (Map<Api, Figure> byApi : this.figures.figures().values()) {
			for (Figure figure : byApi.values()) {
				millis += figure.cpuMillis();
			}
		}
		return millis / 1000;
	}

	private String delayedCheck() {
		long requests = 0;
		long delayed = 0;
		for (Map<Api, Figure> byApi : this.figures.figures().values()) {
			for (Figure figure : byApi.values()) {
				requests += figure.requests();
				delayed += figure.delayed();
			}
		}
		return String.format(Locale.ROOT, "%,d requests, %,d delayed", requests, delayed);
	}

	private String threads(ConcurrentOperation operation, Api other) {
		return figureThreads(operation, Api.REACTIVE) + " / " + figureThreads(operation, other) + " = "
				+ ratio(this.figures.threadRatio(operation, other));
	}

	private int figureThreads(ConcurrentOperation operation, Api api) {
		return this.figures.figure(operation, api).threads().size();
	}

	private static String spread(Spread spread) {
		return ratio(spread.median()) + " (" + ratio(spread.min()) + "–" + ratio(spread.max()) + ")";
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.2f", millis / 1000.0);
	}

	/**
	 * Renders the section alone, saying which run produced it, for a run of the reactive rows alone.
	 * @param figures the figures of that run
	 * @param started when the run started
	 * @param seconds how long it took
	 * @return the markdown of the section
	 */
	static String alone(ReactiveFigures figures, java.time.Instant started, long seconds) {
		StringBuilder out = new StringBuilder();
		new ReactiveSection(figures).render(out, "Produced by `" + COMMAND + "` (mode `" + figures.settings().mode()
				+ "`, " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0))
				+ " UTC, " + seconds + " s), apart from the rest of this report, on the same machine.\n\n");
		return out.toString();
	}

	/**
	 * Puts a reactive section into a report: in place of the one it holds, else before its method section, else
	 * at its end.
	 * @param report the markdown of the report
	 * @param section the markdown of the section
	 * @return the report with the section
	 */
	static String splice(String report, String section) {
		return Report.splice(report, HEADING, section);
	}

}
