package dev.singletable.core.hierarchy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blob properties of the concrete types of a hierarchy, on DynamoDB Local and the in-process S3: each version keeps
 * its own type's blobs when the resource changes type, loads them as that type, and a restore of another type's
 * version refers to its objects.
 */
class HierarchyBlobIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-hierarchy-blobs");

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	@SingleTableEntity(versioned = true)
	sealed interface Attachment permits TextAttachment, ImageAttachment {

		String id();

		Long version();

	}

	record TextAttachment(@Id String id, @Version Long version, String title, @BlobField String body)
			implements Attachment {
	}

	record ImageAttachment(@Id String id, @Version Long version, String title, @BlobField byte[] pixels)
			implements Attachment {
	}

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), converter);
		this.template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "hier", converter.getJsonMapper()));
	}

	@Test
	void eachVersionKeepsAndLoadsItsOwnTypesBlobs() {
		TextAttachment text = this.template.create(new TextAttachment("b1", null, "notes", "hello"));
		ImageAttachment image = this.template.update(new ImageAttachment("b1", text.version(), "photo", new byte[] { 7 }));

		assertThat(BlobAttributes.readFields(dynamo.storedItem("Attachment#b1", "v0"))).containsExactly("pixels");
		Attachment latest = this.template.loadBlobs(this.template.getById(Attachment.class, "b1"));
		assertThat(latest).isInstanceOf(ImageAttachment.class);
		assertThat(((ImageAttachment) latest).pixels()).containsExactly(7);
		Attachment first = this.template.loadBlobs(this.template.findVersion(Attachment.class, "b1", 1).orElseThrow());
		assertThat(((TextAttachment) first).body()).isEqualTo("hello");

		Attachment restored = this.template.restoreVersion(Attachment.class, "b1", 1);

		assertThat(restored).isInstanceOf(TextAttachment.class);
		assertThat(restored.version()).isEqualTo(image.version() + 1);
		assertThat(((TextAttachment) this.template.loadBlobs(this.template.getById(Attachment.class, "b1"))).body())
			.isEqualTo("hello");
	}

}
