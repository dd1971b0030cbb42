package dev.singletable.core.internal.blob;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KnownBlobFacts}: what it records, for which version and which types, how many, and the condition of a write
 * that uses them.
 */
class KnownBlobFactsTests {

	@Test
	void theFactsOfALatestItemAreKnownAtItsVersionAndThePreviousVersionsUntilReplaced() {
		KnownBlobFacts facts = new KnownBlobFacts(8);
		facts.record(latest("Doc#a", 3, Map.of("body", 2L)));

		KnownBlobFacts.Facts known = facts.get("Doc#a", 3);
		assertThat(known).isNotNull();
		assertThat(BlobAttributes.readVersions(known.attributes())).containsExactly(Map.entry("body", 2L));
		assertThat(known.attributes()).containsOnlyKeys(BlobAttributes.FIELDS, BlobAttributes.VERSIONS);
		assertThat(facts.get("Doc#a", 2)).isNull();
		assertThat(facts.get("Doc#b", 3)).isNull();

		// the next version's facts join them: a write of the entity read at 3 is refused without a read
		facts.record(latest("Doc#a", 4, Map.of("body", 4L)));
		assertThat(BlobAttributes.readVersions(facts.get("Doc#a", 4).attributes())).containsExactly(Map.entry("body", 4L));
		assertThat(BlobAttributes.readVersions(facts.get("Doc#a", 3).attributes())).containsExactly(Map.entry("body", 2L));
		assertThat(facts.size()).isEqualTo(1);

		// two versions on, the oldest is gone; a version skipped keeps none before it
		facts.record(latest("Doc#a", 5, Map.of("body", 5L)));
		assertThat(facts.get("Doc#a", 3)).isNull();
		assertThat(facts.get("Doc#a", 4)).isNotNull();
		facts.record(latest("Doc#a", 7, Map.of("body", 7L)));
		assertThat(facts.get("Doc#a", 5)).isNull();
		assertThat(facts.get("Doc#a", 7)).isNotNull();

		// an older version read later does not replace the latest
		facts.record(latest("Doc#a", 6, Map.of("body", 6L)));
		assertThat(facts.get("Doc#a", 7)).isNotNull();
		assertThat(facts.get("Doc#a", 6)).isNotNull();

		facts.forget("Doc#a");
		assertThat(facts.get("Doc#a", 7)).isNull();
		assertThat(facts.get("Doc#a", 6)).isNull();
	}

	@Test
	void aHistoryItemOrAnItemWithoutVersionIsNotRecorded() {
		KnownBlobFacts facts = new KnownBlobFacts(8);
		Map<String, AttributeValue> history = new HashMap<>(latest("Doc#a", 3, Map.of("body", 3L)));
		history.put("sk", AttributeValue.fromS("v3"));
		facts.record(history);
		Map<String, AttributeValue> plain = new HashMap<>(latest("Doc#b", 3, Map.of("body", 3L)));
		plain.remove("version");
		facts.record(plain);

		assertThat(facts.size()).isZero();
	}

	@Test
	void aReadRecordsTheLatestItemsOfVersionedTypesWithBlobPropertiesAlone() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		KnownBlobFacts facts = new KnownBlobFacts(8);

		facts.recordRead(context.getRequiredPersistentEntity(Doc.class), latest("Doc#a", 1, Map.of("body", 1L)));
		facts.recordRead(context.getRequiredPersistentEntity(Page.class), latest("Page#a", 1, Map.of("body", 1L)));
		facts.recordRead(context.getRequiredPersistentEntity(Memo.class), latest("Memo#a", 1, Map.of("body", 1L)));

		assertThat(facts.get("Doc#a", 1)).isNotNull();
		assertThat(facts.size()).isEqualTo(1);
	}

	@Test
	void theLeastRecentlyUsedFactsLeaveFirstBeyondTheCapacity() {
		KnownBlobFacts facts = new KnownBlobFacts(2);
		facts.record(latest("Doc#a", 1, Map.of("body", 1L)));
		facts.record(latest("Doc#b", 1, Map.of("body", 1L)));
		assertThat(facts.get("Doc#a", 1)).isNotNull();
		facts.record(latest("Doc#c", 1, Map.of("body", 1L)));

		assertThat(facts.size()).isEqualTo(2);
		assertThat(facts.get("Doc#b", 1)).isNull();
		assertThat(facts.get("Doc#a", 1)).isNotNull();
		assertThat(facts.get("Doc#c", 1)).isNotNull();
	}

	@Test
	void theConditionRequiresEachStoredAttributeEqualAndTheAbsentOnesAbsent() {
		KnownBlobFacts facts = new KnownBlobFacts(8);
		Map<String, AttributeValue> item = latest("Doc#a", 3, Map.of("body", 2L));
		facts.record(item);
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();

		String condition = KnownBlobFacts.condition("#version = :expected", facts.get("Doc#a", 3), names, values);

		assertThat(condition).isEqualTo("#version = :expected AND #blob0 = :blob0 AND #blob1 = :blob1"
				+ " AND attribute_not_exists(#blob2)");
		assertThat(names).containsEntry("#blob0", BlobAttributes.FIELDS)
			.containsEntry("#blob1", BlobAttributes.VERSIONS)
			.containsEntry("#blob2", BlobAttributes.DIGESTS);
		assertThat(values).containsEntry(":blob0", item.get(BlobAttributes.FIELDS))
			.containsEntry(":blob1", item.get(BlobAttributes.VERSIONS))
			.doesNotContainKey(":blob2");
	}

	@SingleTableEntity(versioned = true)
	record Doc(@Id String id, @Version Long version, @BlobField byte @Nullable [] body) {
	}

	/** Versioned, without blob properties. */
	@SingleTableEntity(versioned = true)
	record Page(@Id String id, @Version Long version, String title) {
	}

	/** Blob properties, not versioned. */
	@SingleTableEntity
	record Memo(@Id String id, @BlobField byte @Nullable [] body) {
	}

	private static Map<String, AttributeValue> latest(String pk, long version, Map<String, Long> references) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("version", AttributeValue.fromN(Long.toString(version)));
		BlobAttributes.writeVersioned(item, references);
		return item;
	}

}
