package dev.singletable.core;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.autoconfigure.audited.Invoice;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;
import dev.singletable.test.autoconfigure.capacity.ThrottledWriters;
import dev.singletable.test.autoconfigure.capacity.ThrottledWriters.Outcome;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log spread over shards, in DynamoDB's per-partition limits modelled in front of DynamoDB Local (a
 * partition serving 1/200 of DynamoDB's units) through the SDK's and the template's retries: concurrent audited
 * creates are throttled; each is stored with exactly one audit row, or refused whole with a
 * {@link PartitionThrottledException} and neither stored nor audited; the reads of a type's rows and of all rows
 * page through exactly the stored creates' rows, each once; every shard's key takes a part of the rows and the
 * unspread key none.
 */
class SpreadAuditLogInPartitionLimitsIntegrationTests {

	private static final int SHARDS = 4;

	private static final int THREADS = 4;

	private static final int PER_THREAD = 15;

	private static final String AUDIT_KEY = "_INTERNAL#AuditLog";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("audit-spread-limits");

	private DynamoDbPartitionLimits limits;

	private DynamoDbClient client;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient()).scaledDownBy(200);
		this.client = DynamoDbLocal.newClient(this.limits);
		this.template = new SingleTableTemplate(this.client, dynamo.tableName());
		this.template.setAuditShards(SHARDS);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void throttledAuditedCreatesAreEachAuditedOnceOrRefusedWholeAndListedExactlyAcrossPages() throws Exception {
		Outcome<String> writes = ThrottledWriters.race(THREADS, PER_THREAD, (thread, i) -> "inv-" + thread + "-" + i,
				(id) -> this.template.create(new Invoice(id, null, null, 100)));
		Set<String> stored = writes.stored();
		assertThat(stored).isNotEmpty();
		assertThat(this.limits.refusals("ThrottlingError")
				+ this.limits.refusals("IndexWriteKeyRangeThroughputExceeded"))
			.as("creates throttled in the model: %s", this.limits)
			.isPositive();
		ThrottledWriters.assertSpread(this.limits, "gsitype", AUDIT_KEY, SHARDS);

		// read outside the model (its read limits are not what is tested): the rows are those of the stored creates
		SingleTableTemplate reader = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		reader.setAuditShards(SHARDS);
		for (String id : writes.refused()) {
			assertThat(reader.findById(Invoice.class, id)).as("refused %s is not stored", id).isEmpty();
		}
		List<AuditEntry> byType = BlobAndAuditFixtures.allPages(reader.auditLog().forType("Invoice").limit(7));
		assertThat(byType).extracting(AuditEntry::resourceId).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(byType).extracting(AuditEntry::id).isSortedAccordingTo(Comparator.reverseOrder());
		List<AuditEntry> all = BlobAndAuditFixtures.allPages(reader.auditLog().all().oldestFirst().limit(5));
		assertThat(all).extracting(AuditEntry::resourceId).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(all).extracting(AuditEntry::createdAt).isSorted();
	}

}
