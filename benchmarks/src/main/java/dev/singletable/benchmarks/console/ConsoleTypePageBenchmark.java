package dev.singletable.benchmarks.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Issue 53's benchmark, printed as markdown: a Spring MVC application with the console on one in-process DynamoDB
 * Local, a type of 10,000 resources (written with batch writes), and the console's first page of that type
 * ({@code GET /singletable/types/BenchTicket}, 25 rows) requested over loopback HTTP: the requests it sends to
 * DynamoDB and its time (median and 95th percentile of 5 rounds, after a warm-up). The time is the whole HTTP
 * exchange on loopback, so an upper bound of the server's time.
 * <p>
 * {@code java ... dev.singletable.benchmarks.console.ConsoleTypePageBenchmark [pages per round]} (200 by default).
 */
public final class ConsoleTypePageBenchmark {

	private static final int RESOURCES = 10_000;

	private static final int ROUNDS = 5;

	private static final Requests requests = new Requests();

	private ConsoleTypePageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int pages = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsoleApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=WARN",
					"singletable.endpoint=" + DynamoDbLocal.endpoint(),
					"singletable.table-name=console-bench-" + System.nanoTime(),
					"singletable.table.create=create-if-missing", "singletable.console.enabled=true",
					"singletable.cursor-secret=console-benchmark-cursor-secret")
			.run(args)) {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			String body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(9);
			List<BenchTicket> batch = new ArrayList<>();
			long writeStart = System.nanoTime();
			for (int i = 0; i < RESOURCES; i++) {
				batch.add(new BenchTicket(String.format("t%05d", i), "ticket " + i, "owner-" + (i % 50),
						(i % 3 == 0) ? "open" : "closed", body));
				if (batch.size() == 500) {
					template.putAll(batch);
					batch.clear();
				}
			}
			double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/singletable/types/BenchTicket"))
				.build();
			// the requests of one first page
			requests.reset();
			HttpResponse<String> first = http.send(page, HttpResponse.BodyHandlers.ofString());
			if (first.statusCode() != 200 || !first.body().contains("id=\"next-page\"")) {
				throw new IllegalStateException("The console answered " + first.statusCode() + ": " + first.body());
			}
			int perPage = requests.count();
			String operations = String.join(", ", requests.operations());
			int rows = first.body().split("class=\"resource-row\"", -1).length - 1;
			for (int i = 0; i < pages / 2; i++) {
				http.send(page, HttpResponse.BodyHandlers.discarding());
			}
			List<Double> medians = new ArrayList<>();
			List<Double> p95s = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				List<Double> millis = new ArrayList<>();
				for (int i = 0; i < pages; i++) {
					long start = System.nanoTime();
					http.send(page, HttpResponse.BodyHandlers.ofString());
					millis.add((System.nanoTime() - start) / 1e6);
				}
				Collections.sort(millis);
				medians.add(millis.get(millis.size() / 2));
				p95s.add(millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
			}
			Collections.sort(medians);
			Collections.sort(p95s);
			System.out.printf("%d resources written with batch writes in %.1f s%n%n", RESOURCES, writeSeconds);
			System.out.printf("| | requests to DynamoDB | rows | median | 95th percentile | goal |%n");
			System.out.printf("| --- | --- | --- | --- | --- | --- |%n");
			System.out.printf("| first page of a type of %,d resources | %d (%s) | %d | %.1f ms | %.1f ms | < 300 ms: %s |%n",
					RESOURCES, perPage, operations, rows, medians.get(ROUNDS / 2), p95s.get(ROUNDS / 2),
					(medians.get(ROUNDS / 2) < 300) ? "met" : "**not met**");
		}
		System.exit(0);
	}

	/**
	 * The application: Spring MVC, the console, the starter, this package's type.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ConsoleApplication {

		@Bean
		SingleTableDynamoDbClientBuilderCustomizer countRequests() {
			return (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(requests));
		}

	}

	/** Counts the requests a client sends, and names their operations. */
	private static final class Requests implements ExecutionInterceptor {

		private final AtomicInteger count = new AtomicInteger();

		private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
			this.count.incrementAndGet();
			this.operations.add(context.request().getClass().getSimpleName().replace("Request", ""));
		}

		void reset() {
			this.count.set(0);
			this.operations.clear();
		}

		int count() {
			return this.count.get();
		}

		List<String> operations() {
			return List.copyOf(this.operations);
		}

	}

}
