package dev.singletable.autoconfigure.definitions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.SingleTableProperties;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.repository.ReadOnlySingleTableRepository;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the application's entity types and repository interfaces as soon as the application context is prepared,
 * before the configuration classes are parsed (which takes a second or more), so that a bad definition, such as a
 * query method no index covers, fails the start in about two seconds with the failure analysis the later check would
 * give. It checks only what the auto-configuration will certainly register: the entity types and repository
 * interfaces (blocking, and reactive with Reactor, singletable-kotlin's coroutine ones included) in the packages of
 * the main application class (never the default package, which would mean the whole class path), when neither the
 * main class nor a class in those packages chooses repositories or entity types itself, the auto-configuration and
 * its repositories are not switched off (nor auto-configuration as a whole, as test slices do), and the {@code singletable.*} properties bind.
 * An application started from the code {@code process-aot} generated skips it: the build ran it. Anything else is left to the
 * check made when the beans are created, which always runs; a check that cannot be made here is simply not made.
 */
final class EarlyDefinitionsCheck implements SpringApplicationRunListener {

	private static final String AUTO_CONFIGURATION_PACKAGE = "dev.singletable.autoconfigure";

	/** Which repositories Spring Boot's repository auto-configurations register: auto, imperative, reactive, none. */
	private static final String REPOSITORY_TYPE_PROPERTY = "spring.data.singletable.repositories.type";

	/** singletable-kotlin's coroutine repository, which every singletable coroutine repository interface extends. */
	private static final String COROUTINE_REPOSITORY = "dev.singletable.repository.kotlin.CoroutineSingleTableRepository";

	private final SpringApplication application;

	EarlyDefinitionsCheck(SpringApplication application, String[] args) {
		this.application = application;
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		if (AotDetector.useGeneratedArtifacts()) {
			// process-aot ran this check (and failed the build on a bad definition) and planned the repositories'
			// derived methods into their AOT fragments: scanning and planning again would only cost the start
			return;
		}
		ConfigurableEnvironment environment = context.getEnvironment();
		ClassLoader classLoader = (context.getClassLoader() != null) ? context.getClassLoader()
				: ClassUtils.getDefaultClassLoader();
		Set<String> packages = mainPackages(this.application.getAllSources());
		String repositoryType = environment.getProperty(REPOSITORY_TYPE_PROPERTY, "auto");
		if (packages.isEmpty() || switchedOff(environment, repositoryType) || classLoader == null) {
			return;
		}
		Binder binder = Binder.get(environment);
		SingleTableProperties properties;
		DefinitionScan scan;
		try {
			properties = binder.bind("singletable", SingleTableProperties.class).orElse(null);
			scan = DefinitionScan.of(packages, blockingTypes(repositoryType),
					reactiveTypes(repositoryType, classLoader),
					environment, classLoader);
		}
		catch (RuntimeException | ClassNotFoundException | LinkageError ex) {
			// the beans report what is wrong with the properties or the classes
			return;
		}
		if (properties == null || !properties.repositories().enabled() || scan.choicesMadeElsewhere()) {
			return;
		}
		MappingDefaults defaults = new MappingDefaults(properties.compression().enabled(),
				properties.versioning().maxVersions(), properties.compression().level());
		SingleTableMappingContext mappingContext = new SingleTableMappingContext(defaults);
		// a Kotlin entity type without Jackson's Kotlin module fails here, naming it, as KotlinEntitiesCheck would
		KotlinEntitiesCheck.check(scan.entities(), scan.blockingRepositories(), classLoader);
		KotlinEntitiesCheck.check(List.of(), scan.reactiveRepositories(), classLoader);
		mappingContext.setInitialEntitySet(scan.entities());
		// an invalid entity type fails here, as the mapping context bean would
		mappingContext.initialize();
		// the auto-configured mapping context is this one when it would scan the same packages: scanned and mapped once
		context.getBeanFactory().registerSingleton(EarlyMappingContext.BEAN_NAME,
				new EarlyMappingContext(packages, defaults, mappingContext));
		// and as the converter would: without Jackson when each type's stored shape is known without it (records
		// without Jackson annotations), so that an application of such types loads Jackson at its first read or write
		MappingSingleTableConverter converter;
		if (MappingSingleTableConverter.checkWithoutJsonMapper(mappingContext)) {
			converter = new MappingSingleTableConverter(mappingContext, new DefaultStorageMapper());
			List<Class<?>> checked = new ArrayList<>();
			mappingContext.getPersistentEntities().forEach((entity) -> checked.add(entity.getType()));
			context.getBeanFactory().registerSingleton(EarlyCheckedEntityTypes.BEAN_NAME,
					new EarlyCheckedEntityTypes(checked));
		}
		else {
			converter = new MappingSingleTableConverter(mappingContext);
		}
		scan.blockingRepositories()
			.forEach((repository) -> SingleTableRepositoryFactory.checkDefinition(repository, converter));
		scan.reactiveRepositories()
			.forEach((repository) -> ReactiveSingleTableRepositoryFactory.checkDefinition(repository, converter));
	}

	/**
	 * The packages of the sources annotated for auto-configuration (as {@code @SpringBootApplication} is), none when
	 * such a source excludes a singletable auto-configuration.
	 */
	static Set<String> mainPackages(Set<Object> sources) {
		Set<String> packages = new LinkedHashSet<>();
		for (Object source : sources) {
			if (source instanceof Class<?> type && AnnotatedElementUtils.hasAnnotation(type, EnableAutoConfiguration.class)) {
				AnnotationAttributes attributes = AnnotatedElementUtils.getMergedAnnotationAttributes(type,
						EnableAutoConfiguration.class);
				if (attributes != null && excludesSingleTable(attributes)) {
					return Set.of();
				}
				if (type.getPackageName().isEmpty()) {
					// the default package: scanning it reads the whole class path, jars and all
					return Set.of();
				}
				packages.add(type.getPackageName());
			}
		}
		return packages;
	}

	private static boolean excludesSingleTable(AnnotationAttributes attributes) {
		for (Class<?> excluded : attributes.getClassArray("exclude")) {
			if (excluded.getName().startsWith(AUTO_CONFIGURATION_PACKAGE)) {
				return true;
			}
		}
		for (String excluded : attributes.getStringArray("excludeName")) {
			if (excluded.startsWith(AUTO_CONFIGURATION_PACKAGE)) {
				return true;
			}
		}
		return false;
	}

	private static boolean switchedOff(ConfigurableEnvironment environment, String repositoryType) {
		String excluded = environment.getProperty("spring.autoconfigure.exclude", "");
		// test slices switch auto-configuration off and import what they choose
		boolean autoConfiguration = environment.getProperty(EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY,
				Boolean.class, true);
		return !autoConfiguration || excluded.contains(AUTO_CONFIGURATION_PACKAGE)
				|| "none".equalsIgnoreCase(repositoryType);
	}

	private static List<Class<?>> blockingTypes(String repositoryType) {
		return "reactive".equalsIgnoreCase(repositoryType) ? List.of()
				: List.of(SingleTableRepository.class, ReadOnlySingleTableRepository.class);
	}

	private static List<Class<?>> reactiveTypes(String repositoryType, ClassLoader classLoader)
			throws ClassNotFoundException {
		if ("imperative".equalsIgnoreCase(repositoryType) || !ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)) {
			return List.of();
		}
		List<Class<?>> types = new ArrayList<>();
		types.add(ClassUtils.forName("dev.singletable.repository.reactive.ReactiveSingleTableRepository", classLoader));
		types.add(ClassUtils.forName("dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository",
				classLoader));
		// singletable-kotlin's coroutine repositories are reactive ones (Spring Data's own CoroutineCrudRepository
		// is any store's, so it is left to the check made when the beans are created, as CrudRepository is)
		if (ClassUtils.isPresent(COROUTINE_REPOSITORY, classLoader)) {
			types.add(ClassUtils.forName(COROUTINE_REPOSITORY, classLoader));
		}
		return types;
	}

	/**
	 * Supplies the default storage mapper to a converter that builds it at first use. A class rather than a method
	 * reference, whose resolution would load the mapper's classes (Jackson's) before the application is ready.
	 */
	private static final class DefaultStorageMapper implements Supplier<JsonMapper> {

		@Override
		public JsonMapper get() {
			return StorageJsonMapper.create();
		}

	}

}
