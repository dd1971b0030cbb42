package dev.singletable.core.convert;

import java.lang.annotation.Annotation;

import org.springframework.util.ClassUtils;

import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the storage mapper knows of Kotlin without linking it: Kotlin and Jackson's Kotlin module are optional, so
 * this class names them only as strings and leaves the module to {@link KotlinJacksonModule}, which it calls only
 * when the module and Kotlin's reflection are on the class path. A Kotlin class is one annotated with
 * {@code kotlin.Metadata}, as the Kotlin compiler annotates every class it writes.
 */
final class KotlinSupport {

	/** The module's class. */
	static final String MODULE_CLASS = "tools.jackson.module.kotlin.KotlinModule";

	/** The module's Maven coordinates. */
	static final String MODULE = "tools.jackson.module:jackson-module-kotlin";

	/** singletable's Kotlin artifact, which brings the module. */
	static final String ARTIFACT = "dev.singletable:singletable-kotlin";

	private static final String METADATA = "kotlin.Metadata";

	/** kotlin-reflect, which the module reads Kotlin classes with. */
	private static final String REFLECTION = "kotlin.reflect.full.KClasses";

	private static final boolean PRESENT = isPresent(KotlinSupport.class.getClassLoader());

	private KotlinSupport() {
	}

	/**
	 * Whether the module and what it needs are on a class loader's class path.
	 * @param classLoader the class loader
	 * @return {@literal true} when the module can be registered
	 */
	static boolean isPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(MODULE_CLASS, classLoader) && ClassUtils.isPresent(METADATA, classLoader)
				&& ClassUtils.isPresent(REFLECTION, classLoader);
	}

	/**
	 * Registers the module on a builder when it is on the class path and the builder has none yet (a module the
	 * application registered itself, with its own features, stays).
	 * @param builder the storage mapper's builder
	 */
	static void registerIfPresent(MapperBuilder<?, ?> builder) {
		if (PRESENT && !isRegistered(builder)) {
			builder.addModule(KotlinJacksonModule.create());
		}
	}

	private static boolean isRegistered(MapperBuilder<?, ?> builder) {
		boolean[] registered = { false };
		builder.withModules((module) -> registered[0] |= module.getClass().getName().equals(MODULE_CLASS));
		return registered[0];
	}

	/**
	 * Whether a mapper has the module.
	 * @param mapper the mapper
	 * @return {@literal true} when one of its modules is Jackson's Kotlin module
	 */
	static boolean isRegistered(JsonMapper mapper) {
		return mapper.registeredModules()
			.stream()
			.anyMatch((module) -> module.getClass().getName().equals(MODULE_CLASS));
	}

	/**
	 * Whether a type was written by the Kotlin compiler.
	 * @param type the type
	 * @return {@literal true} when it is annotated with {@code kotlin.Metadata}
	 */
	static boolean isKotlinClass(Class<?> type) {
		for (Annotation annotation : type.getDeclaredAnnotations()) {
			if (annotation.annotationType().getName().equals(METADATA)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What an entity type that is a Kotlin class needs when the storage mapper has no Kotlin module.
	 * @return the problem and what to do, for an {@code InvalidEntityDefinitionException}
	 */
	static String missingModule() {
		return "it is a Kotlin class, which the storage mapper reads only with Jackson's Kotlin module (" + MODULE
				+ ") on the class path, for its constructor's default values, nullable types and value classes; add "
				+ ARTIFACT + " (which brings the module) or " + MODULE + " itself to the application's dependencies";
	}

}
