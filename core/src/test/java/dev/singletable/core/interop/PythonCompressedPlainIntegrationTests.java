package dev.singletable.core.interop;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Updates and deletes items written exactly as Python {@code simplesingletable} 16.x writes a plain type with
 * {@code compress_data=True} whose {@code db_get_gsitypesk()} returns a month ({@code "202501"}): pk, sk,
 * gsitype, gsitypesk and gzip {@code data}, and no top-level {@code updated_at} (it lives inside {@code data}).
 */
class PythonCompressedPlainIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final String ID = "01JGGVSAKV1C5G000000000042";

	private static final String PK = "PyMonthly#" + ID;

	private final StoredItems storedItems = new StoredItems(dynamo);

	private SingleTableTemplate template;

	@BeforeEach
	void storeThePythonItem() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(),
				new MappingSingleTableConverter(new SingleTableMappingContext(), StorageJsonMapper.builder()
					.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
					.build()));
		put(pythonItem("2025-01-15T08:30:15.123456Z", "rent"));
	}

	@Test
	void updatesThePythonItemRightAfterReadingIt() {
		PyMonthly read = this.template.getById(PyMonthly.class, ID);
		dynamo.requests().reset();

		PyMonthly updated = this.template.update(read, Changes.set("name", "rent, paid"));

		assertThat(updated.name()).isEqualTo("rent, paid");
		assertThat(updated.updatedAt()).isAfter(read.updatedAt());
		assertThat(updated.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		// the first put finds no top-level updated_at; the second is conditional on the data it checked
		assertThat(dynamo.requests().operations()).containsExactly("PutItem", "PutItem");
		Map<String, AttributeValue> stored = this.storedItems.item(PK, PK);
		assertThat(stored.get("gsitypesk").s()).isEqualTo("202501");
		JsonNode data = DynamoDbJson.data(stored);
		assertThat(data.get("name").stringValue()).isEqualTo("rent, paid");
		assertThat(Instant.parse(data.get("created_at").stringValue().replace("+00:00", "Z")))
			.isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(this.template.getById(PyMonthly.class, ID)).isEqualTo(updated);

		PyMonthly again = this.template.update(updated, Changes.set("amount", 13.0));
		assertThat(this.template.getById(PyMonthly.class, ID)).isEqualTo(again);
	}

	@Test
	void rejectsAnUpdateBasedOnAnItemPythonRewroteSince() {
		PyMonthly read = this.template.getById(PyMonthly.class, ID);
		Map<String, AttributeValue> rewritten = pythonItem("2025-01-16T09:00:00Z", "rent (python)");
		put(rewritten);

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(read, Changes.set("name", "rent (java)")));
		assertThat(this.storedItems.item(PK, PK)).isEqualTo(rewritten);
	}

	@Test
	void keepsThePythonCreationTimeWhenTheEntityCarriesNone() {
		PyMonthly read = this.template.getById(PyMonthly.class, ID);

		PyMonthly updated = this.template
			.update(new PyMonthly(ID, null, read.updatedAt(), "unbound", read.month(), read.amount()));

		assertThat(updated.createdAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
		assertThat(this.template.getById(PyMonthly.class, ID).createdAt())
			.isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
	}

	@Test
	void deletesThePythonItemRightAfterReadingIt() {
		PyMonthly read = this.template.getById(PyMonthly.class, ID);

		this.template.delete(read);

		assertThat(this.template.findById(PyMonthly.class, ID)).isEmpty();
	}

	@Test
	void rejectsADeleteBasedOnAnItemPythonRewroteSince() {
		PyMonthly read = this.template.getById(PyMonthly.class, ID);
		Map<String, AttributeValue> rewritten = pythonItem("2025-01-16T09:00:00Z", "rent (python)");
		put(rewritten);

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.delete(read));
		assertThat(this.storedItems.item(PK, PK)).isEqualTo(rewritten);
	}

	/**
	 * The item {@code DynamoDbResource.to_dynamodb_item} writes for the model below with {@code compress_data=True}
	 * and {@code db_get_gsitypesk()} returning {@code self.month}; pydantic writes UTC date-times with {@code Z}.
	 */
	private static Map<String, AttributeValue> pythonItem(String updatedAt, String name) {
		String json = "{\"resource_id\":\"" + ID + "\",\"created_at\":\"2025-01-01T12:00:00Z\",\"updated_at\":\""
				+ updatedAt + "\",\"name\":\"" + name + "\",\"month\":\"202501\",\"amount\":12.5}";
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("data", DynamoDbJson.gzip(json));
		item.put("pk", AttributeValue.fromS(PK));
		item.put("sk", AttributeValue.fromS(PK));
		item.put("gsitype", AttributeValue.fromS("PyMonthly"));
		item.put("gsitypesk", AttributeValue.fromS("202501"));
		return item;
	}

	private void put(Map<String, AttributeValue> item) {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));
	}

	/**
	 * The Java side of {@code class PyMonthly(DynamoDbResource)} with {@code resource_config =
	 * {"compress_data": True}} and {@code db_get_gsitypesk()} returning the month.
	 */
	@SingleTableEntity(prefix = "PyMonthly", compression = Compression.ENABLED)
	@IndexKey(index = "gsitype", sort = "{month}")
	record PyMonthly(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String name,
			String month, double amount) {
	}

}
