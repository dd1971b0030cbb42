package dev.singletable.repository.config;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;

import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.core.RepositoryMetadata;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The repository configuration of one kind of singletable repository, blocking or reactive: its module, its factory
 * bean, and which repositories are its. A repository is of the kind of the repository interfaces it extends (see
 * {@link RepositoryKinds}), so both kinds may scan the same packages; in strict mode (several Spring Data modules on
 * the classpath) it is ours when it extends one of the kind's interfaces or manages a
 * {@link SingleTableEntity @SingleTableEntity} type.
 */
abstract class RepositoryKindExtension extends RepositoryConfigurationExtensionSupport {

	private final String moduleName;

	private final String modulePrefix;

	private final Class<?> factoryBeanClass;

	private final List<Class<?>> identifyingTypes;

	private final boolean reactive;

	RepositoryKindExtension(String moduleName, String modulePrefix, Class<?> factoryBeanClass,
			List<Class<?>> identifyingTypes, boolean reactive) {
		this.moduleName = moduleName;
		this.modulePrefix = modulePrefix;
		this.factoryBeanClass = factoryBeanClass;
		this.identifyingTypes = identifyingTypes;
		this.reactive = reactive;
	}

	@Override
	public String getModuleName() {
		return this.moduleName;
	}

	@Override
	protected String getModulePrefix() {
		return this.modulePrefix;
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return this.factoryBeanClass.getName();
	}

	@Override
	protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
		return List.of(SingleTableEntity.class);
	}

	@Override
	protected Collection<Class<?>> getIdentifyingTypes() {
		return this.identifyingTypes;
	}

	/** Only the repositories of this kind: the others are the other extension's. */
	@Override
	protected boolean useRepositoryConfiguration(RepositoryMetadata metadata) {
		return RepositoryKinds.isReactive(metadata) == this.reactive;
	}

}
