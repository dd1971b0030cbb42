package dev.singletable.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.hierarchy.Pet;
import dev.singletable.autoconfigure.hierarchy.PetRepository;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sealed hierarchy in an application: the entity scan finds its root, an interface, so that the root and every
 * concrete type (with the index one of them declares) are mapped at startup, before any use; its repository derives
 * queries over every subtype.
 */
class HierarchyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class))
		.withUserConfiguration(PetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(),
				"singletable.table-name=" + TestTables.uniqueName("hierarchy"),
				"singletable.table.create=create-if-missing");

	@Test
	void theScanMapsTheRootAndEveryConcreteTypeAtStartup() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			SingleTableMappingContext mapping = context.getBean(SingleTableMappingContext.class);
			assertThat(mapping.hasPersistentEntityFor(Pet.class)).isTrue();
			assertThat(mapping.hasPersistentEntityFor(Pet.Dog.class)).isTrue();
			assertThat(mapping.hasPersistentEntityFor(Pet.Cat.class)).isTrue();
			assertThat(mapping.getRequiredPersistentEntity(Pet.Cat.class).getIndexDefinition("gsi2")).isNotNull();
			assertThat(mapping.getOwningEntity("Pet#1").getType()).isEqualTo(Pet.class);
		});
	}

	@Test
	void theRootsRepositoryReadsEverySubtype() {
		this.contextRunner.run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			template.create(new Pet.Dog("d1", null, "ann", "collie"));
			template.create(new Pet.Cat("c1", null, "ann", 9));

			assertThat(context.getBean(PetRepository.class).findByOwner("ann")).extracting(Object::getClass)
				.containsExactlyInAnyOrder(Pet.Dog.class, Pet.Cat.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Pet.class)
	static class PetPackage {

	}

}
