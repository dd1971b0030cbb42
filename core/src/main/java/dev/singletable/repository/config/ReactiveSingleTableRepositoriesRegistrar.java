package dev.singletable.repository.config;

/**
 * Registers the reactive repositories
 * {@link EnableReactiveSingleTableRepositories @EnableReactiveSingleTableRepositories} asks for.
 */
class ReactiveSingleTableRepositoriesRegistrar extends EnabledRepositoriesRegistrar {

	ReactiveSingleTableRepositoriesRegistrar() {
		super(EnableReactiveSingleTableRepositories.class, ReactiveSingleTableRepositoryConfigurationExtension::new);
	}

}
