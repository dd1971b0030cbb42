package dev.singletable.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the reactive repositories
 * {@link EnableReactiveSingleTableRepositories @EnableReactiveSingleTableRepositories} asks for.
 */
class ReactiveSingleTableRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableReactiveSingleTableRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new ReactiveSingleTableRepositoryConfigurationExtension();
	}

}
