package dev.singletable.repository.config;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.ReadOnlySingleTableRepository;
import dev.singletable.repository.SingleTableRepository;

import static org.assertj.core.api.Assertions.assertThat;

class SingleTableRepositoryConfigurationExtensionUnitTests {

	private final Extension extension = new Extension();

	@Test
	void claimsRepositoriesOfItsOwnInterfaces() {
		assertThat(this.extension.isCandidate(OwnRepository.class)).isTrue();
		assertThat(this.extension.isCandidate(ReadOnlyRepository.class)).isTrue();
	}

	@Test
	void claimsGenericRepositoriesOfAnnotatedEntities() {
		assertThat(this.extension.isCandidate(AnnotatedCrudRepository.class)).isTrue();
	}

	@Test
	void leavesOtherStoresRepositoriesAlone() {
		assertThat(this.extension.isCandidate(ForeignRepository.class)).isFalse();
	}

	@Test
	void namesTheModuleAndFactory() {
		assertThat(this.extension.getModuleName()).isEqualTo("SingleTable");
		assertThat(this.extension.getRepositoryFactoryBeanClassName()).endsWith("SingleTableRepositoryFactoryBean");
	}

	static class Extension extends SingleTableRepositoryConfigurationExtension {

		boolean isCandidate(Class<?> repositoryInterface) {
			return isStrictRepositoryCandidate(AbstractRepositoryMetadata.getMetadata(repositoryInterface));
		}

	}

	@SingleTableEntity
	record Annotated(@Id String id) {
	}

	record Foreign(@Id String id) {
	}

	interface OwnRepository extends SingleTableRepository<Foreign> {
	}

	interface ReadOnlyRepository extends ReadOnlySingleTableRepository<Foreign> {
	}

	interface AnnotatedCrudRepository extends CrudRepository<Annotated, String> {
	}

	interface ForeignRepository extends Repository<Foreign, String> {
	}

}
