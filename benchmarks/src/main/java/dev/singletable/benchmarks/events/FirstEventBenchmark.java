package dev.singletable.benchmarks.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

/**
 * Issue 49's measurement: a Spring Boot application on the embedded DynamoDB Local with change events on and one
 * {@code @ResourceChangeListener}, started in this JVM again and again, the variants taking turns: (1) the time from
 * "application ready" (the context refreshed and {@code SpringApplication.run} returned) to the delivery of a change
 * written right then, and (2) the end-to-end latency of later changes (from just before an update to its listener),
 * p50 and p99. The variants ({@link #VARIANTS}) set the KCL's own timings back, or singletable's production defaults, or
 * leave what the embedded DynamoDB Local sets for a single local worker. Prints a Markdown table.
 * <p>
 * Run from the project directory, after {@code mvn -o -q -pl core,autoconfigure,starter install -DskipTests}:
 * <pre>
 * mvn -o -q -pl benchmarks package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.singletable.benchmarks.events.FirstEventBenchmark [rounds] [samples]
 * </pre>
 * Extra arguments of the form {@code --name=value} go to every started application (for example
 * {@code --logging.level.software.amazon.kinesis=INFO} to see what the KCL waits for); {@code -Dvariant=embedded}
 * runs only the variants whose name starts so (with {@code 1} round: a JVM's first context, which loads the KCL's
 * classes). The variants run in one JVM, so only the first start of the first variant pays the KCL's class loading.
 */
public final class FirstEventBenchmark {

	/** The variants: the properties each sets over what the embedded DynamoDB Local sets. */
	static final Map<String, Map<String, String>> VARIANTS = variants();

	private static final String PROBE = "probe";

	private FirstEventBenchmark() {
	}

	private static Map<String, Map<String, String>> variants() {
		Map<String, Map<String, String>> variants = new LinkedHashMap<>();
		// the KCL's own defaults (the poll interval is singletable's: the adapter's polling default is 1 s)
		variants.put("KCL defaults", timings("10s", "20s", "1s", "10s", "1s", "false", "250ms"));
		// what singletable.changes.* default to, on DynamoDB
		variants.put("singletable defaults (production)", timings("10s", "2s", "200ms", "1s", "250ms", "false", "250ms"));
		// nothing set: what the embedded DynamoDB Local sets
		variants.put("embedded DynamoDB Local (issue 49)", Map.of());
		return variants;
	}

	private static Map<String, String> timings(String failover, String assignment, String dispatch, String parent,
			String metrics, String syncAtStart, String poll) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("singletable.changes.failover-time", failover);
		properties.put("singletable.changes.lease-assignment-interval", assignment);
		properties.put("singletable.changes.dispatch-interval", dispatch);
		properties.put("singletable.changes.parent-shard-poll-interval", parent);
		properties.put("singletable.changes.worker-metrics-interval", metrics);
		properties.put("singletable.changes.sync-shards-at-start", syncAtStart);
		properties.put("singletable.changes.poll-interval", poll);
		return properties;
	}

	public static void main(String[] args) throws Exception {
		String only = System.getProperty("variant");
		if (only != null) {
			VARIANTS.keySet().removeIf((name) -> !name.startsWith(only));
		}
		int rounds = (args.length > 0 && !args[0].startsWith("--")) ? Integer.parseInt(args[0]) : 3;
		int samples = (args.length > 1 && !args[1].startsWith("--")) ? Integer.parseInt(args[1]) : 100;
		List<String> extra = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				extra.add(arg);
			}
		}
		Map<String, List<Run>> runs = new LinkedHashMap<>();
		for (String variant : VARIANTS.keySet()) {
			runs.put(variant, new ArrayList<>());
		}
		for (int round = 0; round < rounds; round++) {
			for (Map.Entry<String, List<Run>> variant : runs.entrySet()) {
				List<String> arguments = new ArrayList<>(extra);
				VARIANTS.get(variant.getKey()).forEach((name, value) -> arguments.add("--" + name + "=" + value));
				Run run = run(arguments, samples);
				System.err.println(variant.getKey() + " round " + (round + 1) + ": " + run);
				variant.getValue().add(run);
			}
		}
		StringBuilder report = new StringBuilder();
		report.append("| | ready → first event (median, min–max of ").append(rounds)
			.append(" starts) | later events p50 | p99 | max |\n| --- | --- | --- | --- | --- |\n");
		for (Map.Entry<String, List<Run>> variant : runs.entrySet()) {
			List<Long> firsts = new ArrayList<>();
			List<Long> later = new ArrayList<>();
			for (Run run : variant.getValue()) {
				firsts.add(run.firstEventMillis());
				later.addAll(run.latenciesMillis());
			}
			Collections.sort(firsts);
			Collections.sort(later);
			report.append(String.format("| %s | %d ms (%d–%d) | %d ms | %d ms | %d ms |%n", variant.getKey(),
					firsts.get(firsts.size() / 2), firsts.get(0), firsts.get(firsts.size() - 1), quantile(later, 0.5),
					quantile(later, 0.99), quantile(later, 1.0)));
		}
		System.out.println(report);
		System.exit(0);
	}

	private static Run run(List<String> arguments, int samples) throws Exception {
		SpringApplication application = new SpringApplication(ChangesApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> all = new ArrayList<>(List.of("--singletable.table-name=first-event",
				"--singletable.changes.enabled=true", "--spring.main.banner-mode=off"));
		all.addAll(arguments);
		try (ConfigurableApplicationContext context = application.run(all.toArray(String[]::new))) {
			long ready = System.nanoTime();
			Deliveries deliveries = context.getBean(Deliveries.class);
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			deliveries.expect("Order#" + PROBE + "#v1", ready);
			Order order = template.create(new Order(PROBE, null, "c", 1, "first"));
			if (!deliveries.firstDelivered.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("No change delivered within 120 s");
			}
			long first = deliveries.firstEventNanos - ready;
			deliveries.latencies.clear();
			for (int i = 0; i < samples; i++) {
				deliveries.expect("Order#" + PROBE + "#v" + (order.version() + 1), System.nanoTime());
				order = template.update(new Order(PROBE, order.version(), "c", i, "n"));
				Thread.sleep(20);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!deliveries.written.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			List<Long> latencies = new ArrayList<>();
			for (long nanos : deliveries.latencies) {
				latencies.add(nanos / 1_000_000);
			}
			return new Run(first / 1_000_000, latencies, samples - deliveries.written.size());
		}
	}

	private static long quantile(List<Long> sorted, double quantile) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
		return sorted.get(Math.max(0, index));
	}

	/** One start: the time to the first event, and the later events' latencies. */
	record Run(long firstEventMillis, List<Long> latenciesMillis, int delivered) {

		@Override
		public String toString() {
			List<Long> sorted = new ArrayList<>(this.latenciesMillis);
			Collections.sort(sorted);
			return "first event " + this.firstEventMillis + " ms, later p50 " + quantile(sorted, 0.5) + " ms, p99 "
					+ quantile(sorted, 0.99) + " ms (" + this.delivered + " delivered)";
		}

	}

	/** The listener: when each expected change arrived. */
	static final class Deliveries {

		final Map<String, Long> written = new ConcurrentHashMap<>();

		final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch firstDelivered = new CountDownLatch(1);

		volatile long firstEventNanos;

		void expect(String key, long nanos) {
			this.written.put(key, nanos);
		}

		@ResourceChangeListener
		void on(ResourceChange<Order> change) {
			long now = System.nanoTime();
			Long before = this.written.remove(change.idempotencyKey());
			if (before != null) {
				this.latencies.add(now - before);
				if (this.firstDelivered.getCount() > 0) {
					this.firstEventNanos = now;
					this.firstDelivered.countDown();
				}
			}
		}

	}

	/**
	 * The application: the starter's auto-configuration on the embedded DynamoDB Local, the benchmark's
	 * {@link Order}, a listener.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration")
	static class ChangesApplication {

		@Bean
		Deliveries deliveries() {
			return new Deliveries();
		}

	}

}
