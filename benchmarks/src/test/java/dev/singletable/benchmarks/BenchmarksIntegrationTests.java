package dev.singletable.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.CompressionRow;
import dev.singletable.benchmarks.Results.LatencyFigure;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Results.Memory;
import dev.singletable.benchmarks.Results.Storage;
import dev.singletable.benchmarks.Sample.Spread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runs every benchmark once with tiny counts (a few seconds) on the in-process DynamoDB Local and checks that the
 * harness measures what it claims: every operation in every table, sane numbers, one request per versioned
 * create, update and read, the floor doing the same DynamoDB work as singletable, compression saving bytes.
 */
class BenchmarksIntegrationTests {

	private static Settings settings;

	private static Results results;

	private static String markdown;

	@BeforeAll
	static void runEveryBenchmarkOnce() {
		settings = Settings.smoke();
		results = new BenchmarkRun(settings, System.err).run();
		markdown = new Report(results).markdown();
	}

	@Test
	void reportHasEveryOperationInEveryTableAndEveryGoal() {
		for (Operation operation : Operation.values()) {
			String label = operation.label(settings.events());
			assertThat(markdown.split("\\| " + java.util.regex.Pattern.quote(label) + " \\|", -1))
				.as("rows of %s", label)
				.hasSizeGreaterThanOrEqualTo(1 + 1 + 3 + 1);
		}
		assertThat(markdown).contains("## Goals (issue 7)", "## 1. Throughput on DynamoDB Local",
				"## 2. Requests and capacity units per operation", "## 3. Stored bytes per article",
				"## 4. Client CPU without a server", "## 5. Heap while streaming", "## 6. Spring start-up",
				"## 7. Under a network round trip", "## 8. Compression level",
				ReactiveSection.HEADING + " and blocking at a 5 ms round trip (issue 26)", "## Machine and versions",
				Report.COMMAND);
		assertThat(new Report(results).goals()).hasSize(Operation.values().length + 5 + 3 + Operation.values().length + 2);
	}

	@Test
	void everyContenderHasPositiveThroughputAndCpuFiguresForEveryOperation() {
		for (Operation operation : Operation.values()) {
			for (Side side : Side.values()) {
				Spread throughput = results.throughput().get(operation).get(side);
				assertThat(throughput.median()).as("%s %s ops/s", operation, side).isPositive().isFinite();
				assertThat(throughput.count()).isEqualTo(settings.rounds());
				Cpu cpu = results.cpu().get(operation).get(side);
				assertThat(cpu.nanos().median()).as("%s %s ns/op", operation, side).isPositive().isFinite();
				assertThat(results.throughputRounds().get(operation).get(side)).hasSize(settings.rounds());
				assertThat(results.cpuRounds().get(operation).get(side)).hasSize(settings.cpuRounds());
			}
		}
		assertThat(results.notes()).as("remarks of the run").isEmpty();
	}

	@Test
	void theWritesAreMeasuredAgainWithColdCachesAndReportedUnderSectionFour() {
		for (Operation operation : Operation.values()) {
			if (!operation.isWrite()) {
				assertThat(results.coldCpu()).as("reads are not measured cold").doesNotContainKey(operation);
				continue;
			}
			for (Side side : Side.values()) {
				assertThat(results.coldCpu().get(operation).get(side).nanos().median()).as("%s %s cold", operation, side)
					.isPositive()
					.isFinite();
				assertThat(results.coldCpuRounds().get(operation).get(side)).hasSize(settings.cpuRounds());
			}
			// the flush leaves the requests as they were recorded (a note of the run would say otherwise)
			assertThat(results.coldCpu().get(operation).get(Side.SINGLETABLE).requests())
				.isEqualTo(results.cpu().get(operation).get(Side.SINGLETABLE).requests());
		}
		int section4 = markdown.indexOf("## 4. Client CPU without a server");
		int cold = markdown.indexOf("### With cold caches");
		assertThat(cold).isGreaterThan(section4);
		assertThat(markdown.indexOf("## 5. Heap while streaming")).isGreaterThan(cold);
	}

	@Test
	void ratiosArePairedRoundByRound() {
		Spread ratios = Spread.ofRatios(List.of(100.0, 50.0, 90.0), List.of(50.0, 50.0, 100.0));
		assertThat(ratios.median()).isEqualTo(1.0);
		assertThat(ratios.min()).isEqualTo(0.9);
		assertThat(ratios.max()).isEqualTo(2.0);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Spread.ofRatios(List.of(1.0), List.of()));
	}

	@Test
	void versionedCreateAndReadTakeOneRequestEachAndAnUpdateItsTransactionThenItsProbeAndPrune() {
		for (Operation operation : new Operation[] { Operation.CREATE, Operation.GET_LATEST }) {
			assertThat(results.accounting().get(operation).get(Side.SINGLETABLE).requests()).as("%s", operation)
				.isEqualTo(1.0);
		}
		// the transaction before the answer; the probe and the prune after it (issue 52)
		assertThat(results.accounting().get(Operation.UPDATE_VERSIONED).get(Side.SINGLETABLE).requests()).isEqualTo(3.0);
	}

	@Test
	void requestsBeforeTheAnswerAreThoseOfTheCallingThreadAlone() {
		// a versioned update: the transaction on the calling thread, the probe and the prune on singletable's
		// background threads and the floor's threads of its own (counting every thread would give 3, none 0)
		assertBeforeAnswer(Operation.UPDATE_VERSIONED, Side.SINGLETABLE, 1, 3);
		assertBeforeAnswer(Operation.UPDATE_VERSIONED, Side.FLOOR, 1, 3);
		assertBeforeAnswer(Operation.UPDATE_VERSIONED, Side.PEER, 1, 1);
		assertBeforeAnswer(Operation.CREATE, Side.SINGLETABLE, 1, 1);
		assertBeforeAnswer(Operation.GET_LATEST, Side.SINGLETABLE, 1, 1);
		// a blob write: the upload and the transaction before the answer; the prune, the Query and the
		// DeleteObjects after it
		for (Side side : List.of(Side.SINGLETABLE, Side.FLOOR)) {
			assertBeforeAnswer(Operation.UPDATE_BLOB, side, 1, 4);
			Accounting blob = results.accounting().get(Operation.UPDATE_BLOB).get(side);
			assertThat(blob.s3CallsBeforeAnswer()).as("%s S3 calls before the answer", side).isEqualTo(1.0);
			assertThat(blob.s3Calls()).as("%s S3 calls", side).isEqualTo(2.0);
			assertThat(blob.s3RequestsBeforeAnswer()).as("%s S3 attempts before the answer", side)
				.isGreaterThanOrEqualTo(1.0)
				.isLessThan(blob.s3Requests());
			assertBeforeAnswer(Operation.UPDATE_BLOB_UNCHANGED, side, 1, 3);
			assertThat(results.accounting().get(Operation.UPDATE_BLOB_UNCHANGED).get(side).s3RequestsBeforeAnswer())
				.as("%s S3 requests before the answer, attachment unchanged", side)
				.isZero();
		}
		for (Operation operation : Operation.values()) {
			for (Side side : Side.values()) {
				Accounting accounting = results.accounting().get(operation).get(side);
				assertThat(accounting.requestsBeforeAnswer()).as("%s %s", operation, side)
					.isPositive()
					.isLessThanOrEqualTo(accounting.requests());
				if (side == Side.PEER || !operation.isWrite()) {
					// the peer and the reads leave nothing for after the answer
					assertThat(accounting.requestsBeforeAnswer()).as("%s %s", operation, side)
						.isEqualTo(accounting.requests());
				}
			}
		}
		assertThat(markdown).contains("| Operation | Contender | requests/op | before the answer | S3 requests/op |")
			.contains("| " + Operation.UPDATE_VERSIONED.label(settings.events()) + " | singletable | 3 | 1 | 0 |")
			.contains("| " + Operation.UPDATE_VERSIONED.label(settings.events()) + " | peer (Enhanced Client) | 1 | 1 | 0 |")
			.contains("| " + Operation.UPDATE_BLOB_UNCHANGED.label(settings.events()) + " | singletable | 3 | 1 | 0 |");
	}

	@Test
	void theGoalOfOneRequestPerVersionedUpdateCountsTheRequestsBeforeTheAnswer() {
		Report.Goal update = new Report(results).goals()
			.stream()
			.filter((goal) -> goal.goal().equals("1 request per versioned update"))
			.findFirst()
			.orElseThrow();
		assertThat(update.figure()).isEqualTo("1 request before the answer, 3 in all");
		assertThat(update.met()).isTrue();
		assertThat(markdown).contains("| 1 request per versioned update | 1 request before the answer, 3 in all | met |",
				"| 1 request per versioned create | 1 request before the answer | met |");
	}

	private static void assertBeforeAnswer(Operation operation, Side side, double before, double all) {
		Accounting accounting = results.accounting().get(operation).get(side);
		assertThat(accounting.requestsBeforeAnswer()).as("%s %s requests before the answer", operation, side)
			.isEqualTo(before);
		assertThat(accounting.requests()).as("%s %s requests in all", operation, side).isEqualTo(all);
	}

	@Test
	void thePythonPatternSendsEveryRequestBeforeItsAnswerAndTheTableOfWritesShowsItBesideTheOthers() {
		// simplesingletable 16.5.0: read v0, the transaction, the history's keys, the prune, the read-back
		Map<Operation, Double> before = Map.of(Operation.CREATE, 2.0, Operation.UPDATE_VERSIONED, 5.0,
				Operation.UPDATE_AUDITED, 6.0, Operation.UPDATE_PLAIN, 1.0, Operation.UPDATE_BLOB, 5.0,
				Operation.UPDATE_BLOB_UNCHANGED, 5.0, Operation.TRANSACTION, 2.0);
		assertThat(results.python()).containsOnlyKeys(before.keySet());
		before.forEach((operation, requests) -> {
			Accounting python = results.python().get(operation);
			assertThat(python.requestsBeforeAnswer()).as("%s before the answer", operation).isEqualTo(requests);
			assertThat(python.requests()).as("%s in all", operation).isEqualTo(requests);
			assertThat(python.s3CallsBeforeAnswer()).as("%s S3", operation).isEqualTo(python.s3Calls());
			assertThat(python.unreported()).as("%s responses without capacity", operation).isZero();
		});
		// a changed attachment uploaded after the transaction, an unchanged one left out of the update
		assertThat(results.python().get(Operation.UPDATE_BLOB).s3CallsBeforeAnswer()).isEqualTo(1.0);
		assertThat(results.python().get(Operation.UPDATE_BLOB_UNCHANGED).s3Calls()).isZero();
		Accounting python = results.python().get(Operation.UPDATE_VERSIONED);
		Accounting ours = results.accounting().get(Operation.UPDATE_VERSIONED).get(Side.SINGLETABLE);
		assertThat(ours.requestsBeforeAnswer()).isEqualTo(1.0);
		assertThat(ours.requests() - ours.requestsBeforeAnswer()).isEqualTo(2.0);
		assertThat(ours.estimatedWriteUnits()).isPositive().isLessThanOrEqualTo(python.estimatedWriteUnits());
		Accounting blob = results.accounting().get(Operation.UPDATE_BLOB).get(Side.SINGLETABLE);
		assertThat(blob.requestsBeforeAnswer()).isEqualTo(1.0);
		assertThat(blob.s3CallsBeforeAnswer()).isEqualTo(1.0);
		assertThat(markdown).contains(WriteLimitsSection.HEADING,
				"| Write | singletable | floor (raw SDK) | Python 16.5.0's pattern | peer (Enhanced Client) |",
				"| versioned update | 1 / 2 / " + ReportFormat.units(ours.estimatedWriteUnits()) + " / ",
				" | 5 / 0 / " + ReportFormat.units(python.estimatedWriteUnits()) + " / — | ",
				"| blob write, attachment changed | 1 + 1 S3 / 3 + 1 S3 / ",
				" | 5 + 1 S3 / 0 / ");
		assertThat(markdown.indexOf(WriteLimitsSection.HEADING)).isBetween(
				markdown.indexOf("## 2. Requests and capacity units per operation"),
				markdown.indexOf("## 3. Stored bytes per article"));
	}

	@Test
	void aTransactionOfAVersionedAPlainAndACounterWriteIsOneRequestAndThePruneAfterItLikeTheFloors() {
		Map<Side, Accounting> figures = results.accounting().get(Operation.TRANSACTION);
		// the transaction, then after the answer the versioned update's probe and prune
		assertThat(figures.get(Side.SINGLETABLE).requests()).isEqualTo(3.0);
		assertThat(figures.get(Side.FLOOR).requests()).isEqualTo(3.0);
		assertThat(figures.get(Side.PEER).requests()).isEqualTo(1.0);
		assertThat(markdown).contains("≥ 0.95× the floor's throughput: " + Operation.TRANSACTION.label(settings.events()));
	}

	@Test
	void anAuditedVersionedUpdateIsAConsistentReadAndOneTransactionThenThePruneLikeTheFloors() {
		Map<Side, Accounting> figures = results.accounting().get(Operation.UPDATE_AUDITED);
		assertThat(figures.get(Side.SINGLETABLE).requests()).isEqualTo(4.0);
		assertThat(figures.get(Side.FLOOR).requests()).isEqualTo(4.0);
		assertThat(figures.get(Side.FLOOR).estimatedWriteUnits()).isEqualTo(figures.get(Side.SINGLETABLE).estimatedWriteUnits());
		assertThat(markdown).contains(Operation.UPDATE_AUDITED.label(settings.events()))
			.contains("the throughput of its unaudited versioned update in the same run (the cost of auditing)");
	}

	@Test
	void aBlobWriteSendsTheFloorsDynamoDbAndS3RequestsAndThePeerAnUploadAndAPutOnlyThePutWhenUnchanged() {
		// no read of the version updated (both wrote it), TransactWriteItems, then (after the answer) GetItem,
		// DeleteItem and Query; PutObject, then DeleteObjects (S3 calls: the in-process S3 may cut an upload off under
		// load, and the SDK's retry is another attempt)
		assertRequests(Operation.UPDATE_BLOB, Side.SINGLETABLE, 4, 2);
		assertRequests(Operation.UPDATE_BLOB, Side.FLOOR, 4, 2);
		assertRequests(Operation.UPDATE_BLOB, Side.PEER, 1, 1);
		// an unchanged attachment: the digest recorded in the item recognises it; no S3 request, no object to delete
		assertRequests(Operation.UPDATE_BLOB_UNCHANGED, Side.SINGLETABLE, 3, 0);
		assertRequests(Operation.UPDATE_BLOB_UNCHANGED, Side.FLOOR, 3, 0);
		assertRequests(Operation.UPDATE_BLOB_UNCHANGED, Side.PEER, 1, 0);
		for (Operation operation : Operation.values()) {
			if (operation != Operation.UPDATE_BLOB && operation != Operation.UPDATE_BLOB_UNCHANGED) {
				assertThat(results.accounting().get(operation).get(Side.SINGLETABLE).s3Requests()).as("%s", operation)
					.isZero();
			}
		}
		// the replayed runs sent what the recorded one did (else the run notes it), S3 requests included
		assertThat(results.cpu().get(Operation.UPDATE_BLOB).get(Side.SINGLETABLE).requests()).isEqualTo(6.0);
		assertThat(results.cpu().get(Operation.UPDATE_BLOB_UNCHANGED).get(Side.SINGLETABLE).requests()).isEqualTo(3.0);
		assertThat(markdown).contains("| " + Operation.UPDATE_BLOB.label(settings.events()) + " | singletable | 4 | 1 + ")
			.contains("4 DynamoDB + 2 S3 requests per write in all, 1 DynamoDB + 1 S3 before the answer", "checked by `BlobWriteRequestIntegrationTests`",
					"3 DynamoDB + 0 S3 requests per write", "the throughput of its write of a changed one");
	}

	private static void assertRequests(Operation operation, Side side, double dynamoDb, double s3) {
		Accounting accounting = results.accounting().get(operation).get(side);
		assertThat(accounting.requests()).as("%s %s requests", operation, side).isEqualTo(dynamoDb);
		assertThat(accounting.s3Calls()).as("%s %s S3 calls", operation, side).isEqualTo(s3);
		assertThat(accounting.s3Requests()).as("%s %s S3 attempts", operation, side).isGreaterThanOrEqualTo(s3);
	}

	@Test
	void floorDoesTheSameDynamoDbWorkAsSingletable() {
		for (Operation operation : Operation.values()) {
			Map<Side, Accounting> figures = results.accounting().get(operation);
			Accounting singletable = figures.get(Side.SINGLETABLE);
			Accounting floor = figures.get(Side.FLOOR);
			assertThat(floor.requests()).as("%s requests", operation).isEqualTo(singletable.requests());
			assertThat(floor.s3Calls()).as("%s S3 requests", operation).isEqualTo(singletable.s3Calls());
			assertThat(floor.estimatedWriteUnits()).as("%s WCU", operation).isEqualTo(singletable.estimatedWriteUnits());
			assertThat(floor.estimatedReadUnits()).as("%s RCU", operation).isEqualTo(singletable.estimatedReadUnits());
			if (operation.isWrite()) {
				assertThat(singletable.writeUnits() + singletable.estimatedWriteUnits()).as("%s WCU", operation).isPositive();
			}
			else {
				assertThat(singletable.readUnits() + singletable.estimatedReadUnits()).as("%s RCU", operation).isPositive();
			}
		}
		Storage storage = results.storage();
		assertThat(storage.floorCompressedLatest()).isCloseTo(storage.compressedLatest(), org.assertj.core.data.Percentage.withPercentage(2));
		assertThat(storage.floorPlain()).isCloseTo(storage.plain(), org.assertj.core.data.Percentage.withPercentage(2));
	}

	@Test
	void compressedItemsAreSmallerThanPlainOnes() {
		Storage storage = results.storage();
		assertThat(storage.json()).isBetween(8_000.0, 12_000.0);
		assertThat(storage.compressedLatest()).isPositive().isLessThan(storage.plain());
		assertThat(storage.compressedHistory()).isPositive().isLessThan(storage.plain());
	}

	@Test
	void streamingMeasuresTheHeapOfEveryContenderAndSingletableStreamsEveryItem() {
		assertThat(results.memory()).containsOnlyKeys(Side.values());
		Memory singletable = results.memory().get(Side.SINGLETABLE);
		// the smoke run's events fit one page, so the replayed stream is that page; the full run repeats pages
		assertThat(singletable.streamed()).isGreaterThanOrEqualTo(settings.events())
			.isEqualTo(results.memory().get(Side.FLOOR).streamed());
		assertThat(singletable.after1k()).isPositive();
		assertThat(singletable.end()).isPositive();
	}

	@Test
	void everyContenderPaysTheRoundTripOncePerRequestAndSingletableSendsTheFloorsRequests() {
		assertThat(results.latency()).containsOnlyKeys(settings.latency().delays());
		for (Duration delay : settings.latency().delays()) {
			Map<LatencyOperation, Map<Side, LatencyFigure>> rows = results.latency().get(delay);
			assertThat(rows).containsOnlyKeys(LatencyOperation.values());
			rows.forEach((operation, figures) -> {
				assertThat(figures).containsOnlyKeys(Side.values());
				assertThat(figures.get(Side.SINGLETABLE).requests()).as("%s requests at %s", operation, delay)
					.isPositive()
					.isEqualTo(figures.get(Side.FLOOR).requests());
				figures.forEach((side, figure) -> {
					assertThat(figure.rounds()).hasSize(settings.latency().rounds());
					// each request before the answer waited the whole round trip on the calling thread: all of
					// them but a versioned update's probe and prune (two per update, after its answer)
					double beforeAnswer = (operation == LatencyOperation.UPDATE_VERSIONED && side != Side.PEER)
							? figure.requests() - 2 : figure.requests();
					assertThat(figure.millis().min()).as("%s %s ms at %s", operation, side, delay)
						.isGreaterThanOrEqualTo(beforeAnswer * delay.toNanos() / 1e6);
				});
			});
		}
		assertThat(rows(LatencyOperation.BATCH_GET).get(Side.SINGLETABLE).requests())
			.as("a batch get of %s ids", settings.latency().batch())
			.isEqualTo(Math.ceil(settings.latency().batch() / 100.0));
		assertThat(markdown).contains("**Round trip 0 ms**", "**Round trip 5 ms**",
				"| delete a " + settings.latency().versions() + "-version history |");
	}

	private static Map<Side, LatencyFigure> rows(LatencyOperation operation) {
		return results.latency().get(Duration.ZERO).get(operation);
	}

	@Test
	void compressionTableHasEveryLevelOfEverySizeAndHigherLevelsStoreNoMore() {
		List<CompressionRow> rows = results.compression();
		assertThat(rows).hasSize(3 * (CompressionCost.LEVELS.length + 1));
		for (String size : List.of("~2 KB", "~10 KB", "~50 KB")) {
			Map<Integer, CompressionRow> byLevel = new java.util.HashMap<>();
			rows.stream().filter((row) -> row.size().equals(size)).forEach((row) -> byLevel.put(row.level(), row));
			assertThat(byLevel).containsOnlyKeys(1, 3, 6, 9, 0, -1);
			assertThat(byLevel.get(9).latestBytes()).as(size).isLessThanOrEqualTo(byLevel.get(1).latestBytes());
			assertThat(byLevel.get(1).latestBytes()).as(size).isLessThan(byLevel.get(0).latestBytes());
			assertThat(byLevel.get(1).writeUnits()).as(size).isLessThanOrEqualTo(byLevel.get(0).writeUnits());
			byLevel.values().forEach((row) -> {
				assertThat(row.nanos().median()).as("%s level %s", size, row.level()).isPositive();
				assertThat(row.writeUnits()).as("%s level %s WCU", size, row.level()).isPositive();
				assertThat(row.readUnits()).as("%s level %s RCU", size, row.level()).isPositive();
			});
		}
		assertThat(rows.get(0).json()).isBetween(1_500, 3_000);
		assertThat(markdown).contains("## 8. Compression level", "singletable gzip level 1 (default)");
	}

	@Test
	void startupMeasuresBareBootAndTheStarter() {
		assertThat(results.startup()).hasSize(3);
		assertThat(results.startup()).allSatisfy((startup) -> assertThat(startup.warm().median()).isPositive());
		assertThat(results.startup().get(2).variant()).contains("starter");
	}

	@Test
	void theReportHasTheBackfillSectionWithItsGoalsAndEveryRoundTrip() {
		assertThat(results.backfill()).isNotNull();
		assertThat(results.backfill().throughput()).containsOnlyKeys(settings.backfill().delays());
		assertThat(markdown).contains(BackfillSection.HEADING, "| 0 ms |", "| 5 ms |",
				"flat heap during a backfill", "the floor checkpoints every page too");
		assertThat(new BackfillSection(results.backfill()).goals()).hasSize(settings.backfill().delays().size() + 1);
	}

	@Test
	void reportIsWrittenToTheGivenFile(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("docs/BENCHMARKS.md");
		new Report(results).write(file);
		assertThat(Files.readString(file)).isEqualTo(markdown);
	}

}
