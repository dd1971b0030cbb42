package dev.singletable.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Status;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.SingleTableConverter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client CPU of versioned writes and a plain update (and of reading them back) by two builds of core in one JVM,
 * the builds taking turns round by round: each build's classes are loaded by a class loader of their own, with the
 * same benchmark classes and dependencies, and run against an HTTP client that answers without a server (a
 * transaction, a {@code PutItem} and a {@code DeleteItem} succeed with {@code {}}, a {@code GetItem} returns the
 * latest item the build last wrote). CPU is the measuring thread's ({@link ThreadMXBean#getCurrentThreadCpuTime()}),
 * so other processes on a loaded machine move it far less than wall time. Each operation cycles through 16 articles:
 * compressing the same bytes over and over runs about twice as fast as compressing different ones (the CPU learns the
 * one input), which would understate gzip's share.
 * <p>
 * {@code java -cp <benchmarks classpath> dev.singletable.benchmarks.WriteCpuComparison <before core classes>
 * <after core classes> [rounds] [ms per round]}: the benchmarks classpath's own core entry (a directory or jar
 * whose path names {@code core}) is replaced by each build's. Each operation first runs
 * {@code -Dwritecpu.warmup} times (20,000 by default) per build, so that the JIT has compiled its path;
 * {@code -Dwritecpu.check=true} prints how many requests each operation sends (one);
 * {@code -Dwritecpu.flushKb=32768} flushes the CPU caches through a buffer of that size before each measured
 * operation ({@link CacheFlush}) and counts the operations' CPU alone: their cost with cold caches, approaching the
 * throughput rounds against DynamoDB Local on the same cores. Prints microseconds of CPU per
 * operation of each build, median (min–max) over rounds, the after/before ratio paired by round, and the bytes the
 * thread allocated per operation.
 */
public final class WriteCpuComparison {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final int WARM_UP = Integer.getInteger("writecpu.warmup", 20_000);

	/** Flushes the caches before each measured operation when {@code -Dwritecpu.flushKb} is set. */
	private static final @Nullable CacheFlush FLUSH = flush(Integer.getInteger("writecpu.flushKb", 0));

	private WriteCpuComparison() {
	}

	private static @Nullable CacheFlush flush(int kilobytes) {
		return (kilobytes > 0) ? CacheFlush.ofKilobytes(kilobytes) : null;
	}

	/**
	 * Runs the comparison.
	 * @param args the before and after core class directories (or jars), then optionally rounds and milliseconds
	 * of CPU per round
	 * @throws Exception when a build cannot be loaded
	 */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 9;
		long roundNanos = ((args.length > 3) ? Long.parseLong(args[3]) : 400L) * 1_000_000L;
		String[] labels = { "before", "after" };
		List<Map<String, LongSupplier>> sides = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			sides.add(operations(load(Path.of(args[i]))));
		}
		Map<String, List<List<Double>>> nanos = new LinkedHashMap<>();
		Map<String, List<List<Double>>> bytes = new LinkedHashMap<>();
		for (String name : sides.get(0).keySet()) {
			for (int side = 0; side < 2; side++) {
				// until the JIT has compiled the path: C2 compiles a method after thousands of calls
				LongSupplier operation = sides.get(side).get(name);
				for (int i = 0; i < WARM_UP; i++) {
					operation.getAsLong();
				}
			}
			List<List<Double>> bySide = List.of(new ArrayList<>(), new ArrayList<>());
			List<List<Double>> allocatedBySide = List.of(new ArrayList<>(), new ArrayList<>());
			for (int round = 0; round < rounds; round++) {
				for (int turn = 0; turn < 2; turn++) {
					int side = (round + turn) % 2;
					bySide.get(side).add(measure(sides.get(side).get(name), roundNanos, allocatedBySide.get(side)));
				}
			}
			nanos.put(name, bySide);
			bytes.put(name, allocatedBySide);
		}
		System.out.printf("%d rounds of %d ms thread CPU per build and operation, builds alternating%n", rounds,
				roundNanos / 1_000_000);
		System.out.printf("| Operation | %s µs | %s µs | after / before | allocated KB (%s / %s) |%n"
				+ "|---|---:|---:|---:|---:|%n", labels[0], labels[1], labels[0], labels[1]);
		for (Map.Entry<String, List<List<Double>>> entry : nanos.entrySet()) {
			List<Double> before = entry.getValue().get(0);
			List<Double> after = entry.getValue().get(1);
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < before.size(); i++) {
				ratios.add(after.get(i) / before.get(i));
			}
			System.out.printf("| %s | %s | %s | %s | %.1f / %.1f |%n", entry.getKey(), spread(before, 1e-3),
					spread(after, 1e-3), spread(ratios, 1), median(bytes.get(entry.getKey()).get(0)) / 1024,
					median(bytes.get(entry.getKey()).get(1)) / 1024);
		}
	}

	private static double measure(LongSupplier operation, long budget, List<Double> allocated) {
		long allocatedBefore = allocated();
		long used = 0;
		long count = 0;
		long sink = 0;
		long start = THREADS.getCurrentThreadCpuTime();
		do {
			if (FLUSH != null) {
				// the operation's CPU alone, each run with cold caches
				FLUSH.run();
				long before = THREADS.getCurrentThreadCpuTime();
				sink += operation.getAsLong();
				used += THREADS.getCurrentThreadCpuTime() - before;
			}
			else {
				sink += operation.getAsLong();
				used = THREADS.getCurrentThreadCpuTime() - start;
			}
			count++;
		}
		while (used < budget);
		if (sink < 0) {
			throw new IllegalStateException();
		}
		allocated.add((double) (allocated() - allocatedBefore) / count);
		return (double) used / count;
	}

	private static long allocated() {
		return (THREADS instanceof com.sun.management.ThreadMXBean threads) ? threads.getCurrentThreadAllocatedBytes()
				: 0;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String spread(List<Double> values, double scale) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		double median = median(values);
		String format = (scale == 1) ? "%.3f" : "%.1f";
		return String.format(format + " (" + format + "–" + format + ")", median * scale, sorted.get(0) * scale,
				sorted.get(sorted.size() - 1) * scale);
	}

	private static ClassLoader load(Path core) throws MalformedURLException {
		List<URL> urls = new ArrayList<>();
		urls.add(core.toUri().toURL());
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			boolean ownCore = path.toString()
				.replace('\\', '/')
				.matches(".*/core/target/classes/?|.*singletable-core-[^/]*(?<!tests)\\.jar");
			if (!ownCore) {
				urls.add(path.toUri().toURL());
			}
		}
		return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, LongSupplier> operations(ClassLoader loader) throws Exception {
		Class<?> build = Class.forName(Build.class.getName(), true, loader);
		Method method = build.getMethod("operations");
		return (Map<String, LongSupplier>) method.invoke(null);
	}

	/**
	 * The operations of one build, loaded by that build's class loader.
	 */
	public static final class Build {

		private Build() {
		}

		/**
		 * Creates the template of this build on an HTTP client without a server and returns its operations.
		 * @return the operations by name, in the order of the table
		 */
		public static Map<String, LongSupplier> operations() {
			Answers answers = new Answers();
			DynamoDbClient client = DynamoDbClient.builder()
				.endpointOverride(java.net.URI.create("http://localhost:1"))
				.region(Region.US_EAST_1)
				.httpClient(answers)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
				.build();
			SingleTableTemplate template = new SingleTableTemplate(client, "benchmark");
			SingleTableConverter converter = template.getConverter();
			int count = 16;
			List<VersionedArticle> created = new ArrayList<>();
			List<Map<String, AttributeValue>> bodies = new ArrayList<>();
			Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
			List<ArticleDocument> documents = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				documents.add(Documents.article(i).withStatus(Status.DRAFT));
				VersionedArticle article = template.create(VersionedArticle.of(documents.get(i)));
				for (int v = 0; v < VersionedArticle.MAX_VERSIONS; v++) {
					article = template.update(article.withTitle("Warm-up " + v));
				}
				created.add(article);
				bodies.add(converter.writeBody(article, null, now));
			}
			List<PlainArticle> plain = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				plain.add(template.create(PlainArticle.of(documents.get(i))));
			}
			long[] counter = { 0 };
			Map<String, LongSupplier> operations = new LinkedHashMap<>();
			operations.put("create (versioned, compressed)", () -> {
				template.create(VersionedArticle.of(documents.get((int) (counter[0]++ % count))));
				return answers.requests;
			});
			operations.put("versioned update", () -> {
				int index = (int) (counter[0]++ % count);
				VersionedArticle updated = template.update(created.get(index).withTitle("Revision " + counter[0]));
				created.set(index, updated);
				return answers.requests;
			});
			operations.put("plain update", () -> {
				int index = (int) (counter[0]++ % count);
				plain.set(index, template.update(plain.get(index).withTitle("Revision " + counter[0])));
				return answers.requests;
			});
			operations.put("get latest", () -> {
				String id = created.get((int) (counter[0]++ % count)).id();
				answers.latest = answers.items.get(id);
				return template.findById(VersionedArticle.class, id).isPresent() ? 1 : 0;
			});
			operations.put("converter writeBody (JSON + gzip)", () -> {
				VersionedArticle article = created.get((int) (counter[0]++ % count));
				return converter.writeBody(article, null, now).size();
			});
			operations.put("converter read (gunzip + parse)", () -> {
				int index = (int) (counter[0]++ % count);
				return (converter.read(VersionedArticle.class, bodies.get(index)) != null) ? 1 : 0;
			});
			answers.frozen = true;
			if (Boolean.getBoolean("writecpu.check")) {
				operations.forEach((name, operation) -> {
					long before = answers.requests;
					for (int i = 0; i < 100; i++) {
						operation.getAsLong();
					}
					System.err.println(name + ": " + (answers.requests - before) / 100.0 + " requests per operation");
				});
			}
			return operations;
		}

	}

	/**
	 * Answers a transaction with {@code {}} and keeps the latest item it put per id; answers a {@code GetItem}
	 * with the item chosen by the operation. Anything else fails.
	 */
	private static final class Answers implements SdkHttpClient {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final Map<String, String> items = new java.util.HashMap<>();

		private String latest = "";

		private long requests;

		private boolean frozen;

		private final byte[] drain = new byte[8192];

		@Override
		public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
			String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
			return new ExecutableHttpRequest() {

				@Override
				public HttpExecuteResponse call() throws IOException {
					Answers.this.requests++;
					String body = "{}";
					if (target.endsWith("TransactWriteItems") && Answers.this.frozen) {
						drain(request);
					}
					else if (target.endsWith("TransactWriteItems")) {
						// only while setting up: measured, parsing the request would count as the build's CPU
						try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
							remember(in.readAllBytes());
						}
					}
					else if (target.endsWith(".PutItem") || target.endsWith(".DeleteItem")) {
						// a DeleteItem is the trim of the versions beyond the newest ones, sent after the answer
						drain(request);
					}
					else if (target.endsWith("GetItem")) {
						drain(request);
						body = "{\"Item\":" + Answers.this.latest + "}";
					}
					else {
						throw new IllegalStateException("No answer for " + target);
					}
					SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200).build();
					return HttpExecuteResponse.builder()
						.response(response)
						.responseBody(AbortableInputStream
							.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
						.build();
				}

				@Override
				public void abort() {
				}

			};
		}

		private void remember(byte[] sent) {
			JsonNode transaction = JSON.readTree(sent);
			for (JsonNode item : transaction.get("TransactItems")) {
				JsonNode put = item.get("Put");
				if (put != null && "v0".equals(put.get("Item").get("sk").get("S").asString())) {
					String pk = put.get("Item").get("pk").get("S").asString();
					this.items.put(pk.substring(pk.indexOf('#') + 1), put.get("Item").toString());
				}
			}
		}

		private void drain(HttpExecuteRequest request) throws IOException {
			if (request.contentStreamProvider().isPresent()) {
				try (InputStream in = request.contentStreamProvider().get().newStream()) {
					while (in.read(this.drain) >= 0) {
						// a real client writes these bytes to its socket
					}
				}
			}
		}

		@Override
		public void close() {
		}

	}

}
