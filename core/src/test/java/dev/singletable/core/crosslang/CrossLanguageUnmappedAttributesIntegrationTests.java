package dev.singletable.core.crosslang;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.UnmappedAttributes;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.singletable.core.crosslang.CrossLanguageIntegrationTests.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 9: a field a Python service wrote and the Java type does not map survives a Java update when the
 * entity opts in with an {@link UnmappedAttributes @UnmappedAttributes} map; plain and versioned, compressed and
 * not, and the library's own attributes Java does not model ({@code metadata}, {@code _blob_fields},
 * {@code _blob_versions}).
 */
class CrossLanguageUnmappedAttributesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = this.table.template();
	}

	@Test
	void plainUncompressed() {
		String id = python.create("CrossLoosePlain", map("title", "python", "added_later", "keep me")).id();
		String pk = "CrossLoosePlain#" + id;
		addBlobAttributes(pk, pk);

		CrossLoosePlain read = this.template.getById(CrossLoosePlain.class, id);
		assertThat(read.others()).containsEntry("added_later", "keep me");
		this.template.update(new CrossLoosePlain(id, read.createdAt(), read.updatedAt(), "java", read.others()));

		assertKept("CrossLoosePlain", id);
		assertBlobAttributesKept(pk, pk);
	}

	@Test
	void plainCompressed() {
		String id = python.create("CrossLoosePacked", map("title", "python", "added_later", "keep me")).id();

		CrossLoosePacked read = this.template.getById(CrossLoosePacked.class, id);
		assertThat(read.others()).containsEntry("added_later", "keep me");
		this.template.update(new CrossLoosePacked(id, read.createdAt(), read.updatedAt(), "java", read.others()));

		assertKept("CrossLoosePacked", id);
	}

	@Test
	void versionedCompressed() {
		versioned("CrossLooseVersioned", CrossLooseVersioned.class, (read, title) -> new CrossLooseVersioned(read.id(),
				read.version(), read.createdAt(), read.updatedAt(), title, read.others()));
	}

	@Test
	void versionedUncompressed() {
		versioned("CrossLooseFlat", CrossLooseFlat.class, (read, title) -> new CrossLooseFlat(read.id(), read.version(),
				read.createdAt(), read.updatedAt(), title, read.others()));
	}

	private <T extends Loose> void versioned(String type, Class<T> javaType, BiFunction<T, String, T> withTitle) {
		String id = python.create(type, map("title", "python", "added_later", "keep me")).id();
		String pk = type + "#" + id;
		addBlobAttributes(pk, "v0");
		assertThat(this.table.item(pk, "v0").get("metadata").m()).containsEntry("kind", AttributeValue.fromS("loose"));

		T read = this.template.getById(javaType, id);
		assertThat(read.others()).containsEntry("added_later", "keep me");
		this.template.update(withTitle.apply(read, "java"));

		assertKept(type, id);
		assertThat(python.getVersion(type, id, 2).text("added_later")).isEqualTo("keep me");
		Map<String, AttributeValue> v0 = this.table.item(pk, "v0");
		assertThat(v0.get("version").n()).isEqualTo("2");
		assertThat(v0.get("metadata").m()).containsEntry("kind", AttributeValue.fromS("loose"));
		assertBlobAttributesKept(pk, "v0");
	}

	private void assertKept(String type, String id) {
		PythonResource after = python.get(type, id);
		assertThat(after.text("title")).isEqualTo("java");
		assertThat(after.text("added_later")).isEqualTo("keep me");
	}

	/**
	 * Adds the blob bookkeeping attributes the library writes for S3 blob fields (no blob field is configured, so
	 * Python reads the item as before; the tests have no S3).
	 */
	private void addBlobAttributes(String pk, String sk) {
		dynamo.rawClient()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.updateExpression("SET #f = :f, #v = :v")
				.expressionAttributeNames(Map.of("#f", "_blob_fields", "#v", "_blob_versions"))
				.expressionAttributeValues(Map.of(":f", AttributeValue.fromL(List.of(AttributeValue.fromS("attachment"))),
						":v", AttributeValue.fromM(Map.of("attachment", AttributeValue.fromN("1"))))));
	}

	private void assertBlobAttributesKept(String pk, String sk) {
		Map<String, AttributeValue> item = this.table.item(pk, sk);
		assertThat(item.get("_blob_fields").l()).containsExactly(AttributeValue.fromS("attachment"));
		assertThat(item.get("_blob_versions").m()).containsEntry("attachment", AttributeValue.fromN("1"));
	}

	interface Loose {

		String id();

		Long version();

		Instant createdAt();

		Instant updatedAt();

		Map<String, Object> others();

	}

	@SingleTableEntity(prefix = "CrossLoosePlain")
	record CrossLoosePlain(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, @UnmappedAttributes Map<String, Object> others) {
	}

	@SingleTableEntity(prefix = "CrossLoosePacked", compression = Compression.ENABLED)
	record CrossLoosePacked(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, @UnmappedAttributes Map<String, Object> others) {
	}

	@SingleTableEntity(prefix = "CrossLooseVersioned", versioned = true)
	record CrossLooseVersioned(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @UnmappedAttributes Map<String, Object> others)
			implements Loose {
	}

	@SingleTableEntity(prefix = "CrossLooseFlat", versioned = true, compression = Compression.DISABLED)
	record CrossLooseFlat(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @UnmappedAttributes Map<String, Object> others)
			implements Loose {
	}

}
