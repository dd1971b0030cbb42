package dev.singletable.benchmarks;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.model.VersionedArticle;

import static dev.singletable.benchmarks.ReportFormat.micros;
import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.units;

/**
 * The table of issue 52 (item 4): per write, what each contender asks before its answer and after it, what it
 * costs in write units and in client CPU: singletable, the floor, the Python library's request pattern and the
 * Enhanced Client, from the figures of sections 2 and 4 and of {@link PythonPatternRun}.
 */
final class WriteLimitsSection {

	/** The heading, a subsection of section 2. */
	static final String HEADING = "### 2.1 Writes at the limit of the design (issue 52)";

	/** The writes of the table, in its order, with their labels. */
	private static final List<Map.Entry<Operation, String>> WRITES = List.of(Map.entry(Operation.CREATE, "create"),
			Map.entry(Operation.UPDATE_VERSIONED, "versioned update"),
			Map.entry(Operation.UPDATE_AUDITED, "audited versioned update"),
			Map.entry(Operation.UPDATE_PLAIN, "plain update"),
			Map.entry(Operation.UPDATE_BLOB, "blob write, attachment changed"),
			Map.entry(Operation.UPDATE_BLOB_UNCHANGED, "blob write, attachment unchanged"),
			Map.entry(Operation.TRANSACTION, "transaction: versioned + plain + counter"));

	private final Results results;

	/**
	 * Creates the section of a run.
	 * @param results the figures measured
	 */
	WriteLimitsSection(Results results) {
		this.results = results;
	}

	/**
	 * Writes the section, when the run counted requests.
	 * @param out the report
	 */
	void render(StringBuilder out) {
		if (this.results.accounting().isEmpty()) {
			return;
		}
		out.append(HEADING).append("\n\n");
		out.append("Each cell: requests **before the answer** (DynamoDB, + S3) / requests **after it** / **WCU est.** "
				+ "per write / **client CPU** µs per write. Requests, before and after, are section 2's counts: before "
				+ "the answer those sent on the calling thread (`CallerRequestCounter`), after it the rest, sent by the "
				+ "work a write leaves behind and counted with it; S3 requests are calls (the SDK's retries left out). "
				+ "WCU est. is section 2's estimate by the published pricing rules (base table). Client CPU is section "
				+ "4's median against replayed responses; the Python library runs in another language, so it has none "
				+ "here (—). **Python 16.5.0's pattern**: the requests `simplesingletable` 16.5.0 sends for each write, "
				+ "read from its code (`dynamodb_memory.py`: `create_new`, `update_existing`, `_create_audit_log`; "
				+ "`models.py`: `enforce_version_limit`; `blob_storage.py`: `put_blob`; `transactions.py`: "
				+ "`TransactionContext.commit`), sent by the harness with the raw SDK (`python.PythonWrites`) on items "
				+ "in singletable's layout (the same compressed `data`), on DynamoDB Local and the same in-process S3, "
				+ "counted by the same counters and meter as the others. The library prunes and reads the version back "
				+ "before it returns, so all its requests are before its answer. Where its write is not the same "
				+ "write: its audit row is a `PutItem` after the update, not in its transaction; its plain update is an "
				+ "unconditional `PutItem` (no optimistic lock); its prunes leave the pruned versions' objects in S3; "
				+ "an unchanged attachment is left out of its update (it compares no digest); its transaction reads "
				+ "`v0` first and prunes nothing (`max_versions` is not enforced there); its create counts nothing "
				+ "(with `track_stats`, its default, two more requests). The Enhanced Client keeps no history and no "
				+ "audit log: its column is its versioned put (see section 1), not like for like. `maxVersions = ")
			.append(VersionedArticle.MAX_VERSIONS).append("`, every versioned update prunes one version.\n\n");
		out.append("| Write | singletable | floor (raw SDK) | Python 16.5.0's pattern | peer (Enhanced Client) |\n");
		out.append("|---|---:|---:|---:|---:|\n");
		for (Map.Entry<Operation, String> write : WRITES) {
			Operation operation = write.getKey();
			Map<Side, Accounting> figures = this.results.accounting().get(operation);
			Map<Side, Cpu> cpu = this.results.cpu().get(operation);
			out.append("| ").append(write.getValue());
			for (Side side : List.of(Side.SINGLETABLE, Side.FLOOR)) {
				out.append(" | ").append(cell(figure(figures, side), cpu(cpu, side)));
			}
			out.append(" | ").append(cell(this.results.python().get(operation), "—"));
			out.append(" | ").append(cell(figure(figures, Side.PEER), cpu(cpu, Side.PEER))).append(" |\n");
		}
		out.append('\n');
	}

	/**
	 * One cell: before the answer / after it / WCU est. / client CPU.
	 */
	static String cell(@Nullable Accounting accounting, String cpu) {
		if (accounting == null) {
			return "not measured";
		}
		return before(accounting) + " / " + after(accounting) + " / " + units(accounting.estimatedWriteUnits()) + " / "
				+ cpu;
	}

	/** The requests before the answer: DynamoDB's, then the S3 calls when the write sends any. */
	static String before(Accounting accounting) {
		return requests(accounting.requestsBeforeAnswer(), accounting.s3CallsBeforeAnswer(), accounting);
	}

	/** The requests after the answer: DynamoDB's, then the S3 calls when the write sends any. */
	static String after(Accounting accounting) {
		return requests(accounting.requests() - accounting.requestsBeforeAnswer(),
				accounting.s3Calls() - accounting.s3CallsBeforeAnswer(), accounting);
	}

	private static String requests(double dynamoDb, double s3, Accounting accounting) {
		return (accounting.s3Calls() == 0 || dynamoDb + s3 == 0) ? number(dynamoDb)
				: number(dynamoDb) + " + " + number(s3) + " S3";
	}

	private static @Nullable Accounting figure(@Nullable Map<Side, Accounting> figures, Side side) {
		return (figures != null) ? figures.get(side) : null;
	}

	private static String cpu(@Nullable Map<Side, Cpu> figures, Side side) {
		Cpu cpu = (figures != null) ? figures.get(side) : null;
		return (cpu != null) ? micros(cpu.nanos().median()) : "—";
	}

}
