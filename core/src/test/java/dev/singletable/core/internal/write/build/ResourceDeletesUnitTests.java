package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSend;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the deletes outside a transaction ({@link ResourceDeletes}, {@link BulkWrites#deleteAllById}), the
 * same for both drivers, run on scripted answers: which requests they send in which order, and what the answers make
 * of them. No server.
 */
class ResourceDeletesUnitTests {

	private static final String TABLE = "deletes";

	private MappingSingleTableConverter converter;

	private AuditRecords audit;

	private TypeCounts counts;

	private EntityWrites writes;

	private ResourceDeletes deletes;

	private BulkWrites bulk;

	private final AtomicInteger detailsAsked = new AtomicInteger();

	private final Step<AuditRecords.Details> details = Step.defer(() -> {
		this.detailsAsked.incrementAndGet();
		return Step.done(new AuditRecords.Details("tester", Map.of()));
	});

	@BeforeEach
	void setUp() {
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		Timestamps timestamps = new Timestamps();
		VersionRetention retention = new VersionRetention(TABLE);
		EntityWrites writes = new EntityWrites(WriteSupport.of(TABLE, this.converter, timestamps, retention,
				new BlobStage(TABLE, this.converter, retention, null)));
		this.audit = new AuditRecords(TABLE, this.converter, timestamps);
		this.writes = writes;
		build(new TypeCounts(TABLE, this.converter, timestamps));
	}

	/** The deletes and batch writes with these counts. */
	private void build(TypeCounts counts) {
		this.counts = counts;
		UnitSend sender = new UnitSend(counts, this.audit,
				(ex, request) -> (ex instanceof DataAccessException) ? ex : new IllegalStateException(ex));
		this.deletes = new ResourceDeletes(this.writes, TABLE, sender::write, this.audit, counts);
		this.bulk = new BulkWrites(this.writes, TABLE, this.deletes, this.audit, counts);
	}

	@Test
	void aVersionedDeleteByIdFindsTheVersionsAgainAfterAConflictThenDeletesTheHistoryInBatches() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Page.class);
		List<Map<String, AttributeValue>> found = new ArrayList<>(List.of(item("v0", 2), item("v1", 1), item("v2", 2)));
		AtomicInteger deletesOfLatest = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			Object sdk = sdk(request);
			if (sdk instanceof QueryRequest) {
				return Answer.of(QueryResponse.builder().items(found).build());
			}
			if (sdk instanceof DeleteItemRequest delete) {
				if (deletesOfLatest.incrementAndGet() == 1) {
					// version 3 written meanwhile
					found.set(0, item("v0", 3));
					found.add(item("v3", 3));
					return Answer.failed(ConditionalCheckFailedException.builder().message("newer").build());
				}
				assertThat(delete.expressionAttributeValues().get(":found").n()).isEqualTo("3");
				return Answer.of(DeleteItemResponse.builder().build());
			}
			if (sdk instanceof BatchWriteItemRequest batch) {
				int size = batch.requestItems().get(TABLE).size();
				// the first attempt leaves one write unprocessed
				return Answer.of((size == 3) ? BatchWriteItemResponse.builder()
					.unprocessedItems(Map.of(TABLE, List.of(batch.requestItems().get(TABLE).get(2))))
					.build() : BatchWriteItemResponse.builder().build());
			}
			return Answer.of(null);
		});

		Boolean deleted = driver.run(this.deletes.deleteById(metadata, "p", this.details));

		assertThat(deleted).isTrue();
		assertThat(driver.sent()).extracting(ResourceDeletesUnitTests::name)
			.containsExactly("QueryRequest", "DeleteItemRequest", "QueryRequest", "DeleteItemRequest",
					"BatchWriteItemRequest", "Backoff", "BatchWriteItemRequest");
		assertThat(this.detailsAsked).hasValue(0);
	}

	@Test
	void anAuditedDeleteByIdReadsTheLatestItemFirstAndSendsItsDeleteWithTheRowAndAskedForDetailsOnce() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Note.class);
		ScriptedDriver driver = new ScriptedDriver((request) -> (sdk(request) instanceof GetItemRequest)
				? Answer.of(GetItemResponse.builder().item(note("n")).build()) : Answer.of(null));

		Boolean deleted = driver.run(this.deletes.deleteById(metadata, "n", this.details));

		assertThat(deleted).isTrue();
		assertThat(driver.sent()).extracting(ResourceDeletesUnitTests::name).containsExactly("GetItemRequest",
				"Transact");
		Request.Transact transact = driver.sent(Request.Transact.class).get(0);
		assertThat(transact.items()).hasSize(2);
		assertThat(transact.items().get(0).delete().conditionExpression()).isEqualTo("attribute_exists(#pk)");
		assertThat(transact.items().get(1).put().item().get("pk").s()).startsWith(AuditItems.PREFIX);
		assertThat(this.detailsAsked).hasValue(1);
	}

	@Test
	void anAuditedDeleteByIdOfAResourceGoneMeanwhileDeletesNothingAndSaysSo() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Note.class);
		ScriptedDriver driver = new ScriptedDriver((request) -> (sdk(request) instanceof GetItemRequest)
				? Answer.of(GetItemResponse.builder().item(note("n")).build())
				: Answer.failed(TransactionCanceledException.builder()
					.cancellationReasons(CancellationReason.builder().code("ConditionalCheckFailed").build(),
							CancellationReason.builder().code("None").build())
					.build()));

		Boolean deleted = driver.run(this.deletes.deleteById(metadata, "n", this.details));

		assertThat(deleted).isFalse();
		assertThat(driver.sent()).extracting(ResourceDeletesUnitTests::name).containsExactly("GetItemRequest",
				"Transact");
	}

	@Test
	void anAuditedDeleteByIdOfAResourceNeverStoredSendsNoWriteAndAsksForNoDetails() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Note.class);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().build()));

		Boolean deleted = driver.run(this.deletes.deleteById(metadata, "n", this.details));

		assertThat(deleted).isFalse();
		assertThat(driver.sent()).extracting(ResourceDeletesUnitTests::name).containsExactly("GetItemRequest");
		assertThat(this.detailsAsked).hasValue(0);
	}

	@Test
	void deleteAllByIdOfRecordedDeletesSendsEachOnItsOwnInOrderElseOneBatch() {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(Memo.class);
		ScriptedDriver batched = new ScriptedDriver((request) -> Answer.of(BatchWriteItemResponse.builder().build()));

		batched.run(this.bulk.deleteAllById(metadata, List.of("a", "b", "a"), this.details));

		assertThat(batched.sent()).extracting(ResourceDeletesUnitTests::name).containsExactly("BatchWriteItemRequest");
		assertThat(((BatchWriteItemRequest) sdk(batched.sent().get(0))).requestItems().get(TABLE)).hasSize(2);

		build(this.counts.withEnabled(true));
		ScriptedDriver counted = new ScriptedDriver((request) -> (sdk(request) instanceof GetItemRequest get)
				? Answer.of(GetItemResponse.builder().item(memo(get.key().get("pk").s())).build())
				: Answer.of(null));

		counted.run(this.bulk.deleteAllById(metadata, List.of("a", "b"), this.details));

		assertThat(counted.sent()).extracting(ResourceDeletesUnitTests::name).containsExactly("GetItemRequest",
				"Transact", "GetItemRequest", "Transact");
		assertThat(this.detailsAsked).hasValue(0);
	}

	private static Object sdk(Request request) {
		if (request instanceof Request.Plain plain) {
			return plain.request();
		}
		if (request instanceof Request.Write write) {
			return write.request();
		}
		return request;
	}

	private static String name(Request request) {
		return sdk(request).getClass().getSimpleName();
	}

	private static Map<String, AttributeValue> item(String sk, long version) {
		return Map.of("pk", AttributeValue.fromS("Page#p"), "sk", AttributeValue.fromS(sk), "version",
				AttributeValue.fromN(Long.toString(version)));
	}

	private static Map<String, AttributeValue> note(String id) {
		return Map.of("pk", AttributeValue.fromS("Note#" + id), "sk", AttributeValue.fromS("v0"));
	}

	private static Map<String, AttributeValue> memo(String pk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("v0"));
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Page(@Id String id, @Version Long version, String title) {
	}

	@Audited(snapshot = false)
	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
	record Note(@Id String id, String text) {
	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
	record Memo(@Id String id, String text) {
	}

}
