package dev.singletable.core.convert;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.convert.MappingSingleTableConverterDeferredUnitTests.Clashing;
import dev.singletable.core.convert.MappingSingleTableConverterDeferredUnitTests.Memo;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The check of entity types without the storage mapper ({@link MappingSingleTableConverter#checkWithoutJsonMapper}):
 * it checks records without Jackson annotations as the converter on the default mapper does, failing an invalid one
 * with the converter's own message, and declines, checking nothing, wherever only Jackson can tell the stored shape.
 */
class PlainEntityTypesUnitTests {

	@Test
	void checksRecordsWithoutJacksonAnnotations() {
		assertThat(MappingSingleTableConverter.checkWithoutJsonMapper(context(Memo.class, Note.class))).isTrue();
	}

	@Test
	void failsAnInvalidRecordWithTheMessageOfTheConvertersCheck() {
		String converters = catchThrowableOfType(InvalidEntityDefinitionException.class,
				() -> new MappingSingleTableConverter(context(Memo.class, Clashing.class))).getMessage();

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> MappingSingleTableConverter.checkWithoutJsonMapper(context(Memo.class, Clashing.class)))
			.withMessage(converters)
			.withMessageContaining(Clashing.class.getName())
			.withMessageContaining("'pk'");
	}

	@Test
	void failsARecordWhoseTtlAttributeIsAPropertysWithTheConvertersMessage() {
		String converters = catchThrowableOfType(InvalidEntityDefinitionException.class,
				() -> new MappingSingleTableConverter(context(Expiring.class))).getMessage();

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> MappingSingleTableConverter.checkWithoutJsonMapper(context(Expiring.class)))
			.withMessage(converters)
			.withMessageContaining("ttlAttribute 'text'");
	}

	@Test
	void declinesATypeJacksonIsToldAboutAndSoNeedsTheMapper() {
		assertThat(MappingSingleTableConverter.checkWithoutJsonMapper(context(Memo.class, Renamed.class))).isFalse();
		// the mapper refuses what the plain names could not see: an ignored property would be lost
		assertThat(MappingSingleTableConverter.checkWithoutJsonMapper(context(Ignoring.class))).isFalse();
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> new MappingSingleTableConverter(context(Ignoring.class)))
			.withMessageContaining("'secret' would not be stored");
	}

	@Test
	void declinesAClassWhoseSerializedPropertiesOnlyJacksonKnows() {
		assertThat(MappingSingleTableConverter.checkWithoutJsonMapper(context(Memo.class, Hidden.class))).isFalse();
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> new MappingSingleTableConverter(context(Hidden.class)))
			.withMessageContaining("'text' would not be stored");
	}

	private static SingleTableMappingContext context(Class<?>... types) {
		return MappingSingleTableConverterDeferredUnitTests.context(types);
	}

	@SingleTableEntity
	record Note(@Id String id, String title, Set<String> tags) {
	}

	@SingleTableEntity(ttlProperty = "expiresAt", ttlAttribute = "text")
	record Expiring(@Id String id, String text, java.time.Instant expiresAt) {
	}

	@SingleTableEntity
	record Renamed(@Id String id, @JsonProperty("label") String text) {
	}

	@SingleTableEntity
	record Ignoring(@Id String id, @JsonIgnore String secret) {
	}

	@SingleTableEntity
	static class Hidden {

		@Id
		public String id;

		private String text;

	}

}
