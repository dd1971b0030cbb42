package dev.singletable.core.mapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleTableMappingContextUnitTests {

	@Test
	void readsOptionsFromTheAnnotationWithBuiltInDefaults() {
		SingleTableMappingContext context = new SingleTableMappingContext();

		SingleTablePersistentEntity<?> note = context.getRequiredPersistentEntity(Note.class);
		SingleTablePersistentEntity<?> profile = context.getRequiredPersistentEntity(Profile.class);
		SingleTablePersistentEntity<?> document = context.getRequiredPersistentEntity(Document.class);

		assertThat(note.getPrefix()).isEqualTo("Note");
		assertThat(note.isVersioned()).isTrue();
		assertThat(note.isCompressed()).isTrue();
		assertThat(note.getMaxVersions()).isZero();
		assertThat(profile.isVersioned()).isFalse();
		assertThat(profile.isCompressed()).isFalse();
		assertThat(document.isCompressed()).isFalse();
		assertThat(document.getMaxVersions()).isEqualTo(3);
		assertThat(note.getCreatedDateProperty().getName()).isEqualTo("createdAt");
	}

	@Test
	void globalDefaultsApplyWhereTheTypeIsSilent() {
		SingleTableMappingContext context = new SingleTableMappingContext(new MappingDefaults(true, 20));

		assertThat(context.getRequiredPersistentEntity(Profile.class).isCompressed()).isTrue();
		assertThat(context.getRequiredPersistentEntity(Note.class).getMaxVersions()).isEqualTo(20);
		assertThat(context.getRequiredPersistentEntity(Document.class).getMaxVersions()).isEqualTo(3);
		assertThat(context.getRequiredPersistentEntity(Document.class).isCompressed()).isFalse();
	}

	@Test
	void invalidDefinitionsFailNamingTypeAndFix() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(NoId.class))
			.withMessageContaining("NoId")
			.withMessageContaining("@Id");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(NumericId.class))
			.withMessageContaining("must be a String");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(VersionedWithoutVersion.class))
			.withMessageContaining("@Version");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(LocalTimestamp.class))
			.withMessageContaining("Instant or OffsetDateTime");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(BadTtl.class))
			.withMessageContaining("ttlProperty 'missing'");
	}

	@Test
	void aTtlAttributeThatAnotherValueIsStoredUnderIsRefusedWhenTheConverterStarts() {
		for (Class<?> type : List.of(TtlOnVersion.class, TtlOnData.class, TtlOnUpdatedAt.class, TtlOnGsiType.class,
				TtlOnIndexKey.class)) {
			SingleTableMappingContext context = new SingleTableMappingContext();
			context.setInitialEntitySet(Set.of(type));
			assertThatExceptionOfType(InvalidEntityDefinitionException.class).as(type.getSimpleName())
				.isThrownBy(() -> new MappingSingleTableConverter(initialized(context)))
				.withMessageContaining(type.getName())
				.withMessageContaining("ttlAttribute '")
				.withMessageContaining("@SingleTableEntity(ttlAttribute = ");
		}
		for (Class<?> type : List.of(TtlOnProperty.class, TtlOnRenamedProperty.class, TtlOnItsOwnProperty.class)) {
			SingleTableMappingContext context = new SingleTableMappingContext();
			context.setInitialEntitySet(Set.of(type));
			assertThatExceptionOfType(InvalidEntityDefinitionException.class).as(type.getSimpleName())
				.isThrownBy(() -> new MappingSingleTableConverter(initialized(context)))
				.withMessageContaining(type.getName())
				.withMessageContaining("ttlAttribute 'ttl' is also where its property")
				.withMessageContaining("@JsonProperty");
		}
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(TtlOnProperty.class))
			.withMessageContaining("'ttl'");
		assertThat(converter.getRequiredEntity(TtlElsewhere.class).getTtlAttribute()).isEqualTo("expires_epoch");
	}

	private static SingleTableMappingContext initialized(SingleTableMappingContext context) {
		try {
			context.initialize();
		}
		catch (org.springframework.data.mapping.MappingException ex) {
			if (ex.getCause() instanceof InvalidEntityDefinitionException invalid) {
				throw invalid;
			}
			throw ex;
		}
		return context;
	}

	@SingleTableEntity(ttlProperty = "expires", ttlAttribute = "version")
	record TtlOnVersion(@Id String id, Instant expires) {
	}

	@SingleTableEntity(ttlProperty = "expires", ttlAttribute = "data")
	record TtlOnData(@Id String id, Instant expires) {
	}

	@SingleTableEntity(ttlProperty = "expires", ttlAttribute = "updated_at")
	record TtlOnUpdatedAt(@Id String id, Instant expires) {
	}

	@SingleTableEntity(ttlProperty = "expires", ttlAttribute = "gsitype")
	record TtlOnGsiType(@Id String id, Instant expires) {
	}

	@SingleTableEntity(ttlProperty = "expires", ttlAttribute = "gsi3sk")
	@IndexKey(index = "gsi3", partition = "x#{name}", sort = "{name}")
	record TtlOnIndexKey(@Id String id, String name, Instant expires) {
	}

	@SingleTableEntity(ttlProperty = "expires")
	record TtlOnProperty(@Id String id, Instant expires, long ttl) {
	}

	@SingleTableEntity(ttlProperty = "expires")
	record TtlOnRenamedProperty(@Id String id, Instant expires, @JsonProperty("ttl") String lifetime) {
	}

	@SingleTableEntity(ttlProperty = "ttl")
	record TtlOnItsOwnProperty(@Id String id, Long ttl) {
	}

	@SingleTableEntity(ttlProperty = "ttl", ttlAttribute = "expires_epoch")
	record TtlElsewhere(@Id String id, Long ttl) {
	}

	@SingleTableEntity
	record NoId(String name) {
	}

	@SingleTableEntity
	record NumericId(@Id Long id) {
	}

	@SingleTableEntity(versioned = true)
	record VersionedWithoutVersion(@Id String id) {
	}

	@SingleTableEntity
	record LocalTimestamp(@Id String id, @CreatedDate LocalDateTime created) {
	}

	@SingleTableEntity(ttlProperty = "missing")
	record BadTtl(@Id String id, Instant expires) {
	}

	@SingleTableEntity(versioned = true)
	record Fine(@Id String id, @Version long version) {
	}

}
