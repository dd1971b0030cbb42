package dev.singletable.repository.config;

/**
 * Registers the repositories {@link EnableSingleTableRepositories @EnableSingleTableRepositories} asks for.
 */
class SingleTableRepositoriesRegistrar extends EnabledRepositoriesRegistrar {

	SingleTableRepositoriesRegistrar() {
		super(EnableSingleTableRepositories.class, SingleTableRepositoryConfigurationExtension::new);
	}

}
