package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.annotation.Version;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.PlannedWrite;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plans of the writes that read before they write ({@link EntityWrites}), driven by hand with canned answers: no
 * server, and clients that refuse every request, so a plan that did I/O itself would fail.
 */
class EntityWritesUnitTests {

	private static final String TABLE = "plans";

	private MappingSingleTableConverter converter;

	private WriteSupport support;

	private EntityWrites writes;

	private AuditRecords audit;

	@BeforeEach
	void setUp() {
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		VersionRetention retention = new VersionRetention(TABLE);
		BlobStage blobs = new BlobStage(TABLE, this.converter, retention,
				new BlobStorage(new RefusingS3Client(), "bucket", "plans", this.converter.getJsonMapper()).codec());
		Timestamps timestamps = new Timestamps();
		this.support = WriteSupport.of(TABLE, this.converter, timestamps, retention, blobs);
		this.writes = new EntityWrites(this.support);
		this.audit = new AuditRecords(TABLE, this.converter, timestamps);
	}

	@Test
	void aVersionedUpdateOfAnAuditedTypeWithBlobsReadsTheLatestAndFollowedItemsComparesTheObjectAndBuildsTheUnit() {
		WriteUnit first = create(new Report("r", null, null, null, "first", new byte[] { 1 }));
		Report created = (Report) first.result();
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(first);
		Recorded<PlannedWrite> run = run(this.writes.update(created.withTitle("second"), List.of(),
				this.audit.needsBefore(Report.class, AuditEntry.UPDATE)), (request) -> {
					if (request instanceof Request.Plain plain && plain.request() instanceof BatchGetItemRequest get) {
						assertThat(get.requestItems().get(TABLE).consistentRead()).as("strongly consistent").isTrue();
						return stored(items, request);
					}
					// the cover the entity still carries is the object of version 1
					assertThat(request).isInstanceOfSatisfying(BlobRequest.HoldsBlob.class, (holds) -> assertThat(
							holds.location()).isEqualTo(BlobLocation.of("Report", "r", 1L, "cover")));
					return Answer.of(true);
				});

		// one BatchGetItem of both items, the comparison of the cover (an uncompressed type records no digest)
		assertThat(run.requests()).hasSize(2);
		assertThat(keysRead(run.requests())).containsExactly(key("Report#r", "v0"), key("Report#r", "v1"));
		PlannedWrite planned = run.result();
		assertThat(planned.stored()).isEqualTo(items.get(key("Report#r", "v0")));
		WriteUnit unit = this.audit.record(planned.unit(), AuditEntry.UPDATE, planned.stored(),
				this.audit.details(AuditDetails.none(), () -> "tester"));
		assertThat(unit.items()).hasSize(3);
		Map<String, AttributeValue> history = unit.items().get(0).put().item();
		Map<String, AttributeValue> latest = unit.items().get(1).put().item();
		assertThat(history.get("sk").s()).isEqualTo("v2");
		assertThat(latest.get("sk").s()).isEqualTo("v0");
		assertThat(unit.items().get(1).put().conditionExpression()).contains("#version = :expected");
		// the unchanged cover refers to version 1's object: nothing to upload
		assertThat(BlobAttributes.readVersions(history)).containsExactly(Map.entry("cover", 1L));
		assertThat(BlobAttributes.readVersions(latest)).containsExactly(Map.entry("cover", 1L));
		assertThat(unit.blobs().objects()).isEmpty();
		Map<String, AttributeValue> row = unit.items().get(2).put().item();
		assertThat(row.get("pk").s()).startsWith(AuditItems.PREFIX);
		assertThat(row.get(AuditItems.OPERATION).s()).isEqualTo(AuditEntry.UPDATE);
		assertThat(row.get(AuditItems.CHANGED_FIELDS).m()).containsOnlyKeys("title");
		assertThat(((Report) unit.result()).version()).isEqualTo(2L);
	}

	@Test
	void aVersionedUpdateWhoseCoverChangedUploadsTheNewVersionsObject() {
		WriteUnit first = create(new Report("r", null, null, null, "first", new byte[] { 1 }));
		Report created = (Report) first.result();
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(first);

		PlannedWrite planned = run(this.writes.update(created.withCover(new byte[] { 2 }), List.of(), false),
				(request) -> (request instanceof BlobRequest.HoldsBlob) ? Answer.of(false) : stored(items, request))
			.result();

		assertThat(planned.unit().blobs().objects())
			.containsExactly(Map.entry("cover", BlobLocation.of("Report", "r", 2L, "cover")));
		assertThat(BlobAttributes.readVersions(planned.unit().items().get(0).put().item()))
			.containsExactly(Map.entry("cover", 2L));
	}

	@Test
	void aVersionedUpdateOfABlobTypeCarryingItsCreationTimeReadsOnlyTheHistoryItemOfTheVersionItFollows() {
		WriteUnit first = create(new Report("r", null, null, null, "first", new byte[] { 1 }));
		Report created = (Report) first.result();
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(first);

		Recorded<PlannedWrite> run = run(this.writes.update(created.withTitle("second"), List.of(), false),
				(request) -> (request instanceof BlobRequest.HoldsBlob) ? Answer.of(true) : stored(items, request));

		// one GetItem (v1, which names the cover's object) and the comparison of the cover
		assertThat(keysRead(run.requests())).containsExactly(key("Report#r", "v1"));
		assertThat(run.requests()).hasSize(2);
		assertThat(BlobAttributes.readVersions(run.result().unit().items().get(0).put().item()))
			.containsExactly(Map.entry("cover", 1L));
	}

	@Test
	void aVersionedUpdateWhoseFollowedHistoryItemIsGoneTakesTheReferencesFromTheLatestItem() {
		WriteUnit first = create(new Report("r", null, null, null, "first", new byte[] { 1 }));
		Report created = (Report) first.result();
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(first);
		items.remove(key("Report#r", "v1"));

		Recorded<PlannedWrite> run = run(this.writes.update(created.withTitle("second"), List.of(), false),
				(request) -> (request instanceof BlobRequest.HoldsBlob) ? Answer.of(true) : stored(items, request));

		assertThat(keysRead(run.requests())).containsExactly(key("Report#r", "v1"), key("Report#r", "v0"));
		assertThat(BlobAttributes.readVersions(run.result().unit().items().get(0).put().item()))
			.containsExactly(Map.entry("cover", 1L));
	}

	@Test
	void anUpdateOfAResourceThisTemplateWroteReadsNothingAndConditionsTheLatestItemOnTheFactsItUsed() {
		WriteUnit first = create(new Article("a", null, null, "first", new byte[] { 1 }));
		committed(first);
		Map<String, AttributeValue> stored = first.items().get(1).put().item();
		Article created = (Article) first.result();

		// the cover unchanged: no read, no comparison (the digest is known), nothing to upload
		Recorded<PlannedWrite> unchanged = run(this.writes.update(created.withTitle("second"), List.of(), false),
				EntityWritesUnitTests::refused);
		assertThat(unchanged.requests()).isEmpty();
		WriteUnit unit = unchanged.result().unit();
		assertThat(unit.blobs().objects()).isEmpty();
		assertThat(BlobAttributes.readVersions(unit.items().get(0).put().item())).containsExactly(Map.entry("cover", 1L));
		Put latest = unit.items().get(1).put();
		assertThat(latest.conditionExpression()).contains("#version = :expected", "#blob0 = :blob0",
				"#blob1 = :blob1", "#blob2 = :blob2");
		assertThat(latest.expressionAttributeValues()).containsEntry(":blob0", stored.get(BlobAttributes.FIELDS))
			.containsEntry(":blob1", stored.get(BlobAttributes.VERSIONS))
			.containsEntry(":blob2", stored.get(BlobAttributes.DIGESTS));

		// the cover changed: no read either, the new version's object is uploaded
		Recorded<PlannedWrite> changed = run(this.writes.update(created.withCover(new byte[] { 2 }), List.of(), false),
				EntityWritesUnitTests::refused);
		assertThat(changed.requests()).isEmpty();
		assertThat(changed.result().unit().blobs().objects())
			.containsExactly(Map.entry("cover", BlobLocation.of("Article", "a", 2L, "cover")));
	}

	@Test
	void anUpdateReadsTheFollowedVersionWhenTheKnownFactsAreOfAnotherVersionOrForgotten() {
		WriteUnit first = create(new Article("a", null, null, "first", new byte[] { 1 }));
		committed(first);
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(first);
		Article created = (Article) first.result();
		Article stale = new Article("a", 2L, created.createdAt(), "elsewhere", new byte[] { 1 });

		Recorded<PlannedWrite> other = run(this.writes.update(stale, List.of(), false),
				(request) -> stored(items, request));
		// today's reads: v2 (not stored here), then v0
		assertThat(keysRead(other.requests())).containsExactly(key("Article#a", "v2"), key("Article#a", "v0"));

		this.support.blobs().facts().forget("Article#a");
		Recorded<PlannedWrite> forgotten = run(this.writes.update(created.withTitle("second"), List.of(), false),
				(request) -> stored(items, request));
		assertThat(keysRead(forgotten.requests())).containsExactly(key("Article#a", "v1"));
		assertThat(forgotten.result().unit().items().get(1).put().conditionExpression()).doesNotContain("#blob");
	}

	@Test
	void anUpdateOfAResourceNoLongerStoredFailsNamingIt() {
		// no creation time carried: the plan needs the stored one
		Report ghost = new Report("gone", 3L, null, null, "title", null);

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> run(this.writes.update(ghost, List.of(), false),
					(request) -> stored(Map.of(), request)))
			.satisfies((ex) -> {
				assertThat(ex.getEntityType()).isEqualTo(Report.class);
				assertThat(ex.getId()).isEqualTo("gone");
			});
	}

	@Test
	void aRestoreRacingAVersionDeleteFailsNamingTheResourceAndTheVersion() {
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(
				create(new Report("r", null, null, null, "first", null)));
		// the version delete won: v1 is gone, v0 is still there
		items.remove(key("Report#r", "v1"));

		List<Request> asked = new ArrayList<>();
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> run(this.writes.restore(Report.class, "r", 1), (request) -> {
				asked.add(request);
				return Answer.of(GetItemResponse.builder().item(items.get(key(request))).build());
			}))
			.satisfies((ex) -> {
				assertThat(ex.getEntityType()).isEqualTo(Report.class);
				assertThat(ex.getId()).isEqualTo("r");
				assertThat(ex.getVersion()).isEqualTo(1L);
			});
		// both items asked for together, in one round
		assertThat(keysRead(asked)).containsExactly(key("Report#r", "v1"), key("Report#r", "v0"));
	}

	@Test
	void aRestoreWritesTheStoredVersionAgainAsTheNextOne() {
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(
				create(new Report("r", null, null, null, "first", null)));

		PlannedWrite planned = run(this.writes.restore(Report.class, "r", 1),
				(request) -> Answer.of(GetItemResponse.builder().item(items.get(key(request))).build()))
			.result();

		assertThat(planned.stored()).isEqualTo(items.get(key("Report#r", "v0")));
		assertThat(planned.unit().operation()).isEqualTo("restoreVersion");
		assertThat(planned.unit().items().get(0).put().item().get("sk").s()).isEqualTo("v2");
		assertThat(((Report) planned.unit().result()).title()).isEqualTo("first");
	}

	@Test
	void anUpsertCreatesWhenNothingIsStoredAndReplacesKeepingTheCreationTimeOtherwise() {
		Memo memo = new Memo("m", null, null, "one");
		Map<String, AttributeValue> none = null;
		PlannedWrite created = run(this.writes.upsert(memo),
				(request) -> Answer.of(GetItemResponse.builder().item(none).build()))
			.result();
		assertThat(created.stored()).isNull();
		assertThat(created.unit().operation()).isEqualTo("save");
		assertThat(created.unit().items().get(0).put().conditionExpression()).contains("attribute_not_exists");

		Map<String, AttributeValue> stored = created.unit().items().get(0).put().item();
		PlannedWrite replaced = run(this.writes.upsert(new Memo("m", null, null, "two")),
				(request) -> Answer.of(GetItemResponse.builder().item(stored).build()))
			.result();
		assertThat(replaced.stored()).isEqualTo(stored);
		assertThat(replaced.unit().items().get(0).put().conditionExpression()).contains("attribute_exists(#pk)")
			.doesNotContain("attribute_not_exists(#pk)");
		// the stored creation time is kept
		assertThat(replaced.unit().items().get(0).put().item().get("created_at")).isEqualTo(stored.get("created_at"));
	}

	@Test
	void aVersionDeleteOfTheLatestVersionReadsTheLatestItemAndEndsWithTheUnitThatDeletesItWithV0() {
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = itemsOf(
				create(new Report("r", null, null, null, "first", null)));
		SingleTablePersistentEntity<Report> metadata = this.converter.getRequiredEntity(Report.class);

		Recorded<DeleteVersionOperation.Planned> run = run(this.writes.deleteVersion(metadata, "r", 1).plan(),
				(request) -> Answer.of(GetItemResponse.builder().item(items.get(key(request))).build()));

		assertThat(keysRead(run.requests())).containsExactly(key("Report#r", "v0"));
		DeleteVersionOperation.Planned planned = run.result();
		assertThat(planned.found()).isTrue();
		assertThat(planned.stored()).isEqualTo(items.get(key("Report#r", "v0")));
		assertThat(planned.unit().items()).extracting((item) -> item.delete().key().get("sk").s())
			.containsExactly("v1", "v0");
		assertThat(planned.unit().items().get(1).delete().conditionExpression()).isEqualTo("#version = :expected");
	}

	@Test
	void aVersionDeleteOfAnOlderVersionDeletesItsHistoryItemAlone() {
		Map<String, AttributeValue> latest = new HashMap<>(itemsOf(create(new Report("r", null, null, null, "first",
				null))).get(key("Report#r", "v0")));
		latest.put("version", AttributeValue.fromN("2"));
		SingleTablePersistentEntity<Report> metadata = this.converter.getRequiredEntity(Report.class);

		Recorded<DeleteVersionOperation.Planned> run = run(this.writes.deleteVersion(metadata, "r", 1).plan(),
				(request) -> {
					if (((Request.Plain) request).request() instanceof DeleteItemRequest delete) {
						assertThat(delete.key()).isEqualTo(key("Report#r", "v1"));
						assertThat(delete.conditionExpression()).isNull();
						return Answer.of(DeleteItemResponse.builder().attributes(delete.key()).build());
					}
					return Answer.of(GetItemResponse.builder().item(latest).build());
				});

		assertThat(run.requests()).hasSize(2);
		assertThat(run.result().unit()).isNull();
		assertThat(run.result().found()).isTrue();
	}

	@Test
	void aDeleteByIdReadsTheVersionsAgainWhenAVersionWasWrittenMeanwhileAndGivesUpAfterItsAttempts() {
		SingleTablePersistentEntity<Report> metadata = this.converter.getRequiredEntity(Report.class);
		Map<String, AttributeValue> latest = Map.of("pk", AttributeValue.fromS("Report#r"), "sk",
				AttributeValue.fromS("v0"), "version", AttributeValue.fromN("1"));
		Map<String, AttributeValue> history = Map.of("pk", AttributeValue.fromS("Report#r"), "sk",
				AttributeValue.fromS("v1"), "version", AttributeValue.fromN("1"));
		List<String> sent = new ArrayList<>();
		Function<Request, Answer> racing = (request) -> {
			Object sdk = (request instanceof Request.Write write) ? write.request()
					: ((Request.Plain) request).request();
			sent.add(sdk.getClass().getSimpleName());
			if (sdk instanceof QueryRequest) {
				return Answer.of(QueryResponse.builder().items(latest, history).build());
			}
			return Answer.failed(ConditionalCheckFailedException.builder().message("a newer version").build());
		};

		assertThatExceptionOfType(ConcurrencyFailureException.class)
			.isThrownBy(() -> run(this.writes.deleteById(metadata, "r").deleteLatestAsFound(), racing))
			.withMessageContaining("Report 'r'");
		assertThat(sent).hasSize(2 * ResourceDeletes.MAX_ATTEMPTS);

		sent.clear();
		List<Map<String, AttributeValue>> found = run(this.writes.deleteById(metadata, "r").deleteLatestAsFound(),
				(request) -> (request instanceof Request.Write) ? Answer.of(DeleteItemResponse.builder().build())
						: racing.apply(request))
			.result();
		assertThat(found).containsExactly(latest, history);
		assertThat(sent).containsExactly("QueryRequest");
	}

	// ---- helpers ----------------------------------------------------------------------------------------

	private WriteUnit create(Object entity) {
		return this.writes.create(entity);
	}

	/** Runs what follows a unit's commit, as the send does once its items are written. */
	private static void committed(WriteUnit unit) {
		assertThat(unit.afterCommit()).isNotNull();
		assertThat(run(unit.afterCommit(), EntityWritesUnitTests::refused).requests()).isEmpty();
	}

	private static Answer refused(Request request) {
		throw new AssertionError("No request expected, got " + request);
	}

	/**
	 * The items a create stores, by key: what a later plan finds.
	 */
	private static Map<Map<String, AttributeValue>, Map<String, AttributeValue>> itemsOf(WriteUnit created) {
		Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
		for (TransactWriteItem item : created.items()) {
			Map<String, AttributeValue> stored = item.put().item();
			items.put(key(stored.get("pk").s(), stored.get("sk").s()), stored);
		}
		return items;
	}

	private static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	private static Map<String, AttributeValue> key(Request request) {
		return ((GetItemRequest) ((Request.Plain) request).request()).key();
	}

	/**
	 * Answers a read by key ({@code GetItem} or {@code BatchGetItem}) with the given items.
	 */
	private static Answer stored(Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items,
			Request request) {
		if (((Request.Plain) request).request() instanceof BatchGetItemRequest batch) {
			List<Map<String, AttributeValue>> found = batch.requestItems()
				.get(TABLE)
				.keys()
				.stream()
				.map(items::get)
				.filter(java.util.Objects::nonNull)
				.toList();
			return Answer.of(BatchGetItemResponse.builder().responses(Map.of(TABLE, found)).build());
		}
		return Answer.of(GetItemResponse.builder().item(items.get(key(request))).build());
	}

	private static List<Map<String, AttributeValue>> keysRead(List<Request> requests) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (Request request : requests) {
			if (request instanceof Request.Plain plain) {
				if (plain.request() instanceof BatchGetItemRequest batch) {
					keys.addAll(batch.requestItems().get(TABLE).keys());
				}
				else {
					keys.add(key(request));
				}
			}
		}
		return keys;
	}

	/**
	 * Runs a plan as a driver does, answering each request with the given function.
	 */
	private static <R> Recorded<R> run(Step<R> plan, Function<Request, Answer> answers) {
		List<Request> requests = new ArrayList<>();
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answered = new ArrayList<>();
			for (Request request : send.requests()) {
				requests.add(request);
				answered.add(answers.apply(request));
			}
			step = send.then().apply(answered);
		}
		return new Recorded<>(requests, ((Step.Done<R>) step).result());
	}

	private record Recorded<R>(List<Request> requests, R result) {
	}

	/** An S3 client whose every request fails: the plans only encode objects. */
	private static final class RefusingS3Client implements S3Client {

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
		}

	}

	@Audited
	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Report(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @BlobField byte[] cover) {

		Report withTitle(String title) {
			return new Report(this.id, this.version, this.createdAt, this.updatedAt, title, this.cover);
		}

		Report withCover(byte[] cover) {
			return new Report(this.id, this.version, this.createdAt, this.updatedAt, this.title, cover);
		}

	}

	@SingleTableEntity(versioned = true)
	record Article(@Id String id, @Version Long version, @CreatedDate Instant createdAt, String title,
			@BlobField byte[] cover) {

		Article withTitle(String title) {
			return new Article(this.id, this.version, this.createdAt, title, this.cover);
		}

		Article withCover(byte[] cover) {
			return new Article(this.id, this.version, this.createdAt, this.title, cover);
		}

	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
	record Memo(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {
	}

}
