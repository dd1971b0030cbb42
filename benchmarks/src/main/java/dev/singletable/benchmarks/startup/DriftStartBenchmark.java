package dev.singletable.benchmarks.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.test.DynamoDbLocal;

/**
 * Time to ready of the starter application with a real HTTP client (the one the auto-configuration builds from
 * {@code singletable.endpoint}) and the drift check on, as {@code java -jar} starts it with
 * {@code singletable.table.create=none}: against a DynamoDB Local that answers (in this JVM, on loopback) and against
 * a loopback port nobody listens on, the two taking turns in fresh JVMs. A start that talks to DynamoDB before it is
 * ready pays the round trips, and with the endpoint unreachable the SDK's retries, before it is ready; one that does
 * not is as fast either way. Run it with the benchmark's class path:
 * {@code java -cp <classpath> dev.singletable.benchmarks.startup.DriftStartBenchmark 5}.
 */
public final class DriftStartBenchmark {

	private static final String PROBE = "drift-start-probe";

	private static final String TABLE = "drift-start";

	private DriftStartBenchmark() {
	}

	/**
	 * Runs the rounds and prints, per endpoint, the medians (min–max) of JVM uptime and process CPU at ready; or,
	 * given {@code probe <endpoint> <table.create>}, starts the application once and prints its figures.
	 * @param args the number of rounds (5 by default), or the probe's arguments
	 * @throws IOException when no free port can be found
	 */
	public static void main(String[] args) throws IOException {
		if (args.length == 3 && args[0].equals("probe")) {
			probe(args[1], args[2]);
			return;
		}
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		String reachable = DynamoDbLocal.endpoint().toString();
		String unreachable;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			unreachable = "http://127.0.0.1:" + socket.getLocalPort();
		}
		// sets the table up and records the definitions, as the application's first deployment did
		coldStart(reachable, "create-if-missing");
		Map<String, List<Double>> uptime = new HashMap<>();
		Map<String, List<Double>> cpu = new HashMap<>();
		for (int i = 0; i < rounds; i++) {
			for (String endpoint : List.of(reachable, unreachable)) {
				double[] figures = coldStart(endpoint, "none");
				uptime.computeIfAbsent(endpoint, (key) -> new ArrayList<>()).add(figures[0]);
				cpu.computeIfAbsent(endpoint, (key) -> new ArrayList<>()).add(figures[1]);
			}
		}
		for (String endpoint : List.of(reachable, unreachable)) {
			System.out.printf("%-12s uptime at ready %s  cpu at ready %s%n",
					endpoint.equals(reachable) ? "reachable" : "unreachable", describe(Spread.of(uptime.get(endpoint))),
					describe(Spread.of(cpu.get(endpoint))));
		}
		System.exit(0);
	}

	private static String describe(Spread spread) {
		return String.format("%.0f (%.0f-%.0f)", spread.median(), spread.min(), spread.max());
	}

	private static void probe(String endpoint, String create) {
		SpringApplication application = new SpringApplication(DriftStartApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "spring.main.log-startup-info",
				"false", "logging.level.root", "warn", "singletable.table-name", TABLE, "singletable.endpoint", endpoint,
				"singletable.embedded.enabled", "false", "singletable.table.create", create,
				"spring.autoconfigure.exclude", String.join(",", StartupBenchmark.MODULITH_AUTO_CONFIGURATIONS)));
		try (ConfigurableApplicationContext context = application.run()) {
			// SpringApplication.run returns once the application is ready
			System.out.println(PROBE + " " + StartupBenchmark.uptime() + " " + StartupBenchmark.processCpuMillis());
		}
		System.exit(0);
	}

	private static double[] coldStart(String endpoint, String create) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String[] parts = StartupBenchmark.probe(List.of(java, "-Xmx512m", "-cp", StartupBenchmark.startupClassPath(),
				DriftStartBenchmark.class.getName(), "probe", endpoint, create), PROBE, "The drift start probe");
		return new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]) };
	}

	/**
	 * The starter application with the client the auto-configuration builds (no client bean of its own); a blocking
	 * application, as {@link StartupApplications.Starter}.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration")
	@AutoConfigurationPackage(basePackageClasses = VersionedArticle.class)
	static class DriftStartApplication {

	}

}
