package dev.singletable.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one row per scenario to {@code target/reliability-report.md}, the figures behind
 * {@code docs/RELIABILITY.md}. The tests assert the properties; this only records what they measured.
 */
final class ReliabilityReport {

	private static final Path FILE = Path.of("target", "reliability-report.md");

	private ReliabilityReport() {
	}

	static synchronized void row(String scenario, long attempted, long faults, long lost, String result) {
		try {
			Files.createDirectories(FILE.getParent());
			if (!Files.exists(FILE)) {
				Files.writeString(FILE, "| scenario | operations attempted | faults injected | items lost | result |\n"
						+ "| --- | --- | --- | --- | --- |\n");
			}
			Files.writeString(FILE, "| " + scenario + " | " + attempted + " | " + faults + " | " + lost + " | " + result
					+ " |\n", StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
