package dev.singletable.evolution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.evolution.BackfillFixtures.MemoAfter;
import dev.singletable.evolution.BackfillFixtures.TicketAfter;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The other building blocks: {@code forEach} in place (nothing but the content changes) or as new versions
 * (history grows, audited when asked), {@code move} with the whole history, {@code recompress}, {@code deleteAll},
 * and the typed refusals of bad input.
 */
class BackfillOperationsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	/** An audited versioned type. */
	@Audited
	@SingleTableEntity(prefix = "Card", versioned = true)
	record Card(@Id String id, @Version Long version, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title) {

		Card titled(String title) {
			return new Card(this.id, this.version, this.createdAt, this.updatedAt, title);
		}

	}

	/** A versioned type under its old prefix. */
	@SingleTableEntity(prefix = "OldParcel", versioned = true)
	record ParcelOld(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String destination) {

	}

	/** The same type under its new prefix, with an index. */
	@SingleTableEntity(prefix = "Parcel", versioned = true)
	@IndexKey(index = "gsi1", partition = "dest#{destination}")
	record ParcelNew(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String destination) {

	}

	/** A plain type under its old prefix. */
	@SingleTableEntity(prefix = "OldLabel")
	record LabelOld(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {

	}

	/** The plain type under its new prefix. */
	@SingleTableEntity(prefix = "Label")
	record LabelNew(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {

	}

	/** A versioned type stored uncompressed. */
	@SingleTableEntity(prefix = "Sheet", versioned = true, compression = Compression.DISABLED)
	record SheetText(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String body, int cells) {

		SheetText with(String body) {
			return new SheetText(this.id, this.version, this.createdAt, this.updatedAt, body, this.cells);
		}

	}

	/** The same type, now compressed. */
	@SingleTableEntity(prefix = "Sheet", versioned = true, compression = Compression.ENABLED)
	record SheetPacked(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String body, int cells) {

	}

	private SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
	}

	@Test
	void forEachInPlaceChangesTheContentOnlyAndAsNewVersionsGrowsTheHistoryAuditedWhenAsked() {
		SingleTableTemplate template = template();
		List<Card> cards = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Card card = template.create(new Card(null, null, null, null, "card " + i));
			cards.add(template.update(card.titled("card " + i + " v2")));
		}
		Map<String, AttributeValue> before = dynamo.storedItem("Card#" + cards.get(0).id(), "v0");
		long rowsBefore = auditRows(template, cards.get(0).id());
		SingleTableBackfills backfills = new SingleTableBackfills(template);

		BackfillResult inPlace = backfills.forEach(Card.class, (card) -> card.titled(card.title().toUpperCase()),
				BackfillOptions.defaults());
		assertThat(inPlace.itemsWritten()).isEqualTo(6);
		Map<String, AttributeValue> after = dynamo.storedItem("Card#" + cards.get(0).id(), "v0");
		assertThat(after.get("version")).isEqualTo(before.get("version"));
		assertThat(after.get("gsitypesk")).isEqualTo(before.get("gsitypesk"));
		Card read = template.getById(Card.class, cards.get(0).id());
		assertThat(read.title()).isEqualTo("CARD 0 V2");
		assertThat(read.version()).isEqualTo(2);
		assertThat(read.updatedAt()).isEqualTo(cards.get(0).updatedAt());
		assertThat(template.findVersion(Card.class, read.id(), 2).orElseThrow().title()).isEqualTo("CARD 0 V2");
		assertThat(template.findVersion(Card.class, read.id(), 1).orElseThrow().title()).isEqualTo("card 0");
		assertThat(dynamo.sortKeys("Card#" + read.id())).containsExactlyInAnyOrder("v0", "v1", "v2");
		assertThat(auditRows(template, read.id())).isEqualTo(rowsBefore);

		BackfillResult again = backfills.forEach(Card.class, (card) -> card.titled(card.title().toUpperCase()),
				BackfillOptions.defaults());
		assertThat(again.itemsWritten()).isZero();
		assertThat(again.itemsUnchanged()).isEqualTo(6);

		BackfillResult unaudited = backfills.forEach(Card.class, (card) -> card.titled(card.title() + "!"),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION).withAudited(false));
		assertThat(unaudited.itemsWritten()).isEqualTo(6);
		assertThat(dynamo.sortKeys("Card#" + read.id())).containsExactlyInAnyOrder("v0", "v1", "v2", "v3");
		assertThat(auditRows(template, read.id())).isEqualTo(rowsBefore);

		BackfillResult audited = backfills.forEach(Card.class, (card) -> card.titled(card.title() + "?"),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));
		assertThat(audited.itemsWritten()).isEqualTo(6);
		Card latest = template.getById(Card.class, read.id());
		assertThat(latest.version()).isEqualTo(4);
		assertThat(latest.title()).isEqualTo("CARD 0 V2!?");
		assertThat(auditRows(template, read.id())).isEqualTo(rowsBefore + 1);
	}

	@Test
	void aTransformThatChangesTheIdFailsTheRunNamingTheItemAndWritesNothingInEitherMode() {
		SingleTableTemplate template = template();
		Card card = template.update(template.create(new Card(null, null, null, null, "card")).titled("card v2"));
		Map<String, Map<String, AttributeValue>> stored = storedItems();
		SingleTableBackfills backfills = new SingleTableBackfills(template);

		for (RewriteMode mode : RewriteMode.values()) {
			assertThatExceptionOfType(BackfillFailedException.class)
				.as("forEach %s", mode)
				.isThrownBy(() -> backfills.forEach(Card.class,
						(read) -> new Card("another", read.version(), read.createdAt(), read.updatedAt(), "moved"),
						BackfillOptions.defaults().withRewriteMode(mode)))
				.satisfies((ex) -> {
					assertThat(ex.getPartitionKey()).isEqualTo("Card#" + card.id());
					assertThat(ex.getResult().itemsWritten()).isZero();
					assertThat(ex.getCause()).isInstanceOf(InvalidDataAccessApiUsageException.class);
				})
				.withMessageContaining("Card '" + card.id() + "'")
				.withMessageContaining("with the id 'another'")
				.withMessageContaining("may not change a resource's id")
				.withMessageContaining("nothing was written");
			assertThat(storedItems()).as("the table after forEach %s", mode).isEqualTo(stored);
		}
		assertThat(template.getById(Card.class, card.id()).title()).isEqualTo("card v2");
		assertThat(template.findById(Card.class, "another")).isEmpty();
	}

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void aTransformThatChangesTheTypeFailsTheRunNamingTheItemAndWritesNothingInEitherMode() {
		SingleTableTemplate template = template();
		Card card = template.create(new Card(null, null, null, null, "card"));
		Map<String, Map<String, AttributeValue>> stored = storedItems();
		SingleTableBackfills backfills = new SingleTableBackfills(template);
		// a migration's steps hold their transforms untyped: nothing but the caller keeps the type
		java.util.function.UnaryOperator parcel = (read) -> new ParcelNew(((Card) read).id(), 1L, null, null, "x");

		for (RewriteMode mode : RewriteMode.values()) {
			assertThatExceptionOfType(BackfillFailedException.class)
				.as("forEach %s", mode)
				.isThrownBy(() -> backfills.forEach(Card.class, parcel, BackfillOptions.defaults().withRewriteMode(mode)))
				.satisfies((ex) -> assertThat(ex.getPartitionKey()).isEqualTo("Card#" + card.id()))
				.withMessageContaining("Card '" + card.id() + "'")
				.withMessageContaining("returned a " + ParcelNew.class.getName())
				.withMessageContaining("may not change a resource's type");
			assertThat(storedItems()).as("the table after forEach %s", mode).isEqualTo(stored);
		}
	}

	private static Map<String, Map<String, AttributeValue>> storedItems() {
		Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
		dynamo.rawClient()
			.scanPaginator((request) -> request.tableName(dynamo.tableName()))
			.items()
			.stream()
			// the run's own ledger aside
			.filter((item) -> !item.get("pk").s().startsWith("_INTERNAL#Backfill#"))
			.forEach((item) -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), item));
		return items;
	}

	@Test
	void forEachRewritesPlainResourcesInPlaceConditionedOnTheirModificationTime() {
		SingleTableTemplate template = template();
		for (int i = 0; i < 5; i++) {
			template.create(new MemoAfter(null, null, null, "owner-" + i, false, i));
		}
		BackfillResult result = new SingleTableBackfills(template).forEach(MemoAfter.class,
				(memo) -> (memo.counter() % 2 == 0) ? memo.counted() : memo, BackfillOptions.defaults());
		assertThat(result.itemsWritten()).isEqualTo(3);
		assertThat(result.itemsUnchanged()).isEqualTo(2);
		assertThat(template.query(MemoAfter.class).all()).extracting(MemoAfter::counter)
			.containsExactlyInAnyOrder(1, 1, 3, 3, 5);
	}

	@Test
	void moveTakesTheWholeHistoryToTheNewPrefixAndLeavesNothingBehind() {
		SingleTableTemplate old = template();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ParcelOld parcel = old.create(new ParcelOld(null, null, null, null, "city-" + (i % 2)));
			parcel = old.update(new ParcelOld(parcel.id(), parcel.version(), parcel.createdAt(), parcel.updatedAt(),
					"city-" + (i % 2)));
			ids.add(parcel.id());
		}
		LabelOld label = old.create(new LabelOld(null, null, null, "fragile"));
		Map<String, AttributeValue> history = dynamo.storedItem("OldParcel#" + ids.get(0), "v1");

		SingleTableTemplate current = template();
		SingleTableBackfills backfills = new SingleTableBackfills(current);
		BackfillResult moved = backfills.move(ParcelNew.class, "OldParcel", BackfillOptions.defaults());
		BackfillResult labels = backfills.move(LabelNew.class, "OldLabel", BackfillOptions.defaults());

		assertThat(moved.itemsWritten()).isEqualTo(8);
		assertThat(labels.itemsWritten()).isEqualTo(1);
		assertThat(BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(), "OldParcel#")).isEmpty();
		assertThat(BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(), "OldLabel#")).isEmpty();
		for (String id : ids) {
			assertThat(dynamo.sortKeys("Parcel#" + id)).containsExactlyInAnyOrder("v0", "v1", "v2");
			assertThat(current.getById(ParcelNew.class, id).version()).isEqualTo(2);
			assertThat(dynamo.storedItem("Parcel#" + id, "v0").get("gsitype").s()).isEqualTo("Parcel");
		}
		Map<String, AttributeValue> movedHistory = dynamo.storedItem("Parcel#" + ids.get(0), "v1");
		assertThat(BackfillFixtures.without(movedHistory, "pk")).isEqualTo(BackfillFixtures.without(history, "pk"));
		assertThat(current.query(ParcelNew.class).index("gsi1").partition("dest#city-0").all()).hasSize(4);
		assertThat(current.query(ParcelNew.class).all()).hasSize(8);
		assertThat(current.getById(LabelNew.class, label.id()).text()).isEqualTo("fragile");

		// run again: nothing is left under the old prefix
		assertThat(backfills.move(ParcelNew.class, "OldParcel", BackfillOptions.defaults()).itemsRead()).isZero();
	}

	@Test
	void aMoveInterruptedBetweenItsWritesAndDeletesResumesWithNothingLost() {
		SingleTableTemplate old = template();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ParcelOld parcel = old.create(new ParcelOld(null, null, null, null, "city"));
			ids.add(old.update(parcel).id());
		}
		AtomicInteger deletes = new AtomicInteger();
		ExecutionInterceptor lostConnection = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof DeleteItemRequest && deletes.incrementAndGet() == 3) {
					// the old history is deleted, the old latest item not yet
					throw new IllegalStateException("connection lost");
				}
			}
		};
		BackfillOptions options = BackfillOptions.defaults().withRunId("move-parcels").withSegments(1).withThreads(1);
		try (DynamoDbClient client = DynamoDbLocal.newClient(lostConnection)) {
			SingleTableBackfills failing = new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName()));
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> failing.move(ParcelNew.class, "OldParcel", options))
				.withStackTraceContaining("connection lost");
		}
		assertThat(BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(), "OldParcel#")).isNotEmpty();

		SingleTableTemplate current = template();
		BackfillResult resumed = new SingleTableBackfills(current).move(ParcelNew.class, "OldParcel", options);
		assertThat(resumed.itemsWritten()).isEqualTo(4);
		assertThat(BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(), "OldParcel#")).isEmpty();
		for (String id : ids) {
			assertThat(dynamo.sortKeys("Parcel#" + id)).containsExactlyInAnyOrder("v0", "v1", "v2");
			assertThat(current.getById(ParcelNew.class, id).version()).isEqualTo(2);
		}
	}

	@Test
	void recompressRewritesEveryItemInTheFormTheTypeNowNames() {
		SingleTableTemplate text = template();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			SheetText sheet = text.create(new SheetText(null, null, null, null, "body " + i, i));
			sheet = text.update(sheet.with("body " + i + " edited"));
			ids.add(sheet.id());
		}
		assertThat(dynamo.storedItem("Sheet#" + ids.get(0), "v1")).doesNotContainKey("data");

		SingleTableTemplate packed = template();
		BackfillResult result = new SingleTableBackfills(packed).recompress(SheetPacked.class, BackfillOptions.defaults());
		assertThat(result.itemsWritten()).isEqualTo(5);
		for (String id : ids) {
			for (String sk : List.of("v0", "v1", "v2")) {
				Map<String, AttributeValue> item = dynamo.storedItem("Sheet#" + id, sk);
				assertThat(item.get("data").b()).isNotNull();
				assertThat(item).doesNotContainKey("body");
			}
			SheetPacked read = packed.getById(SheetPacked.class, id);
			assertThat(read.body()).endsWith("edited");
			assertThat(read.version()).isEqualTo(2);
			assertThat(packed.findVersion(SheetPacked.class, id, 1).orElseThrow().body()).doesNotEndWith("edited");
		}
		assertThat(new SingleTableBackfills(packed).recompress(SheetPacked.class, BackfillOptions.defaults())
			.itemsWritten()).isZero();
	}

	@Test
	void deleteAllDeletesEveryItemOfTheTypeAndNothingElse() {
		SingleTableTemplate template = template();
		for (int i = 0; i < 7; i++) {
			TicketAfter ticket = template.create(new TicketAfter(null, null, null, null, "o", "t", 0));
			template.update(ticket.counted());
		}
		MemoAfter memo = template.create(new MemoAfter(null, null, null, "o", true, 0));

		BackfillResult result = new SingleTableBackfills(template).deleteAll(TicketAfter.class, BackfillOptions.defaults());
		assertThat(result.itemsWritten()).isEqualTo(7);
		assertThat(BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(), "Ticket#")).isEmpty();
		assertThat(template.findById(MemoAfter.class, memo.id())).isPresent();
	}

	@Test
	void badInputIsRefusedNamingTheTypeAndWhatToDo() {
		SingleTableTemplate template = template();
		template.create(new TicketAfter(null, null, null, null, "o", "t", 0));
		SingleTableBackfills backfills = new SingleTableBackfills(template);

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.reindex(String.class))
			.withMessageContaining("java.lang.String")
			.withMessageContaining("@SingleTableEntity");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.move(ParcelNew.class, "Parcel", BackfillOptions.defaults()))
			.withMessageContaining("ParcelNew")
			.withMessageContaining("own prefix");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.move(ParcelNew.class, "Ticket", BackfillOptions.defaults()))
			.withMessageContaining("TicketAfter is registered under that prefix");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.move(ParcelNew.class, "Old#Parcel", BackfillOptions.defaults()))
			.withMessageContaining("ParcelNew")
			.withMessageContaining("Old#Parcel");
		backfills.reindex(TicketAfter.class, BackfillOptions.defaults().withRunId("shared-name"));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.recompress(TicketAfter.class, BackfillOptions.defaults().withRunId("shared-name")))
			.withMessageContaining("'shared-name' is the run of reindex")
			.withMessageContaining("another run id");
	}

	@Test
	void aRunSendsThroughTheTemplatesClientAndCountsItsOwnRequestsForNoneOfTheTemplatesOperations() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SingleTableTemplate template = template();
		template.setMetrics(new MicrometerSingleTableMetrics(meters));
		for (int i = 0; i < 4; i++) {
			template.create(new Card(null, null, null, null, "card " + i));
		}
		dynamo.requests().reset();

		BackfillResult result = new SingleTableBackfills(template).forEach(Card.class,
				(card) -> card.titled(card.title() + "!"),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));

		assertThat(result.itemsWritten()).isEqualTo(4);
		assertThat(dynamo.requests().count("Query")).as("the run's reads, through the template's client")
			.isPositive();
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "update").counter())
			.as("the new versions, written through the template's update")
			.isNotNull();
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
			.as("the run's own reads and ledger writes, in no operation of the template")
			.isNull();
		assertThat(meters.find(MicrometerSingleTableMetrics.CONFLICTS).tag("operation", "unknown").counter())
			.isNull();
	}

	private static long auditRows(SingleTableTemplate template, String id) {
		return template.auditLog().forResource("Card", id).stream().count();
	}

}
