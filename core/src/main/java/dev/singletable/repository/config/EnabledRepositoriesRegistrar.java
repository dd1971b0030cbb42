package dev.singletable.repository.config;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the repositories one {@code @Enable…Repositories} annotation asks for, with the configuration extension
 * of its kind.
 */
abstract class EnabledRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	private final Class<? extends Annotation> annotation;

	private final Supplier<RepositoryConfigurationExtension> extension;

	EnabledRepositoriesRegistrar(Class<? extends Annotation> annotation,
			Supplier<RepositoryConfigurationExtension> extension) {
		this.annotation = annotation;
		this.extension = extension;
	}

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return this.annotation;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return this.extension.get();
	}

}
