package dev.singletable.autoconfigure.properties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of how {@link SingleTablePropertyNamesCheck} decides that a property name set is a typo of a known one,
 * without an application context.
 */
class SingleTablePropertyNamesCheckUnitTests {

	@Test
	void aNameIsCloseWithinAQuarterOfItsLettersOrUnderAnotherGroupOfTheSameLastSegment() {
		Map<String, String> known = new LinkedHashMap<>();
		for (String name : List.of("singletable.blobs.cache", "singletable.versioning.max-versions",
				"singletable.embedded.enabled", "singletable.table-name")) {
			known.put(name.replace("-", ""), name);
		}
		assertThat(SingleTablePropertyNamesCheck.close("singletable.frobnicate", known)).isNull();
		assertThat(SingleTablePropertyNamesCheck.close("singletable.foo.enabled", known)).as("a common last segment")
			.isNull();
		assertThat(SingleTablePropertyNamesCheck.close("singletable.maxversions", known))
			.isEqualTo("singletable.versioning.max-versions");
		assertThat(SingleTablePropertyNamesCheck.close("singletable.blobs.cahce", known))
			.isEqualTo("singletable.blobs.cache");
		assertThat(SingleTablePropertyNamesCheck.close("singletable.tablenames", known))
			.isEqualTo("singletable.table-name");
	}

	@Test
	void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
		assertThat(SingleTablePropertyNamesCheck.distance("max-version", "max-versions")).isEqualTo(1);
		assertThat(SingleTablePropertyNamesCheck.distance("embeded", "embedded")).isEqualTo(1);
		assertThat(SingleTablePropertyNamesCheck.distance("regoin", "region")).isEqualTo(2);
		assertThat(SingleTablePropertyNamesCheck.distance("", "abc")).isEqualTo(3);
	}

}
