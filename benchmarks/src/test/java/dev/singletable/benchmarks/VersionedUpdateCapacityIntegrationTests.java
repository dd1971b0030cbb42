package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.python.PythonPattern;
import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.core.StoredItemSizes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write capacity of one versioned update at {@code maxVersions} (issue 52): the template's own requests, and
 * the request pattern of the Python library's {@code update_existing} replayed item for item on a second table
 * (same items, same history): {@code GetItem v0} (eventual), the transaction of the two puts ({@code vN+1} with
 * {@code attribute_not_exists}, {@code v0} with {@code #version = :version}), {@code enforce_version_limit}'s
 * key-projected {@code Query} of the history (eventual) and its {@code batch_writer} deletes of the versions past
 * the limit, then {@code GetItem vN+1} (strong), sent by the harness's {@link PythonPattern}. Capacity by DynamoDB Local's {@code ReturnConsumedCapacity=TOTAL}
 * (forced on every request by {@link CapacityMeter}) and by the pricing rules, item by item: 1 WCU per started KB,
 * doubled in a transaction; a delete costs the deleted item's size; a condition check of an absent item 1 unit.
 * The figures are printed for docs/BENCHMARKS.md.
 */
class VersionedUpdateCapacityIntegrationTests {

	private static final int ARTICLES = 10;

	private static final int UPDATES = 50;

	@Test
	void aVersionedUpdateAtMaxVersionsCostsWhatThePythonLibrarysUpdateCosts() {
		Recorder recorder = new Recorder();
		try (SdkWiring ours = SdkWiring.create(recorder); SdkWiring python = SdkWiring.create()) {
			SingleTableSchema.standard("wcu-singletable").createIfMissing(ours.client());
			SingleTableSchema.standard("wcu-python").createIfMissing(python.client());
			SingleTableTemplate template = new SingleTableTemplate(ours.client(), "wcu-singletable");
			PythonPattern replay = new PythonPattern(python.client(), "wcu-python", VersionedArticle.MAX_VERSIONS);

			List<VersionedArticle> articles = new ArrayList<>();
			for (int i = 0; i < ARTICLES; i++) {
				VersionedArticle article = template.create(VersionedArticle.of(Documents.article(i)));
				create(replay, recorder.take());
				// past the window, so that every measured update prunes and probes
				for (int v = 0; v < VersionedArticle.MAX_VERSIONS + 1; v++) {
					article = template.update(article.withTitle("warm-up " + v));
					awaitBackground();
					update(replay, recorder.take());
				}
				articles.add(article);
			}

			Shares shares = new Shares();
			recorder.deletes.clear();
			recorder.probes.clear();
			recorder.callerRequests = 0;
			replay.resetUnits();
			ours.requests().reset();
			ours.capacity().enable();
			python.requests().reset();
			python.capacity().enable();
			for (int i = 0; i < UPDATES; i++) {
				int index = i % ARTICLES;
				articles.set(index, template.update(articles.get(index).withTitle("Revision " + i)));
				awaitBackground();
				TransactWriteItemsRequest sent = recorder.take();
				shares.add(sent, replay);
				shares.addPrunes(recorder, replay);
				update(replay, sent);
			}
			CapacityMeter.Totals ourTotals = ours.capacity().disable();
			CapacityMeter.Totals pythonTotals = python.capacity().disable();
			assertThat(ourTotals.unreported()).isZero();
			assertThat(pythonTotals.unreported()).isZero();

			double ourRequests = (double) ours.requests().total() / UPDATES;
			double pythonRequests = (double) python.requests().total() / UPDATES;
			System.err.printf("versioned update at maxVersions %d, %d updates of %d articles (~10 KB article):%n",
					VersionedArticle.MAX_VERSIONS, UPDATES, ARTICLES);
			System.err.printf("  singletable, by pricing rules: put vN+1 %.2f + put v0 %.2f + delete vK %.2f (%s)"
					+ " + probe %.2f = %.2f WCU/op, %.2f RCU/op%n", shares.newVersion / UPDATES, shares.latest / UPDATES,
					shares.pruned / UPDATES, shares.prunedInTransaction ? "in the transaction" : "after the answer",
					shares.probe / UPDATES, shares.total() / UPDATES, shares.probeReads / UPDATES);
			System.err.printf("  singletable, DynamoDB Local: %.2f WCU/op, %.2f RCU/op, %.2f requests/op"
					+ " (%.2f before the answer)%n", ourTotals.reportedWrite() / UPDATES,
					ourTotals.reportedRead() / UPDATES, ourRequests, (double) shares.requestsBefore / UPDATES);
			System.err.printf("  Python pattern, by pricing rules: transaction %.2f + deletes %.2f = %.2f WCU/op,"
					+ " %.2f RCU/op%n", replay.transactionUnits() / UPDATES, replay.deleteUnits() / UPDATES,
					(replay.transactionUnits() + replay.deleteUnits()) / UPDATES, replay.readUnits() / UPDATES);
			System.err.printf("  Python pattern, DynamoDB Local: transaction %.2f + deletes %.2f = %.2f WCU/op, %.2f RCU/op,"
					+ " %.2f requests/op%n", replay.localTransactionUnits() / UPDATES, replay.localDeleteUnits() / UPDATES,
					pythonTotals.reportedWrite() / UPDATES, pythonTotals.reportedRead() / UPDATES, pythonRequests);

			// the same two puts in one transaction, the same delete outside it, a read for the probe: Python's WCU,
			// one request before the answer as before the cut
			assertThat(replay.transactionUnits()).isEqualTo(shares.newVersion + shares.latest);
			assertThat(shares.prunedInTransaction).isFalse();
			assertThat(shares.probe).isZero();
			assertThat(shares.pruned).isEqualTo(replay.deleteUnits());
			assertThat(shares.total()).isEqualTo(replay.transactionUnits() + replay.deleteUnits());
			assertThat(ourTotals.reportedWrite()).isLessThanOrEqualTo(pythonTotals.reportedWrite());
			assertThat(shares.requestsBefore).isEqualTo(UPDATES);
			assertThat(ourRequests).isEqualTo(3.0);
			assertThat(pythonRequests).isEqualTo(5.0);
		}
	}

	/**
	 * Records each {@code TransactWriteItems} the template sends, and the {@code DeleteItem}s and {@code GetItem}s of
	 * its prunes after the answer.
	 */
	private static final class Recorder implements ExecutionInterceptor {

		private final List<TransactWriteItemsRequest> sent = new ArrayList<>();

		final List<DeleteItemRequest> deletes = new ArrayList<>();

		final List<GetItemRequest> probes = new ArrayList<>();

		/** Requests sent on the caller's thread (the blocking client runs interceptors there): before the answer. */
		int callerRequests;

		@Override
		public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
			synchronized (this.sent) {
				if (!Thread.currentThread().getName().startsWith("singletable-background")) {
					this.callerRequests++;
				}
				if (context.request() instanceof TransactWriteItemsRequest transaction) {
					this.sent.add(transaction);
				}
				else if (context.request() instanceof DeleteItemRequest delete) {
					this.deletes.add(delete);
				}
				else if (context.request() instanceof GetItemRequest get) {
					this.probes.add(get);
				}
			}
			return context.request();
		}

		TransactWriteItemsRequest take() {
			synchronized (this.sent) {
				assertThat(this.sent).hasSize(1);
				return this.sent.remove(0);
			}
		}

	}

	/** The template's transaction of one update, item by item, by the pricing rules. */
	private static final class Shares {

		double newVersion;

		double latest;

		double pruned;

		double probe;

		double probeReads;

		boolean prunedInTransaction;

		int requestsBefore;

		/** The prunes after the answer: a {@code DeleteItem} at the plain price, the probe a {@code GetItem}. */
		void addPrunes(Recorder recorder, PythonPattern sizes) {
			synchronized (recorder.sent) {
				for (DeleteItemRequest delete : recorder.deletes) {
					this.pruned += writeUnits(sizes.storedSize(delete.key().get("pk").s(), delete.key().get("sk").s()));
				}
				for (GetItemRequest probe : recorder.probes) {
					// a key-only read of an absent item: the minimum read unit
					assertThat(probe.consistentRead()).isNotEqualTo(Boolean.TRUE);
					this.probeReads += 0.5;
				}
				this.requestsBefore += recorder.callerRequests;
				recorder.deletes.clear();
				recorder.probes.clear();
				recorder.callerRequests = 0;
			}
		}

		void add(TransactWriteItemsRequest sent, PythonPattern sizes) {
			for (TransactWriteItem item : sent.transactItems()) {
				if (item.put() != null) {
					double units = 2 * writeUnits(StoredItemSizes.of(item.put().item()));
					if ("v0".equals(item.put().item().get("sk").s())) {
						this.latest += units;
					}
					else {
						this.newVersion += units;
					}
				}
				else if (item.delete() != null) {
					Map<String, AttributeValue> key = item.delete().key();
					this.pruned += 2 * writeUnits(sizes.storedSize(key.get("pk").s(), key.get("sk").s()));
					this.prunedInTransaction = true;
				}
				else if (item.conditionCheck() != null) {
					this.probe += 2;
				}
			}
		}

		double total() {
			return this.newVersion + this.latest + this.pruned + this.probe;
		}

	}

	/** The two items a transaction of the template puts: the new version, then {@code v0}. */
	private static List<Map<String, AttributeValue>> items(TransactWriteItemsRequest sent) {
		List<Put> puts = sent.transactItems().stream().map(TransactWriteItem::put).filter((put) -> put != null).toList();
		assertThat(puts).hasSize(2);
		Map<String, AttributeValue> latest = puts.stream()
			.map(Put::item)
			.filter((item) -> "v0".equals(item.get("sk").s()))
			.findFirst()
			.orElseThrow();
		Map<String, AttributeValue> written = puts.stream()
			.map(Put::item)
			.filter((item) -> item != latest)
			.findFirst()
			.orElseThrow();
		return List.of(written, latest);
	}

	private static void create(PythonPattern replay, TransactWriteItemsRequest sent) {
		List<Map<String, AttributeValue>> items = items(sent);
		replay.create(items.get(0), items.get(1));
	}

	private static void update(PythonPattern replay, TransactWriteItemsRequest sent) {
		List<Map<String, AttributeValue>> items = items(sent);
		replay.update(items.get(0), items.get(1));
	}

	private static void awaitBackground() {
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(10))).isTrue();
	}

	private static double writeUnits(long bytes) {
		return Math.max(1, Math.ceil(bytes / 1024.0));
	}

}
