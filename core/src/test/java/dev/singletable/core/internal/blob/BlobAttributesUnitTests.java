package dev.singletable.core.internal.blob;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digests an item records of the objects it uses: written with the version each one is of, read only while the
 * item's references still name that version.
 */
class BlobAttributesUnitTests {

	@Test
	void digestsAreReadBackForTheVersionsTheReferencesName() {
		Map<String, AttributeValue> item = new HashMap<>();
		Map<String, Long> references = Map.of("cover", 3L, "body", 1L);
		BlobAttributes.writeVersioned(item, references);
		BlobAttributes.writeDigests(item, references, Map.of("cover", "aa11", "body", "bb22"));

		assertThat(item.get(BlobAttributes.DIGESTS).m()).containsEntry("cover", AttributeValue.fromS("3:aa11"))
			.containsEntry("body", AttributeValue.fromS("1:bb22"));
		assertThat(BlobAttributes.readDigests(item)).containsOnly(Map.entry("cover", "aa11"), Map.entry("body", "bb22"));
	}

	@Test
	void aDigestOfAnotherVersionThanTheReferenceIsNotUsed() {
		Map<String, AttributeValue> item = new HashMap<>();
		BlobAttributes.writeVersioned(item, Map.of("cover", 3L, "body", 1L));
		BlobAttributes.writeDigests(item, Map.of("cover", 3L, "body", 1L), Map.of("cover", "aa11", "body", "bb22"));
		// another writer pointed the cover at another version's object, leaving the digests as they were
		BlobAttributes.writeVersioned(item, Map.of("cover", 4L, "body", 1L));

		assertThat(BlobAttributes.readDigests(item)).containsOnly(Map.entry("body", "bb22"));
	}

	@Test
	void anItemWithoutDigestsOrWithMalformedOnesHasNone() {
		Map<String, AttributeValue> item = new HashMap<>();
		BlobAttributes.writeVersioned(item, Map.of("cover", 2L));
		assertThat(BlobAttributes.readDigests(item)).isEmpty();
		assertThat(BlobAttributes.readDigests(null)).isEmpty();

		item.put(BlobAttributes.DIGESTS, AttributeValue.fromM(Map.of("cover", AttributeValue.fromS("no-version"))));
		assertThat(BlobAttributes.readDigests(item)).isEmpty();

		BlobAttributes.writeDigests(item, Map.of("cover", 2L), Map.of());
		assertThat(item).doesNotContainKey(BlobAttributes.DIGESTS);
	}

}
