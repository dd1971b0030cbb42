package dev.singletable.core;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code include} and {@code exclude} of {@link Audited} name Java properties, whatever names the storage
 * naming gives them (snake_case here, as for a table shared with Python): an excluded property never reaches a
 * snapshot or the field changes. A name that is no property of the type fails when the template is initialised, and
 * in any case before the type's first write.
 */
class AuditedNamesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = snakeCaseTemplate(new SingleTableMappingContext());
	}

	private static SingleTableTemplate snakeCaseTemplate(SingleTableMappingContext context) {
		return new SingleTableTemplate(dynamo.client(), dynamo.tableName(), new MappingSingleTableConverter(context,
				StorageJsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()));
	}

	private AuditEntry latestRow(String type, String id) {
		return this.template.auditLog().forResource(type, id).page(null).items().get(0);
	}

	@Test
	void anExcludedJavaPropertyIsInNoSnapshotAndNoFieldChangesUnderSnakeCaseNames() {
		Login created = this.template.create(new Login(null, null, "Ada", "hash-1", 1));
		// stored under its snake_case name: the name the exclusion has to reach
		Map<String, AttributeValue> stored = dynamo.client()
			.getItem((get) -> get.tableName(dynamo.tableName())
				.key(ItemLayout.latestKey(this.template.getConverter().getRequiredEntity(Login.class), created.id())))
			.item();
		assertThat(stored.get("password_hash").s()).isEqualTo("hash-1");

		Login updated = this.template.update(new Login(created.id(), created.version(), "Ada L.", "hash-2", 2));

		AuditEntry create = this.template.auditLog().forResource("Login", created.id()).page(null).items().get(1);
		assertThat(create.resourceSnapshot().path("display_name").asString()).isEqualTo("Ada");
		assertThat(create.resourceSnapshot().has("password_hash")).isFalse();
		AuditEntry update = latestRow("Login", updated.id());
		assertThat(update.operation()).isEqualTo(AuditEntry.UPDATE);
		// the hash changed too, and is recorded nowhere
		assertThat(update.changedFields()).containsOnlyKeys("display_name", "login_count");
		assertThat(update.resourceSnapshot().has("password_hash")).isFalse();
		assertThat(update.resourceSnapshot().path("display_name").asString()).isEqualTo("Ada L.");
		assertThat(update.resourceSnapshot().toString()).doesNotContain("hash-1").doesNotContain("hash-2");
	}

	@Test
	void includeNamesJavaPropertiesAndStillTakesStoredNames() {
		Profile created = this.template.create(new Profile(null, null, "Ada", "hash-1", "note-1", 1));
		Profile updated = this.template
			.update(new Profile(created.id(), created.version(), "Ada L.", "hash-2", "note-2", 2));

		AuditEntry update = latestRow("Profile", updated.id());
		// displayName by its Java name, login_count by its stored name; the others are left out
		assertThat(update.changedFields()).containsOnlyKeys("display_name", "login_count");
		assertThat(update.resourceSnapshot().propertyNames()).containsExactlyInAnyOrder("resource_id", "version",
				"created_at", "updated_at", "display_name", "login_count");
	}

	@Test
	void aNameThatIsNoPropertyFailsTheTemplatesInitialisationNamingTheTypeAndItsProperties() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.setInitialEntitySet(Set.of(Mistyped.class, Login.class));
		context.initialize();
		SingleTableTemplate template = snakeCaseTemplate(context);

		assertThatExceptionOfType(InvalidEntityDefinitionException.class).isThrownBy(template::afterPropertiesSet)
			.withMessageContaining(Mistyped.class.getName())
			.withMessageContaining("@Audited(exclude) names 'passwordHsh'")
			.withMessageContaining("passwordHash")
			.withMessageContaining("displayName")
			.satisfies((ex) -> assertThat(ex.getEntityType()).isEqualTo(Mistyped.class));
	}

	@Test
	void aNameThatIsNoPropertyFailsEachWriteOfATypeRegisteredLaterBeforeAnyRequest() {
		dynamo.requests().reset();
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(InvalidEntityDefinitionException.class)
				.isThrownBy(() -> this.template.create(new Misincluded(null, null, "Ada")))
				.withMessageContaining(Misincluded.class.getName())
				.withMessageContaining("@Audited(include) names 'name'")
				.withMessageContaining("[id, version, displayName]");
		}
		assertThat(dynamo.requests().operations()).isEmpty();
		assertThat(this.template.query(Misincluded.class).stream().count()).isZero();
	}

	@SingleTableEntity
	@Audited(exclude = "passwordHash", snapshot = true)
	record Login(@Id String id, @Version Long version, String displayName, String passwordHash, int loginCount) {
	}

	@SingleTableEntity
	@Audited(include = { "displayName", "login_count" }, snapshot = true)
	record Profile(@Id String id, @Version Long version, String displayName, String passwordHash, String note,
			int loginCount) {
	}

	@SingleTableEntity
	@Audited(exclude = "passwordHsh")
	record Mistyped(@Id String id, @Version Long version, String displayName, String passwordHash) {
	}

	@SingleTableEntity
	@Audited(include = "name")
	record Misincluded(@Id String id, @Version Long version, String displayName) {
	}

}
