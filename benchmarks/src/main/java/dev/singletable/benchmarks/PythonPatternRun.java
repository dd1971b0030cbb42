package dev.singletable.benchmarks;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.python.PythonWrites;
import dev.singletable.core.schema.SingleTableSchema;

/**
 * Counts the requests and capacity units of each write as the Python library sends it ({@link PythonWrites}), on
 * DynamoDB Local and the in-process S3 through a contender's clients ({@link SdkWiring}): the same counters and
 * meter as the other contenders', the same number of operations per write. The library answers after its prune and
 * its read-back, on the calling thread, so every request counted is one before the answer.
 */
final class PythonPatternRun {

	/** The table of the Python pattern: its items are not the other contenders' to read or stream. */
	static final String TABLE = "benchmarks-python";

	private final Settings settings;

	private final Fixture fixture;

	private final Consumer<String> step;

	/**
	 * Creates the step.
	 * @param settings how many operations to count per write
	 * @param fixture the documents and the size of the pools
	 * @param step where to report progress
	 */
	PythonPatternRun(Settings settings, Fixture fixture, Consumer<String> step) {
		this.settings = settings;
		this.fixture = fixture;
		this.step = step;
	}

	/**
	 * Sets up the pools on a table of their own, then counts every write.
	 * @return the figures per write operation
	 */
	Map<Operation, Accounting> run() {
		this.step.accept("requests and capacity per write of the Python library's request pattern: set-up, "
				+ this.fixture.pool() + " articles per pool at " + VersionedArticle.MAX_VERSIONS + " versions");
		Map<Operation, Accounting> figures = new EnumMap<>(Operation.class);
		try (SdkWiring wiring = SdkWiring.create()) {
			SingleTableSchema.standard(TABLE).createIfMissing(wiring.client());
			PythonWrites writes = new PythonWrites(wiring.client(), TABLE, wiring.s3());
			writes.setUp(this.fixture);
			int count = this.settings.accountingOperations();
			for (Operation operation : Operation.values()) {
				if (!operation.isWrite()) {
					continue;
				}
				writes.rewind();
				wiring.resetRequests();
				wiring.countCallerOf(Thread.currentThread());
				wiring.capacity().enable();
				try {
					for (int i = 0; i < count; i++) {
						writes.run(operation);
					}
				}
				finally {
					wiring.countCallerOf(null);
				}
				figures.put(operation, Accounting.of(wiring, wiring.capacity().disable(), count));
			}
		}
		return figures;
	}

}
