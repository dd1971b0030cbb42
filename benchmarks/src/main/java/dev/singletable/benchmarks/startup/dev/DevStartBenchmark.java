package dev.singletable.benchmarks.startup.dev;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.startup.dev.bare.BareWebApplication;
import dev.singletable.benchmarks.startup.dev.failing.FailingDevApplication;

/**
 * Measures the development loop, each start in a new JVM launched as {@code spring-boot:test-run} launches one
 * ({@code -XX:TieredStopAtLevel=1}), the variants taking turns: the sample application on its test classpath (the
 * embedded DynamoDB Local), a bare Boot application with the same web stack (the same classpath without singletable
 * and DynamoDB Local), the sample application on a DynamoDB Local already running (the harness's: what the embedded
 * server costs the start), and a development application whose repository declares an underivable method, from the
 * launch to its failure analysis. Prints the medians (min–max) as a Markdown table.
 * <p>
 * Run from the project directory, after {@code mvn -q install -DskipTests}:
 * <pre>
 * mvn -q -pl sample-app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/dev-classpath.txt
 * mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.singletable.benchmarks.startup.dev.DevStartBenchmark sample-app 7
 * </pre>
 */
public final class DevStartBenchmark {

	/** Spring Boot's start line: "Started X in 5.123 seconds (process running for 6.2)". */
	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final String FAILED = "APPLICATION FAILED TO START";

	private static final long TIMEOUT_SECONDS = 180;

	private DevStartBenchmark() {
	}

	/**
	 * A measured application.
	 */
	enum Variant {

		BARE("bare Boot, same web stack (MVC, WebFlux, validation, actuator), no singletable"),

		DEV("sample-app on the embedded DynamoDB Local (`spring-boot:test-run` classpath)"),

		EXTERNAL("the same sample-app on a DynamoDB Local already running (the harness's), no embedded server"),

		FAILING("development application with an underivable repository method, to its failure analysis");

		private final String label;

		Variant(String label) {
			this.label = label;
		}

	}

	/**
	 * Runs the benchmark.
	 * @param args the sample-app directory (with {@code target/dev-classpath.txt}), and the starts per variant (7)
	 * @throws Exception when a start cannot be measured
	 */
	public static void main(String[] args) throws Exception {
		Path sampleApp = Path.of((args.length > 0) ? args[0] : "sample-app").toAbsolutePath().normalize();
		int starts = (args.length > 1) ? Integer.parseInt(args[1]) : 7;
		List<String> dependencies = Arrays.asList(Files.readString(sampleApp.resolve("target/dev-classpath.txt"))
			.trim()
			.split(File.pathSeparator));
		String own = ownClasses();
		Map<Variant, String> classpaths = new EnumMap<>(Variant.class);
		classpaths.put(Variant.DEV, join(sampleApp.resolve("target/test-classes").toString(),
				sampleApp.resolve("target/classes").toString(), dependencies));
		classpaths.put(Variant.BARE, join(own, null, dependencies.stream().filter((entry) -> {
			String name = Path.of(entry).getFileName().toString();
			return !name.startsWith("singletable-") && !name.startsWith("DynamoDBLocal") && !name.contains("sqlite4java");
		}).toList()));
		classpaths.put(Variant.EXTERNAL, classpaths.get(Variant.DEV));
		classpaths.put(Variant.FAILING, join(own, null, dependencies));
		Map<Variant, String> mains = Map.of(Variant.DEV, "dev.singletable.sample.TestSampleApplication",
				Variant.EXTERNAL, "dev.singletable.sample.TestSampleApplication", Variant.BARE,
				BareWebApplication.class.getName(), Variant.FAILING, FailingDevApplication.class.getName());
		EmbeddedDynamoDbLocal external = new EmbeddedDynamoDbLocal(0, "dev-start-benchmark");
		external.start();
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Map<Variant, List<Double>> inRun = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> uptime = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> wall = new EnumMap<>(Variant.class);
		List<Double> loads = new ArrayList<>();
		for (int i = 0; i < starts; i++) {
			for (Variant variant : Variant.values()) {
				List<String> arguments = new ArrayList<>(List.of("--singletable.table-name=dev-start-" + variant.name()
						.toLowerCase(java.util.Locale.ROOT) + "-" + i));
				if (variant == Variant.EXTERNAL) {
					arguments.addAll(List.of("--singletable.endpoint=" + external.getEndpoint(),
							"--singletable.table.create=create-if-missing"));
				}
				double[] figures = launch(variant, classpaths.get(variant), mains.get(variant), arguments);
				if (figures[0] >= 0) {
					inRun.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(figures[0]);
					uptime.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(figures[1]);
				}
				wall.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(figures[2]);
				loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			}
		}
		System.out.printf("%d starts per variant, taking turns; %d cores; load average %.1f before, %.1f-%.1f during%n%n",
				starts, Runtime.getRuntime().availableProcessors(), loadBefore,
				loads.stream().mapToDouble(Double::doubleValue).min().orElse(0),
				loads.stream().mapToDouble(Double::doubleValue).max().orElse(0));
		System.out.println("| Application | \"Started in\" (s) | process running for (s) | launch to ready or failure (s) |");
		System.out.println("|---|---:|---:|---:|");
		for (Variant variant : Variant.values()) {
			System.out.printf("| %s | %s | %s | %s |%n", variant.label, describe(inRun.get(variant)),
					describe(uptime.get(variant)), describe(wall.get(variant)));
		}
		external.stop();
		double dev = Spread.of(uptime.get(Variant.DEV)).median();
		double bare = Spread.of(uptime.get(Variant.BARE)).median();
		System.out.printf("%ndev - bare (process running for, medians): %+.2f s; definition failure (launch to analysis, "
				+ "median): %.2f s; dev - the same on a running DynamoDB Local: %+.2f s%n", dev - bare,
				Spread.of(wall.get(Variant.FAILING)).median(), dev - Spread.of(uptime.get(Variant.EXTERNAL)).median());
	}

	/**
	 * Launches one application and measures it: "Started in", "process running for" (both -1 for a failure) and the
	 * wall time from the launch to the start line or the failure analysis, in seconds.
	 */
	private static double[] launch(Variant variant, String classpath, String main, List<String> arguments)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// INFO for every variant: the harness's own logback.xml (WARN) is on the classpath of two of them
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", classpath, main,
				"--server.port=0", "--logging.level.root=INFO"));
		command.addAll(arguments);
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "dev-start-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		StringBuilder output = new StringBuilder();
		double @Nullable [] figures = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				double seconds = (System.nanoTime() - launched) / 1e9;
				Matcher started = STARTED.matcher(line);
				if (variant != Variant.FAILING && started.find()) {
					figures = new double[] { Double.parseDouble(started.group(1)),
							Double.parseDouble(started.group(2)), seconds };
					break;
				}
				if (variant == Variant.FAILING && line.contains(FAILED) && figures == null) {
					// read on to the end: the analysis must name the method
					figures = new double[] { -1, -1, seconds };
				}
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		if (figures == null) {
			throw new IllegalStateException(variant + " neither started nor failed as expected:\n" + output);
		}
		if (variant == Variant.FAILING && !output.toString().contains("findByTitleLike")) {
			throw new IllegalStateException("The failing application failed for another reason:\n" + output);
		}
		return figures;
	}

	private static String ownClasses() throws URISyntaxException {
		return Path.of(DevStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

	private static String join(String first, @Nullable String second, List<String> rest) {
		List<String> all = new ArrayList<>();
		all.add(first);
		if (second != null) {
			all.add(second);
		}
		all.addAll(rest);
		return all.stream().collect(Collectors.joining(File.pathSeparator));
	}

	private static String describe(@Nullable List<Double> values) {
		if (values == null || values.isEmpty()) {
			return "–";
		}
		Spread spread = Spread.of(values);
		return String.format("%.2f (%.2f–%.2f)", spread.median(), spread.min(), spread.max());
	}

}
