package dev.singletable.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.benchmarks.Results.Startup;
import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.Settings;
import dev.singletable.benchmarks.model.VersionedArticleRepository;

/**
 * Measures Spring context start-up: repeated starts in this JVM after warm-up (what a test suite or a restart
 * sees once classes are loaded and compiled) and starts each in a new JVM (what a deployment sees), for a bare
 * Boot application, the same with a {@code DynamoDbClient} bean, and an application with the singletable starter
 * ({@code singletable.embedded.enabled=false}, the client stubbed, {@code singletable.table.create=none}).
 */
public final class StartupBenchmark {

	/** Spring Modulith's auto-configurations, left out of the applications measured (see {@link #startupClassPath}). */
	static final List<String> MODULITH_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
			"org.springframework.modulith.events.config.EventExternalizationAutoConfiguration");

	/** Where the jars only the change events benchmark uses live in a Maven repository. */
	static final List<String> CHANGE_EVENTS_JARS = List.of("/org/springframework/modulith/", "/software/amazon/kinesis/",
			"/com/amazonaws/dynamodb-streams-kinesis-adapter/", "/com/amazonaws/dynamodb-lock-client/",
			"/software/amazon/glue/");

	/**
	 * The line a child JVM prints: the prefix, milliseconds in {@code run}, JVM uptime in milliseconds, process CPU
	 * milliseconds.
	 */
	static final String PROBE = "startup-probe";

	private StartupBenchmark() {
	}

	/**
	 * An application variant.
	 */
	public enum Variant {

		/** {@link StartupApplications.Bare}. */
		BARE("bare Spring Boot, no web"),

		/** {@link StartupApplications.WithClient}. */
		CLIENT("bare Spring Boot + a DynamoDbClient bean"),

		/** {@link StartupApplications.Starter}. */
		STARTER("Spring Boot + singletable starter (entities, repository, DynamoDbClient bean)"),

		/** {@link StartupApplications.Manual}. */
		MANUAL("Spring Boot + singletable beans declared by hand (starter unavailable)");

		private final String label;

		Variant(String label) {
			this.label = label;
		}

		/**
		 * Returns the label of the tables.
		 * @return the label
		 */
		public String label() {
			return this.label;
		}

	}

	/**
	 * Starts a variant and returns its context; the caller closes it.
	 * @param variant the variant
	 * @return the started context
	 */
	public static ConfigurableApplicationContext start(Variant variant) {
		Class<?> source = switch (variant) {
			case BARE -> StartupApplications.Bare.class;
			case CLIENT -> StartupApplications.WithClient.class;
			case STARTER -> StartupApplications.Starter.class;
			case MANUAL -> StartupApplications.Manual.class;
		};
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "spring.main.log-startup-info",
				"false", "logging.level.root", "warn", "singletable.table-name", "benchmarks",
				"singletable.embedded.enabled", "false", "singletable.table.create", "none",
				// the change events benchmark's Spring Modulith is on the harness's class path, not the applications'
				"spring.autoconfigure.exclude", String.join(",", MODULITH_AUTO_CONFIGURATIONS)));
		return application.run();
	}

	/**
	 * Runs the start-up benchmark.
	 * @param settings how many starts
	 * @param notes receives remarks, such as a fallback to hand-declared beans
	 * @return the figures, one per variant
	 */
	public static List<Startup> run(Settings settings, List<String> notes) {
		Variant singletable = Variant.STARTER;
		try (ConfigurableApplicationContext context = start(Variant.STARTER)) {
			if (context.getBean(VersionedArticleRepository.class) == null) {
				throw new IllegalStateException("no repository");
			}
		}
		catch (RuntimeException | LinkageError ex) {
			singletable = Variant.MANUAL;
			notes.add("The starter's auto-configuration did not start (" + ex + "); the start-up figures use the same "
					+ "beans declared by hand.");
		}
		List<Variant> variants = List.of(Variant.BARE, Variant.CLIENT, singletable);
		Map<Variant, List<Double>> warm = new EnumMap<>(Variant.class);
		for (int i = 0; i < settings.startupWarmups() + settings.startupRuns(); i++) {
			for (Variant variant : variants) {
				long start = System.nanoTime();
				try (ConfigurableApplicationContext context = start(variant)) {
					long millis = System.nanoTime() - start;
					if (i >= settings.startupWarmups()) {
						warm.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(millis / 1e6);
					}
				}
			}
		}
		Map<Variant, List<Double>> cold = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> uptime = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> cpu = new EnumMap<>(Variant.class);
		for (int i = 0; i < settings.coldStarts(); i++) {
			for (Variant variant : variants) {
				double[] probe = coldStart(variant);
				cold.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(probe[0]);
				uptime.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(probe[1]);
				cpu.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(probe[2]);
			}
		}
		List<Startup> figures = new ArrayList<>();
		for (Variant variant : variants) {
			figures.add(new Startup(variant.label(), Spread.of(warm.get(variant)),
					cold.containsKey(variant) ? Spread.of(cold.get(variant)) : null,
					uptime.containsKey(variant) ? Spread.of(uptime.get(variant)) : null,
					cpu.containsKey(variant) ? Spread.of(cpu.get(variant)) : null));
		}
		return figures;
	}

	/**
	 * Measures only the cold starts, alternating the variants, and prints for each the medians (min–max) of JVM
	 * uptime and process CPU at ready, and the starter's difference from the application with a client bean: a
	 * quick before/after check of a start-up change, without the rest of the benchmark. Run it with the benchmark's
	 * classpath, e.g. {@code java -cp <classpath> dev.singletable.benchmarks.startup.StartupBenchmark 9}.
	 * @param args the number of starts per variant, 9 by default
	 */
	public static void main(String[] args) {
		int starts = (args.length > 0) ? Integer.parseInt(args[0]) : 9;
		List<Variant> variants = List.of(Variant.BARE, Variant.CLIENT, Variant.STARTER);
		Map<Variant, List<Double>> uptime = new EnumMap<>(Variant.class);
		Map<Variant, List<Double>> cpu = new EnumMap<>(Variant.class);
		for (int i = 0; i < starts; i++) {
			for (Variant variant : variants) {
				double[] probe = coldStart(variant);
				uptime.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(probe[1]);
				cpu.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(probe[2]);
			}
		}
		for (Variant variant : variants) {
			System.out.printf("%-8s uptime %s  cpu %s%n", variant, describe(Spread.of(uptime.get(variant))),
					describe(Spread.of(cpu.get(variant))));
		}
		System.out.printf("starter - client: uptime %+.0f ms, cpu %+.0f ms (medians of %d starts each)%n",
				Spread.of(uptime.get(Variant.STARTER)).median() - Spread.of(uptime.get(Variant.CLIENT)).median(),
				Spread.of(cpu.get(Variant.STARTER)).median() - Spread.of(cpu.get(Variant.CLIENT)).median(), starts);
	}

	private static String describe(Spread spread) {
		return String.format("%.0f (%.0f-%.0f)", spread.median(), spread.min(), spread.max());
	}

	/**
	 * The harness's class path without the jars only the change events benchmark uses (Spring Modulith, the KCL and
	 * the DynamoDB Streams adapter with what they bring): the applications measured are the starter's as users start
	 * it without those optional features.
	 */
	static String startupClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> CHANGE_EVENTS_JARS.stream().noneMatch(entry.replace('\\', '/')::contains))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static double[] coldStart(Variant variant) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String[] parts = probe(List.of(java, "-Xmx512m", "-cp", startupClassPath(), StartupProbe.class.getName(),
				variant.name()), PROBE, "The start-up probe of " + variant);
		return new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
				Double.parseDouble(parts[3]) };
	}

	/**
	 * Runs a probe in a new JVM and returns the words of the line it printed starting with its marker.
	 * @param command the command line
	 * @param marker what the probe's line starts with
	 * @param what the probe, for the failure
	 * @return the line's words, the marker first
	 */
	static String[] probe(List<String> command, String marker, String what) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		try {
			Process process = builder.start();
			String found = null;
			StringBuilder output = new StringBuilder();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					output.append(line).append('\n');
					if (line.startsWith(marker + " ")) {
						found = line;
					}
				}
			}
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || found == null) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " failed:\n" + output);
			}
			return found.split(" ");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start a JVM for " + what, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + what, ex);
		}
	}

	/**
	 * Returns the uptime of this JVM.
	 * @return milliseconds since the JVM started
	 */
	static long uptime() {
		return ManagementFactory.getRuntimeMXBean().getUptime();
	}

	/**
	 * Returns the CPU time of this JVM's process, every thread included.
	 * @return milliseconds of CPU, or -1 when the JVM cannot tell
	 */
	static double processCpuMillis() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime() / 1e6;
		}
		return -1;
	}

}
