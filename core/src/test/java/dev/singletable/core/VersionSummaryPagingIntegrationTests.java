package dev.singletable.core;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version summaries and deletes (from issue 16) follow every page of a history over one megabyte.
 */
class VersionSummaryPagingIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	private String auditor = "alice";

	@BeforeEach
	void setUp() {
		this.template = BlobAndAuditFixtures.template(dynamo, s3, () -> this.auditor);
	}

	// ---- version summaries ----------------------------------------------------------------------------------

	@Test
	void summariesAndDeletesFollowEveryPageOfAHistoryOverOneMegabyte() {
		String text = "x".repeat(60_000);
		Flat current = this.template.create(new Flat(null, null, null, text + 1));
		for (int i = 2; i <= 24; i++) {
			current = this.template.update(new Flat(current.id(), current.version(), current.updatedAt(), text + i));
		}
		dynamo.requests().reset();

		List<VersionSummary> summaries = this.template.findVersionSummaries(Flat.class, current.id());

		assertThat(summaries).extracting(VersionSummary::version)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 24).map((v) -> 25 - v).boxed().toList());
		assertThat(summaries.get(0).latest()).isTrue();
		// the projection leaves the bodies out of the answer, but DynamoDB reads whole items: several pages
		assertThat(dynamo.requests().count("Query")).isGreaterThan(1);
		dynamo.requests()
			.sent(QueryRequest.class)
			.forEach((query) -> assertThat(query.expressionAttributeNames()).doesNotContainValue("text"));

		assertThat(this.template.deleteById(Flat.class, current.id())).isTrue();
		assertThat(dynamo.sortKeys("Flat#" + current.id())).isEmpty();
	}

	// ---- helpers --------------------------------------------------------------------------------------------

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Flat(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String text) {
	}

}
