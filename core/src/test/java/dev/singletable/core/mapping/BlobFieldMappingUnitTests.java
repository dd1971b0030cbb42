package dev.singletable.core.mapping;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobSpec;
import dev.singletable.core.convert.MappingSingleTableConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests how the mapping context reads {@link BlobField @BlobField} properties and refuses those the item needs.
 */
class BlobFieldMappingUnitTests {

	private final SingleTableMappingContext context = new SingleTableMappingContext();

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

	@Test
	void exposesBlobPropertiesAndTheirSettings() {
		SingleTablePersistentEntity<?> entity = this.context.getRequiredPersistentEntity(Report.class);
		assertThat(entity.getBlobProperties()).extracting(SingleTablePersistentProperty::getName)
			.containsExactlyInAnyOrder("body", "image");
		SingleTablePersistentProperty body = entity.getRequiredPersistentProperty("body");
		assertThat(body.isBlobProperty()).isTrue();
		assertThat(BlobSpec.of(body.getBlobField())).isEqualTo(new BlobSpec(true, "application/json", 1024));
		assertThat(BlobSpec.of(entity.getRequiredPersistentProperty("image").getBlobField()))
			.isEqualTo(new BlobSpec(false, null, -1));
		assertThat(entity.getRequiredPersistentProperty("title").isBlobProperty()).isFalse();
		assertThat(this.context.getRequiredPersistentEntity(Plain.class).getBlobProperties()).isEmpty();
	}

	@Test
	void refusesAPrimitiveBlob() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(PrimitiveBlob.class))
			.withMessageContaining("@BlobField property 'count'")
			.withMessageContaining("wrapper type");
	}

	@Test
	void refusesABlobThatIsASystemProperty() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(IdBlob.class))
			.withMessageContaining("@BlobField property 'id'")
			.withMessageContaining("system property");
	}

	@Test
	void refusesABlobInAnIndexKey() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(KeyedBlob.class))
			.withMessageContaining("@BlobField property 'owner'")
			.withMessageContaining("index key");
	}

	@Test
	void refusesANegativeLimit() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(NegativeLimit.class))
			.withMessageContaining("maxSizeBytes -5");
	}

	@SingleTableEntity(versioned = true)
	static class Report {

		@Id
		String id;

		@Version
		Long version;

		String title;

		@BlobField(compress = true, contentType = "application/json", maxSizeBytes = 1024)
		java.util.List<String> body;

		@BlobField
		byte[] image;

	}

	@SingleTableEntity
	static class Plain {

		@Id
		String id;

	}

	@SingleTableEntity
	static class PrimitiveBlob {

		@Id
		String id;

		@BlobField
		int count;

	}

	@SingleTableEntity
	static class IdBlob {

		@Id
		@BlobField
		String id;

	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	static class KeyedBlob {

		@Id
		String id;

		@BlobField
		String owner;

	}

	@SingleTableEntity
	static class NegativeLimit {

		@Id
		String id;

		@BlobField(maxSizeBytes = -5)
		String text;

	}

}
