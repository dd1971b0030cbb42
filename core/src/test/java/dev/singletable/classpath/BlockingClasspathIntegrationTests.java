package dev.singletable.classpath;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.S3Local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every blocking feature works in an application that has none of the optional libraries of the other ways of use
 * (issue 48): no Reactor (the reactive API), no Netty (the SDK's async client), no KCL or DynamoDB Streams adapter
 * (change events from the stream), no {@code micrometer-core} (metrics) and no Kotlin. Reactor is always on this
 * module's test class path, so a blocking class that links a Reactor type (as {@code BlobStorageRequests} did, failing
 * a blocking application's first blob write with {@code NoClassDefFoundError: reactor/core/publisher/Mono}) passes
 * every other test; here the blocking features run in a forked JVM whose class path is this JVM's without those
 * libraries, and a class that leaks fails this test with the child's first {@code NoClassDefFoundError} or
 * {@code ClassNotFoundException} line, naming the class.
 * <p>
 * The child ({@link BlockingFeaturesTour}) runs, against the DynamoDB Local and S3Proxy of this JVM: the blocking
 * template (writes, versions and history, queries on an index, batches, atomic updates), repositories built by the
 * core's repository factory and by {@code @EnableSingleTableRepositories} in an application context (derived
 * queries, an item collection, auditing), transactions (the template's, Spring's through the transaction manager,
 * a {@code @SingleTableTransactional} method), the audit log, blob fields in S3, the evolution of a definition
 * (drift, recorded migrations, backfills), the outbox without the stream (Spring Modulith's publication repository on
 * the table) and observations, checking what each one did; a feature that ran as a no-op fails its checks.
 * <p>
 * The libraries are removed by their directory in the Maven repository (their group, or group and artifact), and
 * the test checks that a class of each is really missing from the child's class path, and that what a blocking
 * application does need (Reactive Streams, which the SDK's core requires, Spring Modulith, Micrometer's observation
 * API, the url-connection client) is still there; so a changed layout fails here instead of passing without proving
 * anything. DynamoDB Local (which bundles Kotlin) and S3Proxy run in this JVM and are removed from the child's too.
 */
class BlockingClasspathIntegrationTests {

	private static final long CHILD_TIMEOUT_SECONDS = TimeUnit.MINUTES.toSeconds(3);

	/** What a blocking application does not have: each library's directory and a class it holds. */
	private static final List<Library> ABSENT = List.of(
			new Library("Reactor", "io/projectreactor/", "reactor.core.publisher.Mono"),
			new Library("Netty", "io/netty/", "io.netty.channel.Channel"),
			new Library("the SDK's Netty client", "software/amazon/awssdk/netty-nio-client/",
					"software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"),
			new Library("the KCL", "software/amazon/kinesis/", "software.amazon.kinesis.coordinator.Scheduler"),
			new Library("the DynamoDB Streams adapter", "com/amazonaws/dynamodb-streams-kinesis-adapter/",
					"com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory"),
			new Library("micrometer-core", "io/micrometer/micrometer-core/",
					"io.micrometer.core.instrument.MeterRegistry"),
			new Library("Kotlin", "org/jetbrains/kotlin/", "kotlin.Unit"),
			new Library("Kotlin's libraries", "org/jetbrains/kotlinx/", "kotlinx.coroutines.Job"),
			// the storage mapper registers it only when it is there (with Kotlin's reflection)
			new Library("Jackson's Kotlin module", "tools/jackson/module/jackson-module-kotlin/",
					"tools.jackson.module.kotlin.KotlinModule"),
			// the stores run in this JVM; DynamoDB Local also bundles Kotlin's standard library
			new Library("DynamoDB Local", "com/amazonaws/DynamoDBLocal/",
					"com.amazonaws.services.dynamodbv2.local.main.ServerRunner"),
			new Library("S3Proxy", "org/gaul/s3proxy/", "org.gaul.s3proxy.S3Proxy"));

	/** What a blocking application does have, and the tour needs. */
	private static final List<String> PRESENT = List.of("org.reactivestreams.Publisher",
			"org.springframework.modulith.events.core.EventPublicationRepository",
			"io.micrometer.observation.ObservationRegistry", "io.micrometer.common.KeyValues",
			"software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
			"software.amazon.awssdk.services.s3.S3Client", "dev.singletable.core.SingleTableTemplate",
			BlockingFeaturesTour.class.getName());

	@Test
	void everyBlockingFeatureRunsWithoutReactorNettyKclMicrometerCoreOrKotlin() throws Exception {
		List<String> classPath = blockingClassPath();
		assertLibrariesAbsent(classPath);

		String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		Process child = new ProcessBuilder(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
				"-cp", String.join(File.pathSeparator, classPath), BlockingFeaturesTour.class.getName(),
				DynamoDbLocal.endpoint().toString(), S3Local.endpoint().toString(), "blocking-tour-" + suffix,
				"blocking-tour-" + suffix)
			.redirectErrorStream(true)
			.start();
		Output output = new Output(child);
		boolean exited;
		try {
			exited = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		finally {
			if (child.isAlive()) {
				child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		String lines = output.await();

		String leaked = firstMissingClassLine(lines);
		if (leaked != null) {
			fail("A blocking feature links a class a blocking application does not have: %s%n"
					+ "--- output of the blocking JVM (exit %s) ---%n%s", leaked, exitOf(child, exited), lines);
		}
		if (!exited) {
			fail("The blocking JVM did not finish within %d s; its output:%n%s", CHILD_TIMEOUT_SECONDS, lines);
		}
		if (child.exitValue() != 0) {
			fail("The blocking JVM failed (exit %d); its output:%n%s", child.exitValue(), lines);
		}
		assertThat(lines).as("the tour's last line").contains(BlockingFeaturesTour.COMPLETED);
	}

	/**
	 * This JVM's class path without the libraries a blocking application does not have, found by their directory in
	 * the Maven repository; each of them must be there to be removed.
	 */
	private static List<String> blockingClassPath() {
		List<String> kept = new ArrayList<>();
		Map<Library, List<String>> removed = new LinkedHashMap<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			String path = Path.of(entry).toAbsolutePath().normalize().toString().replace(File.separatorChar, '/');
			Library library = ABSENT.stream().filter((candidate) -> candidate.holds(path)).findFirst().orElse(null);
			if (library != null) {
				removed.computeIfAbsent(library, (key) -> new ArrayList<>()).add(path);
			}
			else {
				kept.add(entry);
			}
		}
		assertThat(ABSENT).as("libraries found on the test class path (in the Maven repository layout) to remove")
			.allSatisfy((library) -> assertThat(removed).containsKey(library));
		return kept;
	}

	/**
	 * Checks, through a class loader over the child's class path alone, that a class of each removed library is
	 * missing and that what a blocking application needs is there.
	 */
	private static void assertLibrariesAbsent(List<String> classPath) throws IOException {
		URL[] urls = classPath.stream().map(BlockingClasspathIntegrationTests::url).toArray(URL[]::new);
		try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
			for (Library library : ABSENT) {
				assertThat(loadable(loader, library.probe()))
					.as("%s (%s) on the blocking class path", library.name(), library.probe())
					.isFalse();
			}
			for (String needed : PRESENT) {
				assertThat(loadable(loader, needed)).as("%s on the blocking class path", needed).isTrue();
			}
		}
	}

	private static boolean loadable(ClassLoader loader, String className) {
		try {
			Class.forName(className, false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** The first line of the output naming a class the JVM could not find, {@literal null} when there is none. */
	private static @Nullable String firstMissingClassLine(String output) {
		return output.lines()
			.filter((line) -> line.contains("NoClassDefFoundError") || line.contains("ClassNotFoundException"))
			.map(String::strip)
			.findFirst()
			.orElse(null);
	}

	private static String exitOf(Process process, boolean exited) {
		return exited ? Integer.toString(process.exitValue()) : "none: destroyed after " + CHILD_TIMEOUT_SECONDS + " s";
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static URL url(String entry) {
		try {
			return Path.of(entry).toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(entry, ex);
		}
	}

	/**
	 * A library a blocking application does not have.
	 * @param name what it is
	 * @param directory its directory in the Maven repository: its group's path (every artifact of the group and of
	 * the groups below it), or its group's and artifact's
	 * @param probe a class it holds
	 */
	private record Library(String name, String directory, String probe) {

		boolean holds(String path) {
			return path.contains("/" + this.directory);
		}

	}

	/** The child's output, echoed to this JVM's as it comes and kept. */
	private static final class Output {

		private final StringBuilder lines = new StringBuilder();

		private final Thread reader;

		Output(Process process) {
			this.reader = new Thread(() -> read(process), "blocking-tour-output");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		private void read(Process process) {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					System.out.println("[blocking-tour] " + line);
					synchronized (this.lines) {
						this.lines.append(line).append(System.lineSeparator());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		String await() throws InterruptedException {
			this.reader.join(TimeUnit.SECONDS.toMillis(10));
			synchronized (this.lines) {
				return this.lines.toString();
			}
		}

	}

}
