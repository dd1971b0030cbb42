package dev.singletable.autoconfigure.definitions;

import java.lang.annotation.Annotation;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.MissingLibraryException;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * Refuses the start-up of an application one of whose entity types is a Kotlin class (annotated with
 * {@code kotlin.Metadata}, as the Kotlin compiler writes every class) while Jackson's Kotlin module
 * ({@code tools.jackson.module:jackson-module-kotlin}, which {@code dev.singletable:singletable-kotlin} brings) is not
 * on its class path: the storage mapper reads a Kotlin class's default values, nullable types and value classes only
 * through the module, and would refuse the type at its first mapping. The application fails with a failure analysis
 * naming the dependency, as the entity types become known at start-up: those of a mapping context (the scanned
 * types) before it maps them and, for a mapping context of the application's, once it is created, and each
 * repository's domain type before its repository is; the early check of the main package
 * ({@link EarlyDefinitionsCheck}) checks the same before the configuration is parsed. Imported by the main
 * auto-configuration. Without Kotlin's standard library there is nothing to check (no class can carry a
 * {@code kotlin.Metadata} that reflection reads), so a Java application registers nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = KotlinEntitiesCheck.METADATA)
@ConditionalOnMissingClass(KotlinEntitiesCheck.MODULE_CLASS)
public final class KotlinEntitiesCheck {

	/** The module's class, absent without it. */
	static final String MODULE_CLASS = "tools.jackson.module.kotlin.KotlinModule";

	/** The module's Maven coordinates. */
	static final String LIBRARY = "tools.jackson.module:jackson-module-kotlin";

	/** singletable's Kotlin artifact, which brings the module. */
	static final String ARTIFACT = "dev.singletable:singletable-kotlin";

	/** What the Kotlin compiler marks its classes with: in Kotlin's standard library, absent without it. */
	static final String METADATA = "kotlin.Metadata";

	@Bean
	static BeanPostProcessor singleTableKotlinEntitiesCheck() {
		return new EntityTypesCheck();
	}

	/**
	 * Refuses the first Kotlin class of some entity types, unless the module is on the class path: called with the
	 * types a mapping context is to map, before it maps them.
	 * @param entityTypes the entity types
	 * @param classLoader the application's class loader
	 * @throws MissingLibraryException naming the module and the artifact that brings it
	 */
	public static void checkEntityTypes(Iterable<? extends Class<?>> entityTypes, @Nullable ClassLoader classLoader) {
		check(entityTypes, List.of(), classLoader);
	}

	/**
	 * Refuses the first Kotlin class of some entity types and of the domain types of some repository interfaces,
	 * unless the module is on the class path.
	 * @param entityTypes the entity types
	 * @param repositoryInterfaces the repository interfaces
	 * @param classLoader the application's class loader
	 * @throws MissingLibraryException naming the module and the artifact that brings it
	 */
	static void check(Iterable<? extends Class<?>> entityTypes, Iterable<? extends Class<?>> repositoryInterfaces,
			@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(METADATA, classLoader) && !ClassUtils.isPresent(MODULE_CLASS, classLoader)) {
			entityTypes.forEach((type) -> refuseKotlin(type, null));
			repositoryInterfaces.forEach((repository) -> refuseKotlin(domainType(repository), repository));
		}
	}

	private static void refuseKotlin(@Nullable Class<?> entityType, @Nullable Class<?> repository) {
		if (entityType != null && isKotlinClass(entityType)) {
			throw new MissingLibraryException("The Kotlin entity type " + entityType.getName()
					+ ((repository != null) ? " (of " + repository.getName() + ")" : ""), LIBRARY, ARTIFACT);
		}
	}

	private static @Nullable Class<?> domainType(Class<?> repository) {
		try {
			return AbstractRepositoryMetadata.getMetadata(repository).getDomainType();
		}
		catch (RuntimeException ex) {
			// not a repository whose domain type can be read: the repository's own check reports it
			return null;
		}
	}

	private static boolean isKotlinClass(Class<?> type) {
		for (Annotation annotation : type.getDeclaredAnnotations()) {
			if (annotation.annotationType().getName().equals(METADATA)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Checks the entity types of each mapping context once it is created, before the storage converter maps them,
	 * and the domain type of each repository before the repository is created (registered only when the module is
	 * missing).
	 */
	private static final class EntityTypesCheck implements BeanPostProcessor {

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> factory) {
				Class<?> repository = factory.getObjectType();
				refuseKotlin(domainType(repository), repository);
			}
			return bean;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof SingleTableMappingContext mappingContext) {
				for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
					refuseKotlin(entity.getType(), null);
				}
			}
			return bean;
		}

	}

}
