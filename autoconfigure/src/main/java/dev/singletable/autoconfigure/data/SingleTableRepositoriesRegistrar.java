package dev.singletable.autoconfigure.data;

import java.lang.annotation.Annotation;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.config.SingleTableRepositoryConfigurationExtension;

/**
 * Registers the repositories of the auto-configuration packages.
 */
class SingleTableRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableSingleTableRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnableSingleTableRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new SingleTableRepositoryConfigurationExtension();
	}

	@EnableSingleTableRepositories
	private static final class EnableSingleTableRepositoriesConfiguration {

	}

}
