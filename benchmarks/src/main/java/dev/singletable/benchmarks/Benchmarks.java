package dev.singletable.benchmarks;

import java.nio.file.Path;

/**
 * Runs every benchmark, prints the markdown report and writes it to a file.
 * <p>
 * {@code mvn -q install -DskipTests && mvn -q -pl benchmarks exec:exec} runs the full benchmark and writes
 * {@code docs/BENCHMARKS.md}; {@code -Dbenchmarks.args=quick} runs a shorter version. Progress goes to standard
 * error, the report to standard output.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args the mode ({@code full}, {@code quick} or {@code smoke}; {@code full} by default) and the file to
	 * write ({@code docs/BENCHMARKS.md} by default)
	 */
	public static void main(String[] args) {
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
