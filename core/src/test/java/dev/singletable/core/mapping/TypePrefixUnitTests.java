package dev.singletable.core.mapping;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.MappingException;

import dev.singletable.core.fixtures.alpha.Item;
import dev.singletable.core.fixtures.beta.ArchivedItem;
import dev.singletable.core.fixtures.beta.RenamedItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How {@link SingleTableMappingContext} keeps type prefixes apart and maps a partition key back to its type.
 */
class TypePrefixUnitTests {

	@Test
	void secondTypeWithATakenPrefixIsRefusedNamingBothAndTheFix() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.getRequiredPersistentEntity(Item.class);

		Throwable failure = catchThrowable(
				() -> context.getRequiredPersistentEntity(dev.singletable.core.fixtures.beta.Item.class));

		assertThat(invalidDefinition(failure)).hasMessageContaining(dev.singletable.core.fixtures.beta.Item.class.getName())
			.hasMessageContaining(Item.class.getName())
			.hasMessageContaining("@SingleTableEntity(prefix = \"...\")");
		assertThat(context.hasPersistentEntityFor(dev.singletable.core.fixtures.beta.Item.class)).isFalse();
		assertThat(context.getOwningEntity("Item#1").getType()).isEqualTo(Item.class);
	}

	@Test
	void scanningBothTypesFailsWhenTheContextInitializes() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.setInitialEntitySet(Set.of(Item.class, dev.singletable.core.fixtures.beta.Item.class));

		assertThat(invalidDefinition(catchThrowable(context::initialize))).hasMessageContaining("is already the prefix of");
	}

	@Test
	void nestedPrefixesAreRefusedInEitherOrder() {
		SingleTableMappingContext itemFirst = new SingleTableMappingContext();
		itemFirst.getRequiredPersistentEntity(Item.class);
		SingleTableMappingContext archiveFirst = new SingleTableMappingContext();
		archiveFirst.getRequiredPersistentEntity(ArchivedItem.class);

		assertThat(invalidDefinition(catchThrowable(() -> itemFirst.getRequiredPersistentEntity(ArchivedItem.class))))
			.hasMessageContaining("'Item#Archive#42' is also the Item resource 'Archive#42'");
		assertThat(invalidDefinition(catchThrowable(() -> archiveFirst.getRequiredPersistentEntity(Item.class))))
			.hasMessageContaining("'Item#Archive#42' is also the Item resource 'Archive#42'")
			.hasMessageContaining(ArchivedItem.class.getName());
	}

	@Test
	void prefixesThatOnlyShareLeadingCharactersAreUnambiguous() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.getRequiredPersistentEntity(Item.class);
		context.getRequiredPersistentEntity(ItemArchive.class);
		context.getRequiredPersistentEntity(AuditLog.class);

		assertThat(context.getOwningEntity("ItemArchive#1").getType()).isEqualTo(ItemArchive.class);
		assertThat(context.getOwningEntity("Item#ItemArchive#1").getType()).isEqualTo(Item.class);
		assertThat(context.getOwningEntity("_INTERNAL#AuditLog#01J0").getType()).isEqualTo(AuditLog.class);
	}

	@Test
	void partitionKeysMapToTheirTypeByRegisteredPrefixNeverByTheLastHash() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.getRequiredPersistentEntity(Item.class);
		context.getRequiredPersistentEntity(RenamedItem.class);

		assertThat(context.getOwningEntity("Item#team#42").getType()).isEqualTo(Item.class);
		assertThat(context.getOwningEntity("Item##").getType()).isEqualTo(Item.class);
		assertThat(context.getOwningEntity("Item#").getType()).isEqualTo(Item.class);
		assertThat(context.getOwningEntity("BetaItem#Item#1").getType()).isEqualTo(RenamedItem.class);
		assertThat(context.getOwningEntity("Item")).isNull();
		assertThat(context.getOwningEntity("Other#Item#1")).isNull();
		assertThat(context.getOwningEntity("ItemX#1")).isNull();
		assertThat(context.getOwningEntity("#Item#1")).isNull();
		assertThat(context.getOwningEntity("")).isNull();
	}

	@Test
	void reservedPythonPrefixesAreRefused() {
		SingleTableMappingContext context = new SingleTableMappingContext();

		assertThat(invalidDefinition(catchThrowable(() -> context.getRequiredPersistentEntity(Singleton.class))))
			.hasMessageContaining("'SINGLETON' is reserved");
		assertThat(invalidDefinition(catchThrowable(() -> context.getRequiredPersistentEntity(Internal.class))))
			.hasMessageContaining("'_INTERNAL' is reserved");
		assertThat(context.getOwningEntity("SINGLETON#FormConfig")).isNull();
	}

	@Test
	void aTypeThatFailsVerificationDoesNotKeepItsPrefix() {
		SingleTableMappingContext context = new SingleTableMappingContext();

		assertThat(invalidDefinition(catchThrowable(() -> context.getRequiredPersistentEntity(NoId.class))))
			.hasMessageContaining("@Id");
		assertThat(context.getOwningEntity("Item#1")).isNull();
		assertThat(context.getRequiredPersistentEntity(Item.class).getPrefix()).isEqualTo("Item");
	}

	private static InvalidEntityDefinitionException invalidDefinition(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof MappingException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(InvalidEntityDefinitionException.class);
		return (InvalidEntityDefinitionException) cause;
	}

	@SingleTableEntity
	record ItemArchive(@Id String id) {
	}

	@SingleTableEntity(prefix = "Item")
	record NoId(String name) {
	}

	@SingleTableEntity(prefix = "SINGLETON")
	record Singleton(@Id String id) {
	}

	@SingleTableEntity(prefix = "_INTERNAL")
	record Internal(@Id String id) {
	}

	@SingleTableEntity(prefix = "_INTERNAL#AuditLog")
	record AuditLog(@Id String id) {
	}

}
