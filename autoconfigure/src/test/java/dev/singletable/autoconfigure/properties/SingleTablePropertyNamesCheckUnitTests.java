package dev.singletable.autoconfigure.properties;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	@Test
	void metadataNamesAreTheSingletableNameMembersOfTheFile() {
		String json = "{\"groups\": [{\"name\": \"singletable.blobs\", \"type\": \"x\"}],\n"
				+ " \"properties\": [{\"name\"\t:\n\"singletable.table-name\"}, {\"name\":\"spring.application.name\"},"
				+ " {\"name\": \"singletable.\"}, {\"name\": \"singletable.we\\\"ird\"}, {\"name\": 3},"
				+ " {\"description\": \"the \\\"name\\\" of it\"}, {\"name\" : \"singletable.versioning.max-versions\"}]}";
		assertThat(SingleTablePropertyNamesCheck.names(json)).containsExactly("singletable.blobs",
				"singletable.table-name", "singletable.versioning.max-versions");
	}

	@Test
	void metadataNamesOfEveryFileOnTheClasspathAreThoseOfAFullPatternMatch() throws IOException {
		Pattern member = Pattern.compile("\"name\"\\s*:\\s*\"(singletable\\.[^\"\\\\]+)\"");
		int files = 0;
		for (URL resource : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			String json;
			try (InputStream in = resource.openStream()) {
				json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Set<String> expected = new LinkedHashSet<>();
			Matcher matcher = member.matcher(json);
			while (matcher.find()) {
				expected.add(matcher.group(1));
			}
			assertThat(SingleTablePropertyNamesCheck.names(json)).as(resource.toString())
				.containsExactlyElementsOf(expected);
			files++;
		}
		assertThat(files).isGreaterThan(1);
		assertThat(SingleTablePropertyNamesCheck.ownNames(getClass().getClassLoader())).contains("singletable.table-name",
				"singletable.drift.enabled");
	}

}
