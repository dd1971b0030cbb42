package dev.singletable.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.fixtures.Consignment;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.BackfillSource;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A type whose type index is spread over 4 shards ({@link Consignment}) against DynamoDB Local: its latest items
 * under {@code Consignment#0..3}, a resource on the same shard at every write; its listing on both templates read on
 * the type's own key and every shard's, in {@code updated_at} order, pages with cursors (valid across both APIs)
 * returning every resource once, descending the exact reverse; counts, first results and type filters over the
 * shards; an item under the type's own key (as the Python library writes it) listed too, and moved to its shard
 * by a reindex, which reads the table since the type index holds the type under several keys.
 */
class SpreadTypeIndexIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final MutableClock clock = new MutableClock();

	private SingleTableTemplate template;

	private ReactiveSingleTableTemplate reactiveTemplate;

	private DynamoDbAsyncClient asyncClient;

	/** The ids in the order of their modification. */
	private final List<String> modified = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setClock(this.clock);
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		this.reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName(),
				this.template.getConverter());
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < 45; i++) {
			this.clock.set(start.plusMillis(10L * i));
			this.template.create(Consignment.of("c%02d".formatted(i), "north", (i % 3 == 0) ? "ups" : "dhl"));
			this.modified.add("c%02d".formatted(i));
		}
		// two updates move their resources to the end of the listing, on their own shards
		for (String id : List.of("c07", "c20")) {
			this.clock.set(this.clock.instant().plusMillis(10));
			Consignment stored = this.template.findById(Consignment.class, id).orElseThrow();
			this.template.update(stored.carriedBy("fedex"));
			this.modified.remove(id);
			this.modified.add(id);
		}
		dynamo.requests().reset();
	}

	@AfterEach
	void close() {
		this.asyncClient.close();
	}

	@Test
	void everyResourceIsUnderItsShardOfTheTypeIndexAndStaysThereWhenUpdated() {
		Map<String, String> shards = storedTypePartitions();

		assertThat(shards).hasSize(45);
		assertThat(new TreeSet<>(shards.values())).containsExactly("Consignment#0", "Consignment#1",
				"Consignment#2", "Consignment#3");
		this.clock.set(this.clock.instant().plusSeconds(1));
		String before = shards.get("c07");
		this.template.update(this.template.findById(Consignment.class, "c07").orElseThrow().carriedBy("ups"));
		assertThat(storedTypePartitions().get("c07")).isEqualTo(before);
	}

	@Test
	void pagesOfTheListingReturnEveryResourceOnceInUpdatedAtOrderOnBothApis() {
		List<String> blocking = new ArrayList<>();
		List<String> reactive = new ArrayList<>();
		List<String> mixed = new ArrayList<>();
		String cursor = null;
		String reactiveCursor = null;
		String mixedCursor = null;
		int pages = 0;
		do {
			QueryPage<Consignment> page = this.template.query(Consignment.class).limit(8).page(cursor);
			page.items().forEach((consignment) -> blocking.add(consignment.id()));
			cursor = page.nextCursor();
			QueryPage<Consignment> reactivePage = this.reactiveTemplate.query(Consignment.class)
				.limit(8)
				.page(reactiveCursor)
				.block();
			reactivePage.items().forEach((consignment) -> reactive.add(consignment.id()));
			reactiveCursor = reactivePage.nextCursor();
			// a cursor of one API continues in the other
			boolean even = pages % 2 == 0;
			QueryPage<Consignment> mixedPage = even ? this.template.query(Consignment.class).limit(8).page(mixedCursor)
					: this.reactiveTemplate.query(Consignment.class).limit(8).page(mixedCursor).block();
			mixedPage.items().forEach((consignment) -> mixed.add(consignment.id()));
			mixedCursor = mixedPage.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(blocking).containsExactlyElementsOf(this.modified);
		assertThat(reactive).containsExactlyElementsOf(this.modified);
		assertThat(mixed).containsExactlyElementsOf(this.modified);
		assertThat(reactiveCursor).isNull();
		assertThat(pages).isEqualTo(6);
		assertThat(partitionsQueried()).as("each page reads the type's own key and the 4 shards")
			.containsOnly("Consignment", "Consignment#0", "Consignment#1", "Consignment#2", "Consignment#3");
	}

	@Test
	void descendingStreamsCountsAndFirstResultsSpanEveryShard() {
		List<String> reversed = new ArrayList<>(this.modified);
		Collections.reverse(reversed);

		assertThat(this.template.query(Consignment.class).descending().all()).extracting(Consignment::id)
			.containsExactlyElementsOf(reversed);
		assertThat(this.reactiveTemplate.query(Consignment.class).all().map(Consignment::id).collectList().block())
			.containsExactlyElementsOf(this.modified);
		assertThat(this.template.query(Consignment.class).count()).isEqualTo(45);
		assertThat(this.reactiveTemplate.query(Consignment.class).count().block()).isEqualTo(45);
		assertThat(this.template.query(Consignment.class).descending().first()).map(Consignment::id)
			.contains(reversed.get(0));
		assertThat(this.template.query(Consignment.class).limit(5).descending().page().items())
			.extracting(Consignment::id)
			.containsExactlyElementsOf(reversed.subList(0, 5));
	}

	@Test
	void aTypeFilterOnAnotherIndexTellsTheTypeByEveryShard() {
		List<Consignment> ups = this.template.query(Consignment.class)
			.index("gsi1")
			.partition("route#north")
			.filter(Filter.forType(Consignment.class, Filter.property("carrier").eq("ups")))
			.all();

		assertThat(ups).extracting(Consignment::id)
			.containsExactlyInAnyOrderElementsOf(this.modified.stream()
				.filter((id) -> Integer.parseInt(id.substring(1)) % 3 == 0 && !Set.of("c07", "c20").contains(id))
				.toList());
	}

	@Test
	void anItemUnderTheTypesOwnKeyAsThePythonLibraryWritesItIsListedToo() {
		Map<String, AttributeValue> item = new HashMap<>(dynamo.storedItem("Consignment#c03", "v0"));
		item.put("gsitype", AttributeValue.fromS("Consignment"));
		item.put("gsitypesk", AttributeValue.fromS("9999-12-31T00:00:00+00:00"));
		dynamo.rawClient().putItem((put) -> put.tableName(dynamo.tableName()).item(item));
		List<String> expected = new ArrayList<>(this.modified);
		expected.remove("c03");
		expected.add("c03");

		assertThat(this.template.query(Consignment.class).all()).extracting(Consignment::id)
			.containsExactlyElementsOf(expected);
		assertThat(this.template.query(Consignment.class).count()).isEqualTo(45);
	}

	@Test
	void aReindexMovesItemsUnderTheTypesOwnKeyToTheirShardsReadingTheTableNotTheTypeIndex() {
		for (String id : List.of("c01", "c02", "c03")) {
			Map<String, AttributeValue> item = new HashMap<>(dynamo.storedItem("Consignment#" + id, "v0"));
			item.put("gsitype", AttributeValue.fromS("Consignment"));
			dynamo.rawClient().putItem((put) -> put.tableName(dynamo.tableName()).item(item));
		}
		SingleTableBackfills backfills = new SingleTableBackfills(this.template);

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> backfills.reindex(Consignment.class,
					BackfillOptions.defaults().withRunId("spread-by-index").withSource(BackfillSource.TYPE_INDEX)))
			.withMessageContaining("spreads its items over 4 shards");
		BackfillResult moved = backfills.reindex(Consignment.class, BackfillOptions.defaults().withRunId("spread"));

		assertThat(moved.itemsWritten()).isEqualTo(3);
		assertThat(storedTypePartitions()).hasSize(45).allSatisfy((id, partition) -> assertThat(partition)
			.isEqualTo(TypeIndex.partitionOf(this.template.getConverter().getMappingContext()
				.getRequiredPersistentEntity(Consignment.class), id)));
		assertThat(this.template.query(Consignment.class).all()).extracting(Consignment::id)
			.containsExactlyElementsOf(this.modified);
	}

	/** The type index partition of each stored latest item, by id. */
	private Map<String, String> storedTypePartitions() {
		Map<String, String> partitions = new HashMap<>();
		dynamo.rawClient()
			.scanPaginator(ScanRequest.builder().tableName(dynamo.tableName()).build())
			.items()
			.forEach((item) -> {
				if (item.containsKey("gsitype") && item.get("pk").s().startsWith("Consignment#")) {
					partitions.put(item.get("pk").s().substring("Consignment#".length()), item.get("gsitype").s());
				}
			});
		return partitions;
	}

	private List<String> partitionsQueried() {
		return dynamo.requests()
			.sent(QueryRequest.class)
			.stream()
			.map((query) -> query.expressionAttributeValues()
				.get(query.keyConditionExpression().split(" = ")[1].split(" ")[0])
				.s())
			.toList();
	}

}
