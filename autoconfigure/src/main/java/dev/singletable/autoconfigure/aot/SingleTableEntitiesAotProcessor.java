package dev.singletable.autoconfigure.aot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import javax.lang.model.element.Modifier;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.javapoet.CodeBlock;
import org.springframework.util.ClassUtils;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * Registers, when an application is processed ahead of time, the reflection hints of every
 * {@link SingleTableEntity @SingleTableEntity} type the auto-configuration would find at startup (in the packages of
 * {@code @EntityScan} or else the auto-configuration packages): its constructors, fields, methods (computed index
 * keys are invoked reflectively) and record components for the mapping, and what Jackson needs to write and read it
 * and every type it holds, for the stored JSON. Repository interfaces and their domain types are Spring Data's own
 * AOT processing. The generated code also registers the list of entity types ({@link SingleTableEntityTypes}), so
 * that the processed application maps them at startup without scanning the classpath.
 */
class SingleTableEntitiesAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final MemberCategory[] MAPPING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		List<Class<?>> entities = entityTypes(beanFactory);
		if (entities.isEmpty()) {
			return null;
		}
		return new Contribution(entities);
	}

	/**
	 * Finds the entity types as the auto-configuration does: in the {@code @EntityScan} packages, or else the
	 * auto-configuration packages.
	 * @param beanFactory the bean factory of the application being processed
	 * @return the entity types, in scanning order
	 */
	static List<Class<?>> entityTypes(ConfigurableListableBeanFactory beanFactory) {
		List<String> packages = EntityScanPackages.get(beanFactory).getPackageNames();
		if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
			packages = AutoConfigurationPackages.get(beanFactory);
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				// the root of a hierarchy is a sealed interface or an abstract class
				return definition.getMetadata().isIndependent();
			}

		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(SingleTableEntity.class));
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String name = candidate.getBeanClassName();
				if (name != null) {
					types.add(ClassUtils.resolveClassName(name, classLoader));
				}
			}
		}
		return new ArrayList<>(types);
	}

	/**
	 * Registers the hints of every entity type.
	 * @param hints the hints to add to
	 * @param entities the entity types
	 */
	static void registerHints(RuntimeHints hints, List<Class<?>> entities) {
		BindingReflectionHintsRegistrar jackson = new BindingReflectionHintsRegistrar();
		for (Class<?> entity : entities) {
			for (Class<?> type : withSubtypes(entity, new ArrayList<>())) {
				hints.reflection().registerType(type, MAPPING);
				jackson.registerReflectionHints(hints.reflection(), type);
			}
		}
	}

	/** A type and, for the root of a hierarchy, the types under it, which are stored and read as it. */
	private static List<Class<?>> withSubtypes(Class<?> type, List<Class<?>> found) {
		if (found.contains(type)) {
			return found;
		}
		found.add(type);
		SingleTableEntity annotation = type.getDeclaredAnnotation(SingleTableEntity.class);
		Class<?>[] subtypes = type.isSealed() ? type.getPermittedSubclasses()
				: (annotation != null) ? annotation.subtypes() : new Class<?>[0];
		for (Class<?> subtype : subtypes) {
			withSubtypes(subtype, found);
		}
		return found;
	}

	private record Contribution(List<Class<?>> entities) implements BeanFactoryInitializationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanFactoryInitializationCode code) {
			registerHints(generationContext.getRuntimeHints(), this.entities);
			CodeBlock names = CodeBlock.join(this.entities.stream().map((type) -> CodeBlock.of("$S", type.getName())).toList(),
					", ");
			GeneratedMethod method = code.getMethods()
				.add("registerSingleTableEntityTypes", (builder) -> builder
					.addJavadoc("Registers the entity types found when the application was processed ahead of time.")
					.addModifiers(Modifier.PUBLIC)
					.addParameter(DefaultListableBeanFactory.class, "beanFactory")
					.addStatement("beanFactory.registerSingleton($S, $T.of($L))", SingleTableEntityTypes.BEAN_NAME,
							SingleTableEntityTypes.class, names));
			code.addInitializer(method.toMethodReference());
		}

	}

}
