package dev.singletable.core.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.fixtures.Article;
import dev.singletable.core.fixtures.Reading;
import dev.singletable.core.fixtures.Task;
import dev.singletable.internal.format.IndexValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IndexKeysUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	@Test
	void renderedIntegersSortLikeTheirValues() {
		Random random = new Random(42);
		List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE, -10L, 9L, 10L));
		for (int i = 0; i < 500; i++) {
			values.add(random.nextLong());
			values.add((long) random.nextInt(2000) - 1000);
		}
		List<Long> byValue = values.stream().sorted().toList();
		List<Long> byRendered = values.stream().sorted((a, b) -> IndexValues.render(a).compareTo(IndexValues.render(b))).toList();
		assertThat(byRendered).isEqualTo(byValue);
	}

	@Test
	void renderedTimestampsAndDatesSortLikeTheirValues() {
		Instant a = Instant.parse("2025-01-01T00:00:00Z");
		Instant b = Instant.parse("2025-01-01T00:00:00.000001Z");
		assertThat(IndexValues.render(a)).isLessThan(IndexValues.render(b));
		assertThat(IndexValues.render(LocalDate.of(2025, 1, 9))).isLessThan(IndexValues.render(LocalDate.of(2025, 1, 10)));
		assertThat(IndexValues.render(Task.Status.OPEN)).isEqualTo("OPEN");
	}

	@Test
	void templatesRenderOrLeaveTheKeyOutWhenAPropertyIsNull() {
		KeyTemplate template = KeyTemplate.parse("owner#{owner}#{priority}");

		assertThat(template.getProperties()).containsExactly("owner", "priority");
		assertThat(template.render(Map.<String, Object>of("owner", "ann", "priority", 3)::get))
			.isEqualTo("owner#ann#0000000000000000003");
		assertThat(template.render(Map.<String, Object>of("priority", 3)::get)).isNull();
		assertThat(template.renderPrefix(Map.<String, Object>of("owner", "ann")::get)).isEqualTo("owner#ann#");
	}

	@Test
	void partitionTemplatesRenderNumbersAsPythonsStrAndSortTemplatesInOrder() {
		KeyTemplate partition = KeyTemplate.parse("prio#{priority}", KeyTemplate.Role.PARTITION);
		KeyTemplate sort = KeyTemplate.parse("prio#{priority}", KeyTemplate.Role.SORT);

		assertThat(partition.render(Map.<String, Object>of("priority", 2)::get)).isEqualTo("prio#2");
		assertThat(partition.render(Map.<String, Object>of("priority", -3L)::get)).isEqualTo("prio#-3");
		assertThat(sort.render(Map.<String, Object>of("priority", 2)::get)).isEqualTo("prio#0000000000000000002");
	}

	@Test
	void placeholdersNamePythonNumberForms() {
		KeyTemplate template = KeyTemplate.parse("{day:d}#{seq:05d}", KeyTemplate.Role.SORT);

		assertThat(template.getProperties()).containsExactly("day", "seq");
		assertThat(template.hasNumberForm(0)).isTrue();
		assertThat(template.render(Map.<String, Object>of("day", 7, "seq", 42)::get)).isEqualTo("7#00042");
		assertThat(template.render(Map.<String, Object>of("day", 7, "seq", -42)::get)).isEqualTo("7#-0042");
		assertThat(template.render(Map.<String, Object>of("day", 7, "seq", 1234567)::get)).isEqualTo("7#1234567");
		assertThat(template.renderPrefix(Map.<String, Object>of("day", 7)::get)).isEqualTo("7#");
		assertThat(KeyTemplate.parse("{seq}", KeyTemplate.Role.PARTITION).hasNumberForm(0)).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> KeyTemplate.parse("x#{seq:5x}", KeyTemplate.Role.SORT))
			.withMessageContaining("':5x'")
			.withMessageContaining("':05d'");
	}

	@Test
	void enumsRenderTheirStoredJsonValue() {
		assertThat(IndexValues.render(Shade.LIGHT_GREEN)).isEqualTo("light-green");
		assertThat(IndexValues.renderPlain(Shade.DARK)).isEqualTo("DARK");
		assertThat(IndexValues.render(Level.HIGH)).isEqualTo("h");
		assertThat(KeyTemplate.parse("shade#{shade}", KeyTemplate.Role.PARTITION)
			.render(Map.<String, Object>of("shade", Shade.LIGHT_GREEN)::get)).isEqualTo("shade#light-green");
	}

	@Test
	void numberFormsAreOnlyForIntegerProperties() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(NumberFormOnText.class))
			.withMessageContaining("'name'")
			.withMessageContaining("integer");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(UnknownForm.class))
			.withMessageContaining("':x'");
	}

	@Test
	void entitiesDescribeTheirIndexesWithConventionalAttributes() {
		SingleTablePersistentEntity<Task> task = this.converter.getRequiredEntity(Task.class);
		SingleTablePersistentEntity<Reading> reading = this.converter.getRequiredEntity(Reading.class);
		SingleTablePersistentEntity<Article> article = this.converter.getRequiredEntity(Article.class);

		assertThat(task.getIndexDefinition("gsi1")).satisfies((gsi1) -> {
			assertThat(gsi1.partitionAttribute()).isEqualTo("gsi1pk");
			assertThat(gsi1.sortAttribute()).isEqualTo("pk");
			assertThat(gsi1.sortWritten()).isFalse();
		});
		assertThat(task.getIndexDefinition("gsi3").sortAttribute()).isEqualTo("gsi3sk");
		assertThat(task.getIndexDefinition("gsi2").method()).isNotNull();
		assertThat(reading.getIndexDefinition("gsi-1")).satisfies((custom) -> {
			assertThat(custom.partitionAttribute()).isEqualTo("gsi1pk");
			assertThat(custom.sortAttribute()).isEqualTo("gsi1sk");
		});
		assertThat(reading.getIndexDefinition("gsitype").isTypeIndex()).isTrue();
		assertThat(article.getIndexDefinition("gsi3").sortWritten()).isTrue();
	}

	@Test
	void invalidIndexDeclarationsFailNamingTheProblem() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(UnknownProperty.class))
			.withMessageContaining("'nope', which is not a property");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(MissingSort.class))
			.withMessageContaining("gsi3")
			.withMessageContaining("sort");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(UnorderedType.class))
			.withMessageContaining("order-preserving");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(SortOnPk.class))
			.withMessageContaining("sorts on the table's pk");
	}

	enum Shade {

		@com.fasterxml.jackson.annotation.JsonProperty("light-green")
		LIGHT_GREEN, DARK

	}

	enum Level {

		HIGH("h");

		private final String code;

		Level(String code) {
			this.code = code;
		}

		@com.fasterxml.jackson.annotation.JsonValue
		String code() {
			return this.code;
		}

	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "x#{name:05d}")
	record NumberFormOnText(@Id String id, String name) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "x#{count:x}")
	record UnknownForm(@Id String id, int count) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "x#{nope}")
	record UnknownProperty(@Id String id) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi3", partition = "x#{name}")
	record MissingSort(@Id String id, String name) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "x#{ratio}")
	record UnorderedType(@Id String id, double ratio) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "x#{name}", sort = "{name}")
	record SortOnPk(@Id String id, String name) {
	}

}
