package dev.singletable.core;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.alpha.Item;
import dev.singletable.core.fixtures.beta.ArchivedItem;
import dev.singletable.core.fixtures.beta.RenamedItem;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two types never share items: a second type with a prefix already taken, or one that makes keys ambiguous, is
 * refused on first use of the plain template (before any request) instead of reading the other type's rows.
 */
class TypePrefixCollisionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void sameSimpleNameInAnotherPackageIsRefusedInsteadOfReadingTheOtherTypesRow() {
		this.template.create(new Item("1", null, "alpha's"));
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.findById(dev.singletable.core.fixtures.beta.Item.class, "1"))
			.withMessageContaining(dev.singletable.core.fixtures.beta.Item.class.getName())
			.withMessageContaining(Item.class.getName())
			.withMessageContaining("'Item'")
			.withMessageContaining("@SingleTableEntity(prefix = ");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.query(dev.singletable.core.fixtures.beta.Item.class).all());
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.create(new dev.singletable.core.fixtures.beta.Item("2", null, "beta's")));
		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.getById(Item.class, "1").alphaName()).isEqualTo("alpha's");
	}

	@Test
	void aTypeWithItsOwnPrefixKeepsItsItemsApart() {
		Item alpha = this.template.create(new Item("1", null, "alpha's"));
		RenamedItem beta = this.template.create(new RenamedItem("1", null, "beta's"));

		assertThat(this.template.getById(Item.class, "1")).isEqualTo(alpha);
		assertThat(this.template.getById(RenamedItem.class, "1")).isEqualTo(beta);
		assertThat(this.template.query(Item.class).all()).containsExactly(alpha);
		assertThat(this.template.query(RenamedItem.class).all()).containsExactly(beta);
	}

	@Test
	void aPrefixNestedInAnotherIsRefusedSinceOneKeyWouldBelongToBoth() {
		this.template.create(new Item("Archive#42", null, "an Item whose key is Item#Archive#42"));

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.findById(ArchivedItem.class, "42"))
			.withMessageContaining(ArchivedItem.class.getName())
			.withMessageContaining(Item.class.getName())
			.withMessageContaining("ambiguous");
		assertThat(this.template.query(Item.class).all()).extracting(Item::id).containsExactly("Archive#42");

		SingleTableTemplate reversed = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		reversed.findById(ArchivedItem.class, "42");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> reversed.findById(Item.class, "Archive#42"))
			.withMessageContaining(ArchivedItem.class.getName())
			.withMessageContaining(Item.class.getName());
	}

	@Test
	void pythonsReservedPrefixesAreRefusedButItsAuditLogCanBeRead() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.findById(Singleton.class, "FormConfig"))
			.withMessageContaining("'SINGLETON' is reserved");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.findById(Internal.class, "MemoryStats"))
			.withMessageContaining("'_INTERNAL' is reserved");
		dynamo.rawClient()
			.putItem((request) -> request.tableName(dynamo.tableName())
				.item(Map.of("pk", AttributeValue.fromS("_INTERNAL#AuditLog#01J0"), "sk",
						AttributeValue.fromS("_INTERNAL#AuditLog#01J0"), "gsitype", AttributeValue.fromS("_INTERNAL#AuditLog"),
						"gsitypesk", AttributeValue.fromS("2025-01-01T00:00:00+00:00"), "resource_id",
						AttributeValue.fromS("01J0"), "operation", AttributeValue.fromS("CREATE"))));

		assertThat(this.template.query(AuditLog.class).all()).containsExactly(new AuditLog("01J0", "CREATE"));
	}

	@dev.singletable.core.mapping.SingleTableEntity(prefix = "SINGLETON")
	record Singleton(@org.springframework.data.annotation.Id String id) {
	}

	@dev.singletable.core.mapping.SingleTableEntity(prefix = "_INTERNAL")
	record Internal(@org.springframework.data.annotation.Id String id) {
	}

	@dev.singletable.core.mapping.SingleTableEntity(prefix = "_INTERNAL#AuditLog")
	record AuditLog(@org.springframework.data.annotation.Id String id, String operation) {
	}

}
