package dev.singletable.core.crosslang;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.singletable.test.DynamoDbLocal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real Python {@code simplesingletable} 16.5.0, driven through {@code crosslang/driver.py} (a test resource) in
 * one long-lived {@code python3} process per test class, against the JVM's {@link DynamoDbLocal} on its loopback
 * port. Register it in a static field; before the class runs it creates the table with
 * {@code simplesingletable.utils.create_standard_dynamodb_table}, as a Python user would:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static PythonLibrary python = new PythonLibrary("crosslang");
 * </pre>
 *
 * Where the library lives: the system property {@value #VENDOR_PROPERTY}, else the environment variable
 * {@value #VENDOR_VARIABLE}, else the first {@code shared/vendor} beside the repository or one of its parents
 * (CI clones the repository next to {@code shared/}). It is the directory holding
 * {@code simplesingletable-16.5.0/src} and {@code pyshim} (the {@code ulid-py} stand-in). The interpreter is
 * {@value #PYTHON_PROPERTY} / {@value #PYTHON_VARIABLE}, else {@code python3}. When the source, the interpreter,
 * {@code boto3} or {@code pydantic} 2 is missing, every test of the class is skipped with a one-line reason.
 * {@code humanize} is used when installed, else a stand-in of the two functions the library imports.
 */
final class PythonLibrary implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	static final String VENDOR_PROPERTY = "singletable.python.vendor";

	static final String VENDOR_VARIABLE = "SINGLETABLE_PY_VENDOR";

	static final String PYTHON_PROPERTY = "singletable.python";

	static final String PYTHON_VARIABLE = "SINGLETABLE_PYTHON";

	private static final String LIBRARY = "simplesingletable-16.5.0";

	private static final long ANSWER_TIMEOUT_SECONDS = 120;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String tableName;

	private @Nullable Process process;

	private @Nullable BufferedWriter commands;

	private @Nullable BufferedReader answers;

	private @Nullable ExecutorService reader;

	private @Nullable Path stderr;

	private @Nullable String skipReason;

	PythonLibrary(String tableName) {
		this.tableName = tableName;
	}

	String tableName() {
		return this.tableName;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.skipReason = start();
		if (this.skipReason != null) {
			System.err.println("[crosslang] " + context.getDisplayName() + " skipped: " + this.skipReason);
		}
	}

	/**
	 * Skips each test, with the reason, when the Python side cannot run, so that reports count them as skipped.
	 * @param context the JUnit context
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		String reason = this.skipReason;
		assumeTrue(reason == null, reason);
	}

	/** Starts the driver and creates the table; returns why the Python side cannot run, or null. */
	private @Nullable String start() throws IOException {
		Path vendor = vendorDirectory();
		if (vendor == null || !Files.isRegularFile(vendor.resolve(LIBRARY + "/src/simplesingletable/__init__.py"))) {
			return "Python simplesingletable source not found at " + vendor + " (set -D" + VENDOR_PROPERTY + " or "
					+ VENDOR_VARIABLE + " to the directory holding " + LIBRARY + "/ and pyshim/)";
		}
		String python = setting(PYTHON_PROPERTY, PYTHON_VARIABLE, "python3");
		Path driver = driverScript();
		this.stderr = Files.createTempFile("crosslang-python-", ".log");
		ProcessBuilder builder = new ProcessBuilder(python, "-u", driver.toString(),
				DynamoDbLocal.endpoint().toString(), this.tableName)
			.redirectError(this.stderr.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("PYTHONPATH", vendor.resolve(LIBRARY + "/src") + File.pathSeparator + vendor.resolve("pyshim"));
		// keep the shared vendor directory free of __pycache__ directories
		environment.put("PYTHONDONTWRITEBYTECODE", "1");
		environment.put("PYTHONIOENCODING", "utf-8");
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			close();
			return "no Python interpreter '" + python + "' (" + ex.getMessage() + "; set -D" + PYTHON_PROPERTY + " or "
					+ PYTHON_VARIABLE + ")";
		}
		this.commands = new BufferedWriter(new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8));
		this.answers = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		this.reader = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "crosslang-python-reader");
			thread.setDaemon(true);
			return thread;
		});
		JsonNode ready = readAnswer();
		if (!ready.path("ready").asBoolean(false)) {
			String reason = ready.path("reason").asString("");
			close();
			return "Python simplesingletable cannot run: " + reason;
		}
		call("create_table", Map.of());
		return null;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void close() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			try {
				running.getOutputStream().close();
				if (!running.waitFor(10, TimeUnit.SECONDS)) {
					running.destroyForcibly();
				}
			}
			catch (IOException ex) {
				running.destroyForcibly();
			}
			catch (InterruptedException ex) {
				running.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		if (this.reader != null) {
			this.reader.shutdownNow();
			this.reader = null;
		}
		if (this.stderr != null) {
			try {
				Files.deleteIfExists(this.stderr);
			}
			catch (IOException ex) {
				// a temporary file; the OS cleans it up
			}
			this.stderr = null;
		}
	}

	// ---- commands -------------------------------------------------------------------------------------

	/**
	 * Creates a resource with {@code memory.create_new}.
	 * @param type the Python class name
	 * @param data the field values (JSON-compatible; pydantic validates them)
	 * @return the created resource
	 */
	PythonResource create(String type, Map<String, ?> data) {
		return resource(call("create", Map.of("type", type, "data", data)));
	}

	/** Creates a resource with {@code create_new(..., override_id=id)}. */
	PythonResource createWithId(String type, String id, Map<String, ?> data) {
		return resource(call("create", Map.of("type", type, "data", data, "id", id)));
	}

	/** Reads the latest version (or the plain item) with a consistent {@code get_existing}, or {@literal null}. */
	@Nullable PythonResource get(String type, String id) {
		return nullableResource(call("get", Map.of("type", type, "id", id)));
	}

	/** Reads one version with {@code get_existing(id, cls, version=n)}, or {@literal null}. */
	@Nullable PythonResource getVersion(String type, String id, long version) {
		return nullableResource(call("get", Map.of("type", type, "id", id, "version", version)));
	}

	/** Reads the latest state and keeps the Python object under a name, for a later {@link #updateHeld}. */
	PythonResource hold(String type, String id, String name) {
		return resource(call("get", Map.of("type", type, "id", id, "hold", name)));
	}

	/** Updates the latest state with {@code memory.update_existing(read_existing(id), data)}. */
	PythonResource update(String type, String id, Map<String, ?> data) {
		return resource(call("update", Map.of("type", type, "id", id, "data", data)));
	}

	/** Updates the latest state, clearing fields with {@code clear_fields}. */
	PythonResource updateClearing(String type, String id, Map<String, ?> data, List<String> clear) {
		return resource(call("update", Map.of("type", type, "id", id, "data", data, "clear", clear)));
	}

	/** Updates the Python object kept by {@link #hold}, as it was when read. */
	PythonResource updateHeld(String type, String name, Map<String, ?> data) {
		return resource(call("update", Map.of("type", type, "held", name, "data", data)));
	}

	/** Every version, newest first ({@code get_all_versions}). */
	List<PythonResource> versions(String type, String id) {
		return resources(call("versions", Map.of("type", type, "id", id)));
	}

	/** The type listing {@code list_type_by_updated_at}, newest first. */
	List<PythonResource> listByUpdatedAt(String type) {
		return resources(call("list", Map.of("type", type)));
	}

	/** {@code paginated_dynamodb_query} on an index partition, ascending. */
	List<PythonResource> query(String type, String index, String partitionAttribute, String partition) {
		return resources(call("query", Map.of("type", type, "index", index, "partition_attribute", partitionAttribute,
				"partition", partition)));
	}

	/** {@code paginated_dynamodb_query} on an index partition and a sort key range, ascending. */
	List<PythonResource> query(String type, String index, String partitionAttribute, String partition,
			String sortAttribute, String low, String high) {
		return resources(call("query", Map.of("type", type, "index", index, "partition_attribute", partitionAttribute,
				"partition", partition, "sort_attribute", sortAttribute, "sort_between", List.of(low, high))));
	}

	/** {@code memory.delete_existing(read_existing(id))}: a plain item, or a version and {@code v0}. */
	void delete(String type, String id) {
		call("delete", Map.of("type", type, "id", id));
	}

	/** {@code memory.delete_all_versions(id, cls)}. */
	void deleteAllVersions(String type, String id) {
		call("delete_all_versions", Map.of("type", type, "id", id));
	}

	/** One {@code memory.transaction()} with one {@code txn.update} per entry: versions the library never prunes. */
	PythonResource transactionUpdates(String type, String id, List<Map<String, ?>> updates) {
		return resource(call("transaction_updates", Map.of("type", type, "id", id, "updates", updates)));
	}

	/** The stored item as boto3's Table resource returns it (binary as base64, numbers as strings), or null. */
	JsonNode raw(String pk, String sk) {
		return call("raw", Map.of("pk", pk, "sk", sk));
	}

	/**
	 * Sends one command and returns its result.
	 * @param op the operation
	 * @param arguments its arguments
	 * @return the result
	 * @throws PythonException when the library raised
	 */
	JsonNode call(String op, Map<String, ?> arguments) {
		if (this.process == null || this.commands == null) {
			throw new IllegalStateException("The Python driver is not running");
		}
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("op", op);
		command.putAll(arguments);
		try {
			this.commands.write(JSON.writeValueAsString(command));
			this.commands.newLine();
			this.commands.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The Python driver stopped: " + stderrTail(), ex);
		}
		JsonNode answer = readAnswer();
		if (!answer.path("ok").asBoolean(false)) {
			throw new PythonException(op, answer.path("error").asString(""), answer.path("message").asString(""));
		}
		return answer.get("result");
	}

	private JsonNode readAnswer() {
		BufferedReader in = this.answers;
		ExecutorService executor = this.reader;
		if (in == null || executor == null) {
			throw new IllegalStateException("The Python driver is not running");
		}
		Future<String> line = executor.submit(in::readLine);
		try {
			String text = line.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (text == null) {
				throw new IllegalStateException("The Python driver exited: " + stderrTail());
			}
			return JSON.readTree(text);
		}
		catch (TimeoutException ex) {
			line.cancel(true);
			throw new IllegalStateException("The Python driver gave no answer in " + ANSWER_TIMEOUT_SECONDS + " s: "
					+ stderrTail(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the Python driver", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Cannot read from the Python driver: " + stderrTail(), ex.getCause());
		}
	}

	private String stderrTail() {
		Path log = this.stderr;
		if (log == null) {
			return "(no output)";
		}
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(stderr unreadable: " + ex.getMessage() + ")";
		}
	}

	private static PythonResource resource(JsonNode node) {
		PythonResource resource = nullableResource(node);
		if (resource == null) {
			throw new IllegalStateException("Python returned no resource");
		}
		return resource;
	}

	private static @Nullable PythonResource nullableResource(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? null : new PythonResource((ObjectNode) node);
	}

	private static List<PythonResource> resources(JsonNode node) {
		List<PythonResource> list = new ArrayList<>();
		for (JsonNode element : node.values()) {
			list.add(resource(element));
		}
		return list;
	}

	// ---- locations -------------------------------------------------------------------------------------

	static @Nullable Path vendorDirectory() {
		String configured = setting(VENDOR_PROPERTY, VENDOR_VARIABLE, null);
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("shared/vendor");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static @Nullable String setting(String property, String variable, @Nullable String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private static Path driverScript() {
		URL url = PythonLibrary.class.getResource("/crosslang/driver.py");
		if (url == null) {
			throw new IllegalStateException("No crosslang/driver.py on the test class path");
		}
		if (!"file".equals(url.getProtocol())) {
			return copiedDriverScript(url);
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException | java.nio.file.FileSystemNotFoundException ex) {
			throw new UncheckedIOException(new IOException("crosslang/driver.py is not a file: " + url, ex));
		}
	}

	/** The driver and its fallback module copied out of the test-jar another module runs them from. */
	private static Path copiedDriverScript(URL url) {
		try {
			Path directory = Files.createTempDirectory("crosslang-driver-");
			Files.createDirectories(directory.resolve("fallback"));
			for (String name : List.of("driver.py", "fallback/humanize.py")) {
				try (java.io.InputStream in = PythonLibrary.class.getResourceAsStream("/crosslang/" + name)) {
					if (in == null) {
						throw new IOException("No crosslang/" + name + " beside " + url);
					}
					Files.copy(in, directory.resolve(name));
				}
			}
			return directory.resolve("driver.py");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An exception the Python library raised for a command.
	 */
	static final class PythonException extends RuntimeException {

		private final String pythonType;

		PythonException(String op, String pythonType, String message) {
			super("Python " + op + " raised " + pythonType + ": " + message);
			this.pythonType = pythonType;
		}

		String pythonType() {
			return this.pythonType;
		}

	}

}
