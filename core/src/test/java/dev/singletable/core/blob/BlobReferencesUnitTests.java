package dev.singletable.core.blob;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.BlobReference;
import dev.singletable.core.internal.blob.BlobReferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests the pure reference rules of {@link BlobReferences} and the item attributes of {@link BlobAttributes}.
 */
class BlobReferencesUnitTests {

	@Test
	void aNewVersionRefersToItsOwnObjectForWrittenPropertiesAndKeepsTheOthers() {
		Map<String, Long> v1 = BlobReferences.nextVersion(Map.of(), 1, List.of("body", "image"), List.of());
		assertThat(v1).containsOnly(Map.entry("body", 1L), Map.entry("image", 1L));
		Map<String, Long> v2 = BlobReferences.nextVersion(v1, 2, List.of("image"), List.of());
		assertThat(v2).containsOnly(Map.entry("body", 1L), Map.entry("image", 2L));
		Map<String, Long> v3 = BlobReferences.nextVersion(v2, 3, List.of(), List.of("image"));
		assertThat(v3).containsOnly(Map.entry("body", 1L));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobReferences.nextVersion(v3, 4, List.of("a"), List.of("a")))
			.withMessageContaining("'a'");
	}

	@Test
	void deletingAVersionKeepsTheObjectsLaterVersionsStillUse() {
		// v1 wrote body and image; v2 replaced image; v3 changed neither (seed bug 2.14 #7 deletes v1/body with v1)
		Map<String, Long> v1 = Map.of("body", 1L, "image", 1L);
		Map<String, Long> v2 = Map.of("body", 1L, "image", 2L);
		Map<String, Long> v3 = Map.of("body", 1L, "image", 2L);
		assertThat(BlobReferences.unreferenced(List.of(v1), List.of(v2, v3, v3)))
			.containsExactly(new BlobReference("image", 1));
		assertThat(BlobReferences.unreferenced(List.of(v2), List.of(v1, v3))).isEmpty();
	}

	@Test
	void pruningDeletesWhatNoRemainingVersionUses() {
		Map<String, Long> v1 = Map.of("body", 1L);
		Map<String, Long> v2 = Map.of("body", 2L, "image", 2L);
		Map<String, Long> v3 = Map.of("image", 2L);
		Map<String, Long> v4 = Map.of("image", 4L);
		assertThat(BlobReferences.unreferenced(List.of(v1, v2), List.of(v3, v4, v4)))
			.containsExactlyInAnyOrder(new BlobReference("body", 1), new BlobReference("body", 2));
		assertThat(BlobReferences.unreferenced(List.of(v1, v2, v3, v4), List.of()))
			.containsExactlyInAnyOrder(new BlobReference("body", 1), new BlobReference("body", 2),
					new BlobReference("image", 2), new BlobReference("image", 4));
	}

	@Test
	void findsObjectsNoVersionRefersTo() {
		List<BlobLocation> existing = List.of(BlobLocation.of("T", "i", 1, "a"), BlobLocation.of("T", "i", 2, "a"),
				BlobLocation.of("T", "i", 3, "a"));
		assertThat(BlobReferences.orphans(existing, List.of(Map.of("a", 1L), Map.of("a", 3L))))
			.containsExactly(BlobLocation.of("T", "i", 2, "a"));
	}

	@Test
	void plainTypesLoseTheObjectsOfPropertiesNoLongerListed() {
		assertThat(BlobReferences.unreferencedFields(List.of("a", "b"), List.of("b", "c"))).containsExactly("a");
	}

	@Test
	void writesTheAttributesAsThePythonLibraryDoes() {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		BlobAttributes.writeVersioned(item, Map.of("image", 2L, "body", 1L));
		assertThat(item.get("_blob_fields")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("body"),
				AttributeValue.fromS("image"))));
		assertThat(item.get("_blob_versions")).isEqualTo(AttributeValue.fromM(Map.of("body", AttributeValue.fromN("1"),
				"image", AttributeValue.fromN("2"))));
		BlobAttributes.writeVersioned(item, Map.of());
		assertThat(item).isEmpty();
		BlobAttributes.writePlain(item, Set.of("avatar"));
		assertThat(item).containsOnlyKeys("_blob_fields");
		assertThat(BlobAttributes.readFields(item)).containsExactly("avatar");
	}

	@Test
	void readsTheAttributesAndLocatesTheObjects() {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("body"), AttributeValue.fromS("image"))));
		item.put("_blob_versions", AttributeValue.fromM(Map.of("body", AttributeValue.fromN("1"))));
		assertThat(BlobAttributes.readVersions(item)).containsExactly(Map.entry("body", 1L));
		assertThat(BlobAttributes.locations("Doc", "d1", 5L, item)).containsExactly(
				Map.entry("body", BlobLocation.of("Doc", "d1", 1, "body")),
				Map.entry("image", BlobLocation.of("Doc", "d1", 5, "image")));
		assertThat(BlobAttributes.locations("Doc", "d1", null, item))
			.containsEntry("body", BlobLocation.of("Doc", "d1", "body"));
		item.put("_blob_versions", AttributeValue.fromM(Map.of("body", AttributeValue.fromN("0"))));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobAttributes.readVersions(item))
			.withMessageContaining("_blob_versions.body");
	}

	@Test
	void buildsKeysAsThePythonLibraryDoes() {
		assertThat(BlobLocation.of("Doc", "d1", 3, "body").key("prefix//")).isEqualTo("prefix/Doc/d1/v3/body");
		assertThat(BlobLocation.of("Doc", "d1", "body").key("")).isEqualTo("Doc/d1/body");
		assertThat(BlobLocation.resourcePrefix("p", "Doc", "d1")).isEqualTo("p/Doc/d1/");
	}

}
