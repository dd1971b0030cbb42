package dev.singletable.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.singletable.benchmarks.backfill.BackfillBenchmark;
import dev.singletable.benchmarks.reactive.ReactiveBenchmark;
import dev.singletable.benchmarks.reactive.ReactiveFigures;
import dev.singletable.benchmarks.reactive.ReactiveSettings;

/**
 * Runs every benchmark, prints the markdown report and writes it to a file.
 * <p>
 * {@code mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec} runs the full benchmark and writes
 * {@code docs/BENCHMARKS.md}; {@code -Dbenchmarks.args=quick} runs a shorter version. Progress goes to standard
 * error, the report to standard output. {@code -Dbenchmarks.args="stream 10000 15 0,5 0"} runs only the stream of
 * the latency rows, with where its time goes ({@link StreamProbe}), and writes no file.
 * {@code -Dbenchmarks.args=backfill} (or {@code "backfill quick"}) runs only the backfill rows and replaces their
 * section in the report file, leaving the rest of it as it was; {@code -Dbenchmarks.args=reactive} (or
 * {@code "reactive quick"}) does the same for the reactive rows (issue 26). {@code -Dbenchmarks.args="cpu 15 300 4000
 * UPDATE_PLAIN"} measures only section 4's client CPU of the operations named (the writes when none is) and prints
 * it, for work on one operation; it writes no file. {@code -Dbenchmarks.args="throughput 21 400 3000 UPDATE_PLAIN"}
 * does the same for section 1's throughput on DynamoDB Local, on the full run's data.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args the mode ({@code full}, {@code quick} or {@code smoke}; {@code full} by default) and the file to
	 * write ({@code docs/BENCHMARKS.md} by default); or {@code stream} and its options, space-separated in one
	 * argument; or {@code backfill} or {@code reactive} and a mode, space-separated in one argument
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].trim().startsWith("limits")) {
			dev.singletable.benchmarks.limits.PartitionLimitsRun.main(java.util.Arrays.asList(args[0].trim().split("\\s+")));
			System.exit(0);
		}
		if (args.length > 0 && args[0].trim().startsWith("stream")) {
			StreamProbe.main(java.util.Arrays.asList(args[0].trim().split("\\s+")));
			System.exit(0);
		}
		Path output = Path.of((args.length > 1) ? args[1] : "docs/BENCHMARKS.md");
		if (args.length > 0 && args[0].trim().startsWith("backfill")) {
			String[] words = args[0].trim().split("\\s+");
			backfill(Settings.of((words.length > 1) ? words[1] : "full"), output);
			System.exit(0);
		}
		if (args.length > 0 && args[0].trim().startsWith("reactive")) {
			String[] words = args[0].trim().split("\\s+");
			reactive(ReactiveSettings.of((words.length > 1) ? words[1] : "full"), output);
			System.exit(0);
		}
		if (args.length > 0 && args[0].trim().startsWith("throughput")) {
			throughput(args[0].trim().split("\\s+"));
			System.exit(0);
		}
		if (args.length > 0 && args[0].trim().startsWith("cpu")) {
			clientCpu(args[0].trim().split("\\s+"));
			System.exit(0);
		}
		Settings settings = Settings.of((args.length > 0) ? args[0] : "full");
		Results results = new BenchmarkRun(settings, System.err).run();
		Report report = new Report(results);
		report.write(output);
		System.out.println(report.markdown());
		System.err.println("Wrote " + output.toAbsolutePath().normalize());
		// DynamoDB Local's server threads are not daemons; its shutdown hook stops it
		System.exit(0);
	}

	/** Runs the reactive rows alone and puts their section into the report file. */
	private static void reactive(ReactiveSettings settings, Path output) {
		java.time.Instant started = java.time.Instant.now();
		long start = System.nanoTime();
		ReactiveFigures figures = new ReactiveBenchmark(settings, (message) -> System.err.printf("[%s] %s%n",
				java.time.LocalTime.now().withNano(0), message)).run();
		String section = ReactiveSection.alone(figures, started, Duration.ofNanos(System.nanoTime() - start).toSeconds());
		try {
			String report = Files.exists(output) ? Files.readString(output) : "";
			Files.writeString(output, ReactiveSection.splice(report, section));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + output, ex);
		}
		System.out.println(section);
		System.err.println("Wrote the reactive section of " + output.toAbsolutePath().normalize());
	}

	/**
	 * Runs section 4's rows alone and prints them: {@code cpu [rounds] [ms per round] [warm-up ms] [flush=KB]
	 * [operation…]} (operations by name, e.g. {@code UPDATE_PLAIN}; the writes by default). With {@code flush=KB}
	 * (e.g. {@code flush=32768}) the CPU caches are flushed through a buffer of that size before each measured
	 * operation ({@link CacheFlush}), as DynamoDB Local's request handling does between two operations of section 1
	 * on the same cores: the figures are then each write's cost with cold caches. The report file is left as it is.
	 */
	private static void clientCpu(String[] words) {
		Settings quick = Settings.quick();
		int rounds = (words.length > 1) ? Integer.parseInt(words[1]) : 15;
		Duration round = Duration.ofMillis((words.length > 2) ? Long.parseLong(words[2]) : 300);
		Duration warmup = Duration.ofMillis((words.length > 3) ? Long.parseLong(words[3]) : 4000);
		CacheFlush flush = null;
		List<String> rest = new ArrayList<>(List.of(words));
		for (String word : words) {
			if (word.startsWith("flush=")) {
				flush = CacheFlush.ofKilobytes(Integer.parseInt(word.substring("flush=".length())));
				rest.remove(word);
			}
		}
		java.util.Set<Operation> operations = operations(rest.toArray(String[]::new));
		Settings settings = new Settings("cpu", quick.articles(), quick.pool(), quick.events(), quick.memoryItems(),
				quick.warmup(), quick.rounds(), quick.round(), quick.accountingOperations(), warmup, rounds, round,
				quick.startupWarmups(), quick.startupRuns(), quick.coldStarts(), quick.latency(), quick.compression(),
				quick.backfill());
		Results results = new BenchmarkRun(settings, System.err).cpuOnly(operations, flush);
		StringBuilder out = new StringBuilder();
		ClientSections sections = new ClientSections(results, new ReportFigures(results));
		if (flush != null) {
			sections.coldCpuSection(out, flush.kilobytes());
		}
		else {
			sections.cpuSection(out);
		}
		System.out.println(out);
		((flush != null) ? results.coldCpu() : results.cpu()).forEach((operation, figures) -> {
			StringBuilder requests = new StringBuilder(operation.label(settings.events())).append(": requests per operation");
			figures.forEach((side, cpu) -> requests.append(", ").append(side.label()).append(' ').append(cpu.requests()));
			System.out.println(requests);
		});
		results.notes().forEach(System.out::println);
	}

	/**
	 * Runs section 1's rows alone, on the full run's data, and prints them: {@code throughput [rounds] [ms per round]
	 * [warm-up ms] [operation…]} (operations by name, e.g. {@code UPDATE_VERSIONED}; the writes by default). The
	 * report file is left as it is.
	 */
	private static void throughput(String[] words) {
		Settings full = Settings.full();
		int rounds = (words.length > 1) ? Integer.parseInt(words[1]) : full.rounds();
		Duration round = (words.length > 2) ? Duration.ofMillis(Long.parseLong(words[2])) : full.round();
		Duration warmup = (words.length > 3) ? Duration.ofMillis(Long.parseLong(words[3])) : full.warmup();
		Settings settings = new Settings("throughput", full.articles(), full.pool(), full.events(), full.memoryItems(),
				warmup, rounds, round, full.accountingOperations(), full.cpuWarmup(), full.cpuRounds(), full.cpuRound(),
				full.startupWarmups(), full.startupRuns(), full.coldStarts(), full.latency(), full.compression(),
				full.backfill());
		Results results = new BenchmarkRun(settings, System.err).throughputOnly(operations(words));
		StringBuilder out = new StringBuilder();
		new ServerSections(results, new ReportFigures(results)).throughputTable(out);
		System.out.println(out);
	}

	/** The operations named from the fifth word on, or the writes when none is. */
	private static java.util.Set<Operation> operations(String[] words) {
		java.util.Set<Operation> operations = java.util.EnumSet.noneOf(Operation.class);
		for (int i = 4; i < words.length; i++) {
			operations.add(Operation.valueOf(words[i]));
		}
		return operations.isEmpty() ? Operation.writes() : operations;
	}

	/** Runs the backfill rows alone and puts their section into the report file. */
	private static void backfill(Settings settings, Path output) {
		Results results = new Results(settings);
		long start = System.nanoTime();
		results.backfill(new BackfillBenchmark(settings.backfill(), (message) -> System.err.printf("[%s] %s%n",
				java.time.LocalTime.now().withNano(0), message), results.notes()).run());
		results.elapsed(Duration.ofNanos(System.nanoTime() - start));
		String section = BackfillSection.alone(results);
		try {
			String report = Files.exists(output) ? Files.readString(output) : "";
			Files.writeString(output, BackfillSection.splice(report, section));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + output, ex);
		}
		System.out.println(section);
		System.err.println("Wrote the backfill section of " + output.toAbsolutePath().normalize());
	}

}
