package dev.singletable.benchmarks;

import java.nio.file.Path;

/**
 * Runs every benchmark, prints the markdown report and writes it to a file.
 * <p>
 * {@code mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec} runs the full benchmark and writes
 * {@code docs/BENCHMARKS.md}; {@code -Dbenchmarks.args=quick} runs a shorter version. Progress goes to standard
 * error, the report to standard output. {@code -Dbenchmarks.args="stream 10000 15 0,5 0"} runs only the stream of
 * the latency rows, with where its time goes ({@link StreamProbe}), and writes no file.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args the mode ({@code full}, {@code quick} or {@code smoke}; {@code full} by default) and the file to
	 * write ({@code docs/BENCHMARKS.md} by default); or {@code stream} and its options, space-separated in one argument
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].trim().startsWith("stream")) {
			StreamProbe.main(java.util.Arrays.asList(args[0].trim().split("\\s+")));
			System.exit(0);
		}
		Settings settings = Settings.of((args.length > 0) ? args[0] : "full");
		Path output = Path.of((args.length > 1) ? args[1] : "docs/BENCHMARKS.md");
		Results results = new BenchmarkRun(settings, System.err).run();
		Report report = new Report(results);
		report.write(output);
		System.out.println(report.markdown());
		System.err.println("Wrote " + output.toAbsolutePath().normalize());
		// DynamoDB Local's server threads are not daemons; its shutdown hook stops it
		System.exit(0);
	}

}
