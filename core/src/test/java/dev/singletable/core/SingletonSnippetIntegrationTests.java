package dev.singletable.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The singleton snippet of docs/reference/entities.md, exactly as written: an update of an entity without id stores the singleton
 * under its prefix as id, and reads return it with that id.
 */
class SingletonSnippetIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@SingleTableEntity(singleton = true)
	public record SiteSettings(@Id String id, @LastModifiedDate Instant updatedAt, String theme) {
	}

	@SingleTableEntity(singleton = true, versioned = true)
	public record Limits(@Id String id, @org.springframework.data.annotation.Version Long version, int max) {
	}

	@Test
	void theReadmeSnippetKeepsTheIdAfterAnUpdateWithoutOne() {
		template.create(new SiteSettings(null, null, "light"));       // the id becomes "SiteSettings"
		SiteSettings settings = template.findSingleton(SiteSettings.class).orElseThrow();
		SiteSettings updated = template.update(new SiteSettings(null, settings.updatedAt(), "dark"));

		assertThat(updated.id()).isEqualTo("SiteSettings");
		SiteSettings read = this.template.findSingleton(SiteSettings.class).orElseThrow();
		assertThat(read.id()).isEqualTo("SiteSettings");
		assertThat(read.theme()).isEqualTo("dark");
		assertThat(this.template.findById(SiteSettings.class, "SiteSettings")).contains(read);
		assertThat(this.template.query(SiteSettings.class).all()).extracting(SiteSettings::id)
			.containsExactly("SiteSettings");
		assertThat(dynamo.storedItem("SINGLETON#SiteSettings", "SINGLETON#SiteSettings").get("resource_id").s())
			.isEqualTo("SiteSettings");
	}

	@Test
	void aVersionedSingletonUpdatedWithoutIdKeepsItsIdInEveryVersion() {
		Limits created = this.template.create(new Limits(null, null, 1));
		Limits updated = this.template.update(new Limits(null, created.version(), 2));

		assertThat(updated.id()).isEqualTo("Limits");
		assertThat(this.template.findSingleton(Limits.class).orElseThrow().id()).isEqualTo("Limits");
		assertThat(this.template.findVersion(Limits.class, "Limits", 2).orElseThrow().id()).isEqualTo("Limits");
	}

	@Test
	void aStoredSingletonWithoutIdIsReadWithItsPrefixAsId() {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS("SINGLETON#SiteSettings"));
		item.put("sk", AttributeValue.fromS("SINGLETON#SiteSettings"));
		item.put("resource_id", AttributeValue.fromNul(true));
		item.put("created_at", AttributeValue.fromS("2025-01-01T12:00:00+00:00"));
		item.put("updated_at", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		item.put("theme", AttributeValue.fromS("old"));
		item.put("gsitype", AttributeValue.fromS("SiteSettings"));
		item.put("gsitypesk", AttributeValue.fromS("2025-01-01T12:00:00.500000+00:00"));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item));

		assertThat(this.template.findSingleton(SiteSettings.class).orElseThrow().id()).isEqualTo("SiteSettings");
	}

}
