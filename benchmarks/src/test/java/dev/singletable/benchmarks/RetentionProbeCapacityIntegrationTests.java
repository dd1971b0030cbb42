package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the retention probe (the read that keeps version retention exact by finding a history longer than
 * the window) costs a versioned update in the steady state: since issue 52 it runs after the answer with the prune,
 * an eventually consistent {@code GetItem} of one key, projected to the partition key, so the transaction before the
 * answer carries no condition check and the probe costs half a read unit and no write capacity. Requests are
 * counted with the {@code RequestCounter}, capacity with DynamoDB Local's {@code ReturnConsumedCapacity} and with
 * the pricing-rule estimate of {@link CapacityMeter}; the figures are printed for docs/BENCHMARKS.md.
 */
class RetentionProbeCapacityIntegrationTests {

	private static final int ARTICLES = 10;

	private static final int UPDATES = 50;

	@Test
	void theProbeIsAReadAfterTheAnswerOfHalfAReadUnitAndNoWriteCapacity() {
		try (SdkWiring wiring = SdkWiring.create()) {
			SingleTableSchema.standard("retention-probe").createIfMissing(wiring.client());
			SingleTableTemplate template = new SingleTableTemplate(wiring.client(), "retention-probe");
			List<VersionedArticle> articles = new ArrayList<>();
			for (int i = 0; i < ARTICLES; i++) {
				VersionedArticle article = template.create(VersionedArticle.of(Documents.article(i)));
				// past the window, so that every measured update prunes and probes
				for (int v = 0; v < VersionedArticle.MAX_VERSIONS + 1; v++) {
					article = template.update(article.withTitle("warm-up " + v));
				}
				articles.add(article);
			}
			awaitBackground();
			wiring.requests().reset();
			wiring.capacity().enable();
			for (int i = 0; i < UPDATES; i++) {
				int index = i % ARTICLES;
				articles.set(index, template.update(articles.get(index).withTitle("Revision " + i)));
				awaitBackground();
			}
			CapacityMeter.Totals totals = wiring.capacity().disable();

			double requests = (double) wiring.requests().total() / UPDATES;
			System.err.printf("versioned update, steady state, %d updates of %d articles (maxVersions %d):%n", UPDATES,
					ARTICLES, VersionedArticle.MAX_VERSIONS);
			System.err.printf("  probe after the answer: %.2f requests/op (transaction, probe, prune), "
					+ "%.2f WCU/op Local, %.2f WCU/op est., %.2f RCU/op Local, %.2f RCU/op est.%n", requests,
					totals.reportedWrite() / UPDATES, totals.estimatedWrite() / UPDATES, totals.reportedRead() / UPDATES,
					totals.estimatedRead() / UPDATES);

			assertThat(totals.unreported()).isZero();
			assertThat(wiring.requests().count("TransactWriteItems")).isEqualTo(UPDATES);
			assertThat(wiring.requests().count("GetItem")).isEqualTo(UPDATES);
			assertThat(wiring.requests().count("DeleteItem")).isEqualTo(UPDATES);
			assertThat(requests).isEqualTo(3.0);
			// no condition check left in the transactions: the probe costs them nothing
			assertThat(wiring.requests().sent(TransactWriteItemsRequest.class))
				.allSatisfy((transaction) -> assertThat(transaction.transactItems())
					.allSatisfy((item) -> assertThat(item.conditionCheck()).isNull()));
			// an eventually consistent read of one absent key: half a read unit
			assertThat(wiring.requests().sent(GetItemRequest.class)).allSatisfy((probe) -> {
				assertThat(probe.consistentRead()).isNotEqualTo(Boolean.TRUE);
				assertThat(probe.projectionExpression()).isEqualTo("#pk");
			});
			assertThat(totals.reportedRead() / UPDATES).isEqualTo(0.5);
		}
	}

	private static void awaitBackground() {
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(10))).isTrue();
	}

}
