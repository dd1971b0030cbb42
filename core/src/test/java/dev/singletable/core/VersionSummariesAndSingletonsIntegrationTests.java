package dev.singletable.core;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Issue 16 items 4 and 6: {@code findVersionSummaries} (what it reads, for uncompressed and compressed types, with
 * pruning, and its errors) and singleton types (keys, reads, the one-resource rule and misuse).
 */
class VersionSummariesAndSingletonsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

	@SingleTableEntity(versioned = true, compression = Compression.DISABLED)
	record FlatDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String text) {
	}

	@SingleTableEntity(versioned = true, maxVersions = 2)
	record PackedDoc(@Id String id, @Version Long version, String text) {
	}

	@SingleTableEntity
	record PlainDoc(@Id String id, String text) {
	}

	@SingleTableEntity(singleton = true)
	record SiteSettings(@Id String id, @LastModifiedDate Instant updatedAt, String theme) {
	}

	@SingleTableEntity(prefix = "Flags", singleton = true, versioned = true)
	record FeatureFlags(@Id String id, @Version Long version, boolean beta) {
	}

	// ---- version summaries ----------------------------------------------------------------------------------

	@Test
	void uncompressedSummariesReadOnlyKeysVersionAndTimestamps() {
		FlatDoc v1 = this.template.create(new FlatDoc(null, null, null, null, "a".repeat(2000)));
		FlatDoc v2 = this.template.update(new FlatDoc(v1.id(), v1.version(), v1.createdAt(), v1.updatedAt(), "b"));
		FlatDoc v3 = this.template.update(new FlatDoc(v2.id(), v2.version(), v2.createdAt(), v2.updatedAt(), "c"));
		dynamo.requests().reset();

		List<VersionSummary> summaries = this.template.findVersionSummaries(FlatDoc.class, v1.id());

		assertThat(summaries).containsExactly(new VersionSummary(3, v1.createdAt(), v3.updatedAt(), true),
				new VersionSummary(2, v1.createdAt(), v2.updatedAt(), false),
				new VersionSummary(1, v1.createdAt(), v1.updatedAt(), false));
		assertThat(dynamo.requests().calledOperations()).containsExactly("Query");
		QueryRequest sent = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(sent.projectionExpression()).isNotNull();
		assertThat(sent.expressionAttributeNames()).containsValues("version", "created_at", "updated_at")
			.doesNotContainValue("text");
		assertThat(sent.consistentRead()).isTrue();
	}

	@Test
	void compressedSummariesTakeTheTimestampsFromDataAndShowOnlyKeptVersions() {
		PackedDoc doc = this.template.create(new PackedDoc(null, null, "one"));
		Instant created = this.template.findVersionSummaries(PackedDoc.class, doc.id()).get(0).createdAt();
		for (int i = 0; i < 3; i++) {
			doc = this.template.update(new PackedDoc(doc.id(), doc.version(), "next " + i));
		}

		List<VersionSummary> summaries = this.template.findVersionSummaries(PackedDoc.class, doc.id());

		assertThat(summaries).extracting(VersionSummary::version).containsExactly(4L, 3L);
		assertThat(summaries).extracting(VersionSummary::latest).containsExactly(true, false);
		assertThat(created).isNotNull();
		assertThat(summaries).allSatisfy((summary) -> {
			assertThat(summary.createdAt()).isEqualTo(created);
			assertThat(summary.updatedAt()).isAfterOrEqualTo(created);
		});
		assertThat(summaries.get(0).updatedAt()).isAfter(summaries.get(1).updatedAt());
	}

	@Test
	void summariesOfAMissingResourceAreEmptyAndOfAPlainTypeRefused() {
		assertThat(this.template.findVersionSummaries(FlatDoc.class, "missing")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.findVersionSummaries(PlainDoc.class, "x"))
			.withMessageContaining("PlainDoc is not versioned");
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.template.findVersionSummaries(FlatDoc.class, ""));
	}

	// ---- singletons -----------------------------------------------------------------------------------------

	@Test
	void singletonIsStoredUnderItsPythonKeyAndReadBack() {
		assertThat(this.template.findSingleton(SiteSettings.class)).isEmpty();
		SiteSettings created = this.template.create(new SiteSettings(null, null, "light"));

		assertThat(created.id()).isEqualTo("SiteSettings");
		var item = dynamo.storedItem("SINGLETON#SiteSettings", "SINGLETON#SiteSettings");
		assertThat(item.get("resource_id").s()).isEqualTo("SiteSettings");
		assertThat(item.get("gsitype").s()).isEqualTo("SiteSettings");
		assertThat(this.template.findSingleton(SiteSettings.class)).contains(created);

		SiteSettings updated = this.template.update(new SiteSettings(null, created.updatedAt(), "dark"));
		assertThat(this.template.findSingleton(SiteSettings.class).orElseThrow().theme()).isEqualTo("dark");
		assertThat(this.template.query(SiteSettings.class).all()).containsExactly(updated);
		assertThat(this.template.query(SiteSettings.class).count()).isEqualTo(1);

		assertThat(this.template.deleteById(SiteSettings.class, "SiteSettings")).isTrue();
		assertThat(this.template.findSingleton(SiteSettings.class)).isEmpty();
	}

	@Test
	void versionedSingletonKeepsVersionsUnderItsOneKey() {
		FeatureFlags created = this.template.create(new FeatureFlags(null, null, false));
		FeatureFlags updated = this.template.update(new FeatureFlags(created.id(), created.version(), true));

		assertThat(created.id()).isEqualTo("Flags");
		assertThat(dynamo.sortKeys("SINGLETON#Flags")).containsExactly("v0", "v1", "v2");
		assertThat(this.template.findSingleton(FeatureFlags.class)).contains(updated);
		assertThat(this.template.findVersion(FeatureFlags.class, "Flags", 1)).contains(created);
		assertThat(this.template.findVersionSummaries(FeatureFlags.class, "Flags")).extracting(VersionSummary::version)
			.containsExactly(2L, 1L);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(new FeatureFlags(null, 1L, false)));
	}

	@Test
	void aSecondSingletonOrAnotherIdIsRefused() {
		this.template.create(new SiteSettings(null, null, "light"));

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new SiteSettings(null, null, "other")));
		assertThatExceptionOfType(SingletonUsageException.class)
			.isThrownBy(() -> this.template.create(new SiteSettings("Other", null, "x")))
			.withMessageContaining("SiteSettings")
			.withMessageContaining("findSingleton");
		assertThatExceptionOfType(SingletonUsageException.class)
			.isThrownBy(() -> this.template.findById(SiteSettings.class, "Other"));
		assertThatExceptionOfType(SingletonUsageException.class)
			.isThrownBy(() -> this.template.findSingleton(PlainDoc.class))
			.withMessageContaining("PlainDoc")
			.withMessageContaining("not a singleton");
	}

}
