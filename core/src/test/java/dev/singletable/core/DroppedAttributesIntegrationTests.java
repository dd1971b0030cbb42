package dev.singletable.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.UnmappedAttributes;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An update never silently drops what the Python library's layout needs: an item carrying {@code _blob_fields},
 * {@code _blob_versions} or {@code metadata} that the Java type does not map is refused by the update's own
 * condition (no extra request) with {@link AttributeDropRefusedException}, the item unchanged; allowed with
 * {@link SingleTableTemplate#setAllowDroppingBlobsAndMetadata}; a type that declares them updates as usual.
 */
class DroppedAttributesIntegrationTests {

	private static final String ID = "01JGGVSAG0B8BG00000000000K";

	private static final String CREATED = "2025-01-01T12:00:00.100000+00:00";

	private static final String UPDATED = "2025-01-01T12:00:00.200000+00:00";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	// ---- plain types ------------------------------------------------------------------------------------------

	@Test
	void aPlainUpdateOfAnItemWithBlobReferencesIsRefusedAndTheItemKept() {
		Map<String, AttributeValue> item = plainItem("Sheet");
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("content"))));
		put(item);
		Sheet read = this.template.getById(Sheet.class, ID);
		int requests = dynamo.requests().calls();

		assertThatExceptionOfType(AttributeDropRefusedException.class)
			.isThrownBy(() -> this.template.update(new Sheet(read.id(), read.createdAt(), read.updatedAt(), "java")))
			.satisfies((ex) -> {
				assertThat(ex.getEntityType()).isEqualTo(Sheet.class);
				assertThat(ex.getId()).isEqualTo(ID);
				assertThat(ex.getAttribute()).isEqualTo("_blob_fields");
			})
			.withMessageContaining("Sheet '" + ID + "'")
			.withMessageContaining("'_blob_fields'")
			.withMessageContaining("@BlobField")
			.withMessageContaining("@UnmappedAttributes")
			.withMessageContaining("singletable.python-compatibility.allow-dropping-blobs-and-metadata");
		assertThat(dynamo.requests().calls() - requests).isEqualTo(1);
		assertThat(dynamo.storedItem("Sheet#" + ID, "Sheet#" + ID)).isEqualTo(item);
	}

	@Test
	void aPlainTypeWithAVersionIsGuardedOnItsFirstVersionToo() {
		Map<String, AttributeValue> item = plainItem("Tally");
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("content"))));
		put(item);
		Tally read = this.template.getById(Tally.class, ID);
		assertThat(read.version()).isNull();

		assertThatExceptionOfType(AttributeDropRefusedException.class)
			.isThrownBy(() -> this.template.update(new Tally(read.id(), read.version(), "java")))
			.satisfies((ex) -> assertThat(ex.getAttribute()).isEqualTo("_blob_fields"));
		assertThat(dynamo.storedItem("Tally#" + ID, "Tally#" + ID)).isEqualTo(item);
	}

	@Test
	void allowedThePlainUpdateDropsThem() {
		Map<String, AttributeValue> item = plainItem("Sheet");
		item.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("content"))));
		put(item);
		this.template.setAllowDroppingBlobsAndMetadata(true);
		Sheet read = this.template.getById(Sheet.class, ID);

		this.template.update(new Sheet(read.id(), read.createdAt(), read.updatedAt(), "java"));

		Map<String, AttributeValue> stored = dynamo.storedItem("Sheet#" + ID, "Sheet#" + ID);
		assertThat(stored).doesNotContainKey("_blob_fields").containsEntry("title", AttributeValue.fromS("java"));
	}

	// ---- versioned types (the v0 condition) ----------------------------------------------------------------

	@Test
	void aVersionedUpdateOfAnItemWithFilterMetadataIsRefusedAndNothingWritten() {
		Map<String, AttributeValue> v0 = versionedItems("Folder", false);

		assertThatExceptionOfType(AttributeDropRefusedException.class)
			.isThrownBy(() -> this.template.update(this.template.getById(Folder.class, ID).withTitle("java")))
			.satisfies((ex) -> assertThat(ex.getAttribute()).isEqualTo("metadata"))
			.withMessageContaining("@FilterMetadata");
		assertThat(dynamo.storedItem("Folder#" + ID, "v0")).isEqualTo(v0);
		assertThat(dynamo.storedItem("Folder#" + ID, "v2")).isEmpty();
	}

	@Test
	void aVersionedUpdateOfAnItemWithBlobReferencesIsRefused() {
		Map<String, AttributeValue> v0 = versionedItems("Folder", true);

		assertThatExceptionOfType(AttributeDropRefusedException.class)
			.isThrownBy(() -> this.template.update(this.template.getById(Folder.class, ID).withTitle("java")))
			.satisfies((ex) -> assertThat(ex.getAttribute()).isIn("_blob_fields", "_blob_versions", "metadata"));
		assertThat(dynamo.storedItem("Folder#" + ID, "v0")).isEqualTo(v0);
	}

	@Test
	void allowedTheVersionedUpdateDropsThem() {
		versionedItems("Folder", true);
		this.template.setAllowDroppingBlobsAndMetadata(true);

		Folder updated = this.template.update(this.template.getById(Folder.class, ID).withTitle("java"));

		assertThat(updated.version()).isEqualTo(2L);
		assertThat(dynamo.storedItem("Folder#" + ID, "v0")).doesNotContainKeys("metadata", "_blob_fields",
				"_blob_versions");
	}

	@Test
	void aTypeDeclaringFilterMetadataUpdatesTheMetadataItCarries() {
		versionedItems("Ledger", false);

		Ledger read = this.template.getById(Ledger.class, ID);
		this.template.update(new Ledger(read.id(), read.version(), read.createdAt(), read.updatedAt(), "closed"));

		assertThat(dynamo.storedItem("Ledger#" + ID, "v0").get("metadata").m())
			.containsEntry("title", AttributeValue.fromS("closed"));
	}

	@Test
	void aTypeKeepingUnmappedAttributesKeepsThem() {
		versionedItems("Binder", true);

		Binder read = this.template.getById(Binder.class, ID);
		this.template.update(new Binder(read.id(), read.version(), read.createdAt(), read.updatedAt(), "java",
				read.other()));

		Map<String, AttributeValue> v0 = dynamo.storedItem("Binder#" + ID, "v0");
		assertThat(v0).containsKeys("metadata", "_blob_fields", "_blob_versions");
		assertThat(v0.get("version").n()).isEqualTo("2");
	}

	// ---- transactions -------------------------------------------------------------------------------------

	@Test
	void inATransactionTheCancellationNamesTheRefusedDrop() {
		Map<String, AttributeValue> v0 = versionedItems("Folder", false);
		Folder read = this.template.getById(Folder.class, ID);

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> tx.update(read.withTitle("java"))))
			.satisfies((ex) -> assertThat(ex.getFailures().get(0).exception())
				.isInstanceOf(AttributeDropRefusedException.class))
			.withMessageContaining("'metadata'");
		assertThat(dynamo.storedItem("Folder#" + ID, "v0")).isEqualTo(v0);
	}

	// ---- items as the Python library writes them ---------------------------------------------------------

	private static Map<String, AttributeValue> plainItem(String prefix) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("sk", AttributeValue.fromS(prefix + "#" + ID));
		item.put("resource_id", AttributeValue.fromS(ID));
		item.put("created_at", AttributeValue.fromS(CREATED));
		item.put("updated_at", AttributeValue.fromS(UPDATED));
		item.put("title", AttributeValue.fromS("python"));
		item.put("gsitype", AttributeValue.fromS(prefix));
		item.put("gsitypesk", AttributeValue.fromS(UPDATED));
		return item;
	}

	/** Writes v1 and v0 of an uncompressed versioned type with filter metadata (and blob references); returns v0. */
	private static Map<String, AttributeValue> versionedItems(String prefix, boolean blobs) {
		Map<String, AttributeValue> v1 = new LinkedHashMap<>();
		v1.put("pk", AttributeValue.fromS(prefix + "#" + ID));
		v1.put("sk", AttributeValue.fromS("v1"));
		v1.put("version", AttributeValue.fromN("1"));
		v1.put("resource_id", AttributeValue.fromS(ID));
		v1.put("created_at", AttributeValue.fromS(CREATED));
		v1.put("updated_at", AttributeValue.fromS(UPDATED));
		v1.put("title", AttributeValue.fromS("python"));
		if (blobs) {
			v1.put("_blob_fields", AttributeValue.fromL(List.of(AttributeValue.fromS("content"))));
			v1.put("_blob_versions", AttributeValue.fromM(Map.of("content", AttributeValue.fromN("1"))));
		}
		Map<String, AttributeValue> v0 = new LinkedHashMap<>(v1);
		v0.put("sk", AttributeValue.fromS("v0"));
		v0.put("gsitype", AttributeValue.fromS(prefix));
		v0.put("gsitypesk", AttributeValue.fromS(UPDATED));
		v0.put("metadata", AttributeValue.fromM(Map.of("kind", AttributeValue.fromS("python"))));
		put(v1);
		put(v0);
		return v0;
	}

	private static void put(Map<String, AttributeValue> item) {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	@SingleTableEntity(prefix = "Sheet")
	record Sheet(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title) {
	}

	@SingleTableEntity(prefix = "Tally")
	record Tally(@Id String id, @Version Long version, String title) {
	}

	@SingleTableEntity(prefix = "Folder", versioned = true, compression = Compression.DISABLED)
	record Folder(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title) {

		Folder withTitle(String title) {
			return new Folder(this.id, this.version, this.createdAt, this.updatedAt, title);
		}

	}

	@SingleTableEntity(prefix = "Ledger", versioned = true, compression = Compression.DISABLED)
	record Ledger(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, @FilterMetadata String title) {
	}

	@SingleTableEntity(prefix = "Binder", versioned = true, compression = Compression.DISABLED)
	record Binder(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @UnmappedAttributes Map<String, Object> other) {
	}

}
