package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the retention probe (the {@code ConditionCheck} that keeps version retention exact) costs a
 * versioned update in the steady state, in one run: the same template updates the same articles once as it is
 * and once through a client that strips the probe from each {@code TransactWriteItems} (the request before the
 * probe). Requests are counted with the {@code RequestCounter}, capacity with DynamoDB Local's
 * {@code ReturnConsumedCapacity} and with the pricing-rule estimate of {@link CapacityMeter}; the figures are
 * printed for docs/BENCHMARKS.md.
 */
class RetentionProbeCapacityIntegrationTests {

	private static final int ARTICLES = 10;

	private static final int UPDATES = 50;

	@Test
	void theProbeKeepsOneRequestPerUpdateAndCostsOneCheckOfCapacity() {
		try (SdkWiring with = SdkWiring.create(); SdkWiring without = SdkWiring.create(new WithoutProbe())) {
			SingleTableSchema.standard("retention-probe").createIfMissing(with.client());
			Figures after = measure(with, new SingleTableTemplate(with.client(), "retention-probe"));
			Figures before = measure(without, new SingleTableTemplate(without.client(), "retention-probe"));

			System.err.printf("versioned update, steady state, %d updates of %d articles (maxVersions %d):%n", UPDATES,
					ARTICLES, VersionedArticle.MAX_VERSIONS);
			System.err.printf("  before (no probe): %.2f requests/op, %.2f WCU/op Local, %.2f WCU/op est.%n",
					before.requests(), before.localWrite(), before.estimatedWrite());
			System.err.printf("  after (probe):     %.2f requests/op, %.2f WCU/op Local, %.2f WCU/op est.%n",
					after.requests(), after.localWrite(), after.estimatedWrite());

			assertThat(after.requests()).isEqualTo(1.0);
			assertThat(before.requests()).isEqualTo(1.0);
			assertThat(after.estimatedWrite() - before.estimatedWrite()).isEqualTo(2.0);
			assertThat(after.localWrite()).isGreaterThanOrEqualTo(before.localWrite());
		}
	}

	private static Figures measure(SdkWiring wiring, SingleTableTemplate template) {
		List<VersionedArticle> articles = new ArrayList<>();
		for (int i = 0; i < ARTICLES; i++) {
			VersionedArticle article = template.create(VersionedArticle.of(Documents.article(i)));
			// past the window, so that every measured update prunes and probes
			for (int v = 0; v < VersionedArticle.MAX_VERSIONS + 1; v++) {
				article = template.update(article.withTitle("warm-up " + v));
			}
			articles.add(article);
		}
		wiring.requests().reset();
		wiring.capacity().enable();
		for (int i = 0; i < UPDATES; i++) {
			int index = i % ARTICLES;
			articles.set(index, template.update(articles.get(index).withTitle("Revision " + i)));
		}
		CapacityMeter.Totals totals = wiring.capacity().disable();
		assertThat(totals.unreported()).isZero();
		return new Figures((double) wiring.requests().total() / UPDATES, totals.reportedWrite() / UPDATES,
				totals.estimatedWrite() / UPDATES);
	}

	private record Figures(double requests, double localWrite, double estimatedWrite) {
	}

	/** Sends each {@code TransactWriteItems} without its condition checks: the update as it was before the probe. */
	private static final class WithoutProbe implements ExecutionInterceptor {

		@Override
		public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
			if (context.request() instanceof TransactWriteItemsRequest transaction) {
				return transaction.toBuilder()
					.transactItems(transaction.transactItems().stream().filter((item) -> item.conditionCheck() == null).toList())
					.build();
			}
			return context.request();
		}

	}

}
