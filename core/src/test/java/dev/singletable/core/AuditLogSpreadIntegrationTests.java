package dev.singletable.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.BlobAndAuditFixtures.Case;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The audit log spread over shards ({@code setAuditShards}) against DynamoDB Local: rows written after the spread sit
 * in every shard's keys of the all-rows and by-type indexes; the reads of all rows and of a type's rows page through
 * the rows written before and after the spread, each once and in order; reads by resource and by changer are
 * unchanged; a template reading the unspread layout (as the Python library does) sees only the rows written before.
 */
class AuditLogSpreadIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = BlobAndAuditFixtures.template(dynamo, s3, () -> "alice");
	}

	@Test
	void rowsWrittenBeforeAndAfterTheSpreadAreReadOnceEachInOrderAndTheSpreadRowsSitInEveryShard() {
		List<String> before = createCases(4);
		this.template.setAuditShards(4);
		// 60 rows: each of 4 shards stays empty with a chance of (3/4)^60 (random ids), so the test cannot be flaky
		List<String> after = createCases(60);
		Case first = this.template.getById(Case.class, after.get(0));
		this.template.update(first.withState("changed"));

		Map<String, Integer> byGsiType = countBy("gsitype");
		assertThat(byGsiType).containsEntry("_INTERNAL#AuditLog", 4);
		assertThat(byGsiType.keySet()).as("every shard's key takes rows")
			.contains("_INTERNAL#AuditLog#0", "_INTERNAL#AuditLog#1", "_INTERNAL#AuditLog#2", "_INTERNAL#AuditLog#3");
		assertThat(countBy("gsi2pk").keySet()).contains("_INTERNAL#AuditLog#Case#0", "_INTERNAL#AuditLog#Case#3");

		List<AuditEntry> byType = BlobAndAuditFixtures.allPages(this.template.auditLog().forType("Case").limit(3));
		assertThat(byType).hasSize(65);
		assertThat(byType).extracting(AuditEntry::id).isSortedAccordingTo(Comparator.reverseOrder());
		List<AuditEntry> all = BlobAndAuditFixtures.allPages(this.template.auditLog().all().oldestFirst().limit(5));
		assertThat(all).extracting(AuditEntry::id).containsExactlyInAnyOrderElementsOf(
				byType.stream().map(AuditEntry::id).toList());
		assertThat(all).extracting(AuditEntry::createdAt).isSorted();
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forType("Case").operation(AuditEntry.UPDATE).limit(1)))
			.hasSize(1);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().forResource("Case", after.get(0)).limit(1))).hasSize(2);
		assertThat(BlobAndAuditFixtures.allPages(this.template.auditLog().byChanger("alice").limit(7))).hasSize(65);

		SingleTableTemplate unspread = BlobAndAuditFixtures.template(dynamo, s3, () -> "alice");
		assertThat(BlobAndAuditFixtures.allPages(unspread.auditLog().forType("Case").limit(10)))
			.as("a reader of the unspread layout, as the Python library, sees the rows written before the spread only")
			.extracting(AuditEntry::resourceId)
			.containsExactlyInAnyOrderElementsOf(before);
	}

	@Test
	void aNumberOfShardsOutOfRangeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.setAuditShards(0))
			.withMessageContaining("The audit log's shards is 0; use 1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.setAuditShards(KeyShards.MAX + 1));
	}

	private List<String> createCases(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(this.template.create(new Case(null, null, "s" + i, List.of(), Map.of())).id());
		}
		return ids;
	}

	/** How many audit rows have each value of an index key, read from the table. */
	private Map<String, Integer> countBy(String attribute) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Map<String, AttributeValue> item : dynamo.client()
			.scanPaginator(ScanRequest.builder().tableName(dynamo.tableName()).build())
			.items()) {
			if (item.get("pk").s().startsWith("_INTERNAL#AuditLog#") && item.containsKey(attribute)) {
				counts.merge(item.get(attribute).s(), 1, Integer::sum);
			}
		}
		return counts;
	}

}
