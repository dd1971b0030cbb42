package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.item.TypeIndex;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A type index spread over shards ({@code @SingleTableEntity(typeIndexShards = N)}) without a server: each
 * resource's latest item written under {@code <prefix>#<shard>}, its shard the CRC-32 of its id; a listing of the
 * type read on the type's own key and every shard's, merged in {@code gsitypesk} order as {@code partitionIn} merges,
 * paged with cursors that return every item once; the definitions it refuses.
 */
class SpreadTypeIndexUnitTests {

	private static final String TABLE = "table";

	private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

	private final SingleTableMappingContext context = new SingleTableMappingContext();

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

	private final SingleTablePersistentEntity<?> shipments = this.converter.getRequiredEntity(Shipment.class);

	private final QueryPlans plans = new QueryPlans(new QueryReads(TABLE, this.converter, new Timestamps(), null),
			new CursorCodec(CursorSecrets.of(new byte[32])));

	/** The latest items stored, as the type index holds them. */
	private final List<Map<String, AttributeValue>> stored = new ArrayList<>();

	@Test
	void eachResourceIsWrittenUnderItsShardTheCrc32OfItsIdAtEveryWrite() {
		Set<String> written = new LinkedHashSet<>();
		for (int i = 0; i < 200; i++) {
			String id = "shipment-" + i;
			String first = gsitype(store(id, 1));
			String again = gsitype(store(id, 2));
			CRC32 crc = new CRC32();
			crc.update(id.getBytes(StandardCharsets.UTF_8));
			assertThat(first).isEqualTo(again).isEqualTo("Shipment#" + (crc.getValue() % 4));
			written.add(first);
		}
		// 200 ids land on every one of the 4 shards, never on the type's own key
		assertThat(written).containsExactlyInAnyOrder("Shipment#0", "Shipment#1", "Shipment#2", "Shipment#3");
		assertThat(TypeIndex.partitions(this.shipments))
			.containsExactly("Shipment", "Shipment#0", "Shipment#1", "Shipment#2", "Shipment#3");
	}

	@Test
	void aTypeThatIsNotSpreadKeepsItsOneKey() {
		SingleTablePersistentEntity<?> plain = this.converter.getRequiredEntity(Parcel.class);

		assertThat(TypeIndex.partitionOf(plain, "p1")).isEqualTo("Parcel");
		assertThat(TypeIndex.partitions(plain)).containsExactly("Parcel");
		assertThat(QuerySpec.of(plain).merged()).isFalse();
	}

	@Test
	void aListingOfTheTypeReadsItsOwnKeyAndEveryShardsAndAPartitionOfItOnlyThatOne() {
		QuerySpec listing = QuerySpec.of(this.shipments);

		assertThat(listing.merged()).isTrue();
		assertThat(listing.partitions())
			.containsExactly("Shipment", "Shipment#0", "Shipment#1", "Shipment#2", "Shipment#3");
		// a repository's derived query on the type index names the prefix: the same listing
		assertThat(listing.withPartition("Shipment").partitions()).isEqualTo(listing.partitions());
		assertThat(listing.withSortBeginsWith("2026-01").partitions()).isEqualTo(listing.partitions());
		// what the merge reads of each partition is that partition alone
		assertThat(listing.partition("Shipment").merged()).isFalse();
		assertThat(listing.partition("Shipment").partitions()).containsExactly("Shipment");
		// another index is not the type's key
		assertThat(listing.withIndex("gsi1").withPartition("Shipment").partitions()).containsExactly("Shipment");
	}

	@Test
	void theListingMergesEveryShardInUpdatedAtOrderAndItsPagesReturnEachItemOnce() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			store("s" + i, i);
			expected.add("s" + i);
		}
		// written before the type was spread (or by the Python library): under the type's own key
		Map<String, AttributeValue> old = new HashMap<>(store("old", 40));
		old.put("gsitype", AttributeValue.fromS("Shipment"));
		this.stored.set(this.stored.size() - 1, old);
		expected.add("old");

		List<String> seen = new ArrayList<>();
		Set<String> queried = new LinkedHashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			ScriptedDriver driver = driver();
			QueryPage<Shipment> page = driver
				.run(this.plans.<Shipment>page(QuerySpec.of(this.shipments), cursor, 7, true, true));
			page.items().forEach((shipment) -> seen.add(shipment.id()));
			queried.addAll(partitionsQueried(driver));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(6);
		assertThat(queried).containsExactlyInAnyOrder("Shipment", "Shipment#0", "Shipment#1", "Shipment#2",
				"Shipment#3");

		QueryPage<Shipment> newest = driver()
			.run(this.plans.<Shipment>page(QuerySpec.of(this.shipments).withAscending(false), null, 3, true, true));
		assertThat(newest.items()).extracting(Shipment::id).containsExactly("old", "s39", "s38");
	}

	@Test
	void aFilterOnTheTypeInAQueryOfSeveralTypesTellsItsItemsByEveryShard() {
		SingleTablePersistentEntity<?> parcels = this.converter.getRequiredEntity(Parcel.class);
		QuerySpec mixed = QuerySpec.of(List.of(this.shipments, parcels), true)
			.withIndex("gsi1")
			.withPartition("route#7")
			.andFilter(Filter.forType(Shipment.class, Filter.property("carrier").eq("ups")));

		ResolvedQuery query = new QueryReads(TABLE, this.converter, new Timestamps(), null)
			.resolve(mixed, ResolvedQuery.Reading.ITEMS);

		String filter = query.filterExpression();
		assertThat(filter).startsWith("((NOT ").contains(" IN (");
		assertThat(query.expression().values().values()).extracting(AttributeValue::s)
			.contains("Shipment", "Shipment#0", "Shipment#1", "Shipment#2", "Shipment#3", "ups");
	}

	@Test
	void spreadingIsRefusedWhereTheTypeHasNoOneKeyToSpread() {
		assertThatThrownBy(() -> new SingleTableMappingContext().getRequiredPersistentEntity(TooManyShards.class)).rootCause()
			.isInstanceOf(InvalidEntityDefinitionException.class)
			.hasMessageContaining("typeIndexShards is 25");
		assertThatThrownBy(() -> new SingleTableMappingContext().getRequiredPersistentEntity(NoShards.class)).rootCause()
			.isInstanceOf(InvalidEntityDefinitionException.class)
			.hasMessageContaining("typeIndexShards is 0");
		assertThatThrownBy(() -> new SingleTableMappingContext().getRequiredPersistentEntity(SpreadSingleton.class)).rootCause()
			.isInstanceOf(InvalidEntityDefinitionException.class)
			.hasMessageContaining("singleton");
		assertThatThrownBy(() -> new SingleTableMappingContext().getRequiredPersistentEntity(OwnPartition.class)).rootCause()
			.isInstanceOf(InvalidEntityDefinitionException.class)
			.hasMessageContaining("declares its own gsitype partition");
	}

	@Test
	void aDeclaredTypeIndexSortKeepsTheShardAsPartition() {
		SingleTablePersistentEntity<?> sorted = this.converter.getRequiredEntity(SortedShipment.class);
		ItemLayout layout = new ItemLayout(this.converter);
		SortedShipment shipment = new SortedShipment("x1", "2026-02-03");

		Map<String, AttributeValue> item = layout.latest(sorted, "x1", shipment, layout.body(shipment, AT, null, AT),
				0, AT, AT);

		assertThat(item.get("gsitype").s()).isEqualTo(TypeIndex.partitionOf(sorted, "x1")).startsWith("SortedShipment#");
		assertThat(item.get("gsitypesk").s()).isEqualTo("2026-02-03");
	}

	/** Stores the latest item of a shipment modified {@code minutes} after {@link #AT}. */
	private Map<String, AttributeValue> store(String id, int minutes) {
		ItemLayout layout = new ItemLayout(this.converter);
		Instant modified = AT.plusSeconds(60L * minutes);
		Shipment shipment = new Shipment(id, modified, "ups", "route#7");
		Map<String, AttributeValue> item = layout.latest(this.shipments, id, shipment,
				layout.body(shipment, AT, null, modified), 0, modified, AT);
		this.stored.removeIf((stored) -> stored.get("pk").equals(item.get("pk")));
		this.stored.add(item);
		return item;
	}

	private static String gsitype(Map<String, AttributeValue> item) {
		return item.get("gsitype").s();
	}

	/**
	 * A driver answering each query of the type index as DynamoDB would from the stored items.
	 */
	private ScriptedDriver driver() {
		return IndexAnswers.driver(this.stored, "gsitype", "gsitypesk", (query) -> {
			assertThat(query.indexName()).isEqualTo("gsitype");
			return partitionOf(query);
		});
	}

	/** The partition a query reads: the value of its key condition. */
	private static String partitionOf(QueryRequest query) {
		String placeholder = query.keyConditionExpression().split(" = ")[1].split(" ")[0];
		return query.expressionAttributeValues().get(placeholder).s();
	}

	private static List<String> partitionsQueried(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class)
			.stream()
			.map((plain) -> partitionOf((QueryRequest) plain.request()))
			.toList();
	}

	@SingleTableEntity(typeIndexShards = 4)
	@IndexKey(index = "gsi1", partition = "{route}")
	record Shipment(@Id String id, @LastModifiedDate Instant updatedAt, String carrier, String route) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "{route}")
	record Parcel(@Id String id, String route) {
	}

	@SingleTableEntity(typeIndexShards = 3)
	@IndexKey(index = "gsitype", sort = "{shipDate}")
	record SortedShipment(@Id String id, String shipDate) {
	}

	@SingleTableEntity(typeIndexShards = 25)
	record TooManyShards(@Id String id) {
	}

	@SingleTableEntity(typeIndexShards = 0)
	record NoShards(@Id String id) {
	}

	@SingleTableEntity(typeIndexShards = 2, singleton = true)
	record SpreadSingleton(@Id String id) {
	}

	@SingleTableEntity(typeIndexShards = 2)
	@IndexKey(index = "gsitype", partition = "shipments#{region}")
	record OwnPartition(@Id String id, String region) {
	}

}
