package dev.singletable.autoconfigure.data;

import java.lang.annotation.Annotation;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.ReactiveSingleTableRepositoryConfigurationExtension;

/**
 * Registers the reactive repositories of the auto-configuration packages.
 */
class SingleTableReactiveRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableReactiveSingleTableRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnableReactiveSingleTableRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new ReactiveSingleTableRepositoryConfigurationExtension();
	}

	@EnableReactiveSingleTableRepositories
	private static final class EnableReactiveSingleTableRepositoriesConfiguration {

	}

}
