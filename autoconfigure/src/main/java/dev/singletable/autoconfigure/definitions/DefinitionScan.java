package dev.singletable.autoconfigure.definitions;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.repository.NoRepositoryBean;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.EnableSingleTableRepositories;

/**
 * What the packages of the main application hold that the early check needs: the entity types, the repository
 * interfaces of each kind, and whether a class there chooses the repositories or entity types itself
 * ({@code @Enable...Repositories}, {@code @EntityScan}), in which case the early check stands aside. Reads class files
 * as component scanning does, and loads only the entity types and repository interfaces it returns.
 */
final class DefinitionScan {

	private static final List<Class<? extends Annotation>> CHOICES = List.of(EnableSingleTableRepositories.class,
			EnableReactiveSingleTableRepositories.class, EntityScan.class);

	private final Set<Class<?>> entities = new LinkedHashSet<>();

	private final List<Class<?>> blockingRepositories = new ArrayList<>();

	private final List<Class<?>> reactiveRepositories = new ArrayList<>();

	private boolean choicesMadeElsewhere;

	private DefinitionScan() {
	}

	/**
	 * Scans packages.
	 * @param packages the packages, with their sub-packages
	 * @param blockingTypes the interfaces that make an interface a blocking singletable repository
	 * @param reactiveTypes the same for reactive repositories (none without Reactor)
	 * @param environment the environment (for {@code @Profile} and {@code @Conditional} on scanned classes)
	 * @param classLoader the application's class loader
	 * @return what they hold
	 * @throws ClassNotFoundException when a class found cannot be loaded
	 */
	static DefinitionScan of(Set<String> packages, List<Class<?>> blockingTypes, List<Class<?>> reactiveTypes,
			Environment environment, ClassLoader classLoader) throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false,
				environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				// top-level interfaces too, as Spring Data's scan for repositories finds them
				AnnotationMetadata metadata = definition.getMetadata();
				if (metadata.hasAnnotation(SingleTableEntity.class.getName())) {
					// the root of a hierarchy is a sealed interface or an abstract class
					return metadata.isIndependent();
				}
				return metadata.isInterface() ? !metadata.hasEnclosingClass() : super.isCandidateComponent(definition);
			}

		};
		provider.setResourceLoader(new DefaultResourceLoader(classLoader));
		provider.addIncludeFilter(new AnnotationTypeFilter(SingleTableEntity.class));
		CHOICES.forEach((choice) -> provider.addIncludeFilter(new AnnotationTypeFilter(choice, true, true)));
		blockingTypes.forEach((type) -> provider.addIncludeFilter(new AssignableTypeFilter(type)));
		reactiveTypes.forEach((type) -> provider.addIncludeFilter(new AssignableTypeFilter(type)));
		DefinitionScan scan = new DefinitionScan();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
				AnnotationMetadata metadata = ((AnnotatedBeanDefinition) candidate).getMetadata();
				if (CHOICES.stream().anyMatch((choice) -> metadata.hasAnnotation(choice.getName())
						|| metadata.hasMetaAnnotation(choice.getName()))) {
					scan.choicesMadeElsewhere = true;
				}
				else if (metadata.hasAnnotation(SingleTableEntity.class.getName())) {
					scan.entities.add(Class.forName(metadata.getClassName(), false, classLoader));
				}
				else if (metadata.isInterface()) {
					if (!metadata.hasAnnotation(NoRepositoryBean.class.getName())) {
						Class<?> type = Class.forName(metadata.getClassName(), false, classLoader);
						if (assignable(type, blockingTypes)) {
							scan.blockingRepositories.add(type);
						}
						else if (assignable(type, reactiveTypes)) {
							scan.reactiveRepositories.add(type);
						}
					}
				}
			}
		}
		return scan;
	}

	Set<Class<?>> entities() {
		return this.entities;
	}

	List<Class<?>> blockingRepositories() {
		return this.blockingRepositories;
	}

	List<Class<?>> reactiveRepositories() {
		return this.reactiveRepositories;
	}

	/**
	 * Whether a class in the packages chooses the repositories or entity types itself, so that what the scan found
	 * may not be what the application registers.
	 */
	boolean choicesMadeElsewhere() {
		return this.choicesMadeElsewhere;
	}

	private static boolean assignable(Class<?> type, List<Class<?>> supertypes) {
		return supertypes.stream().anyMatch((supertype) -> supertype.isAssignableFrom(type));
	}

}
