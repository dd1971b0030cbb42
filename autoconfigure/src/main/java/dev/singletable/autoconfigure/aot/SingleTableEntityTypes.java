package dev.singletable.autoconfigure.aot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Internal: the {@code @SingleTableEntity} types of an application as found when it was processed ahead of time,
 * registered by the code {@link SingleTableEntitiesAotProcessor} generates, so that an application started with
 * {@code -Dspring.aot.enabled=true} maps them without scanning the classpath again. Not meant to be used by
 * applications.
 */
public final class SingleTableEntityTypes {

	/** The name of the bean the generated code registers. */
	public static final String BEAN_NAME = "singleTableEntityTypes";

	private final List<String> classNames;

	private SingleTableEntityTypes(List<String> classNames) {
		this.classNames = List.copyOf(classNames);
	}

	/**
	 * Returns the types of the given names.
	 * @param classNames the fully qualified class names, in scanning order
	 * @return the entity types
	 */
	public static SingleTableEntityTypes of(String... classNames) {
		Assert.noNullElements(classNames, "Class names must not be null");
		return new SingleTableEntityTypes(List.of(classNames));
	}

	/**
	 * Loads the types.
	 * @param classLoader the class loader of the application
	 * @return the types, in scanning order
	 * @throws ClassNotFoundException when a type processed ahead of time is no longer there
	 */
	public Set<Class<?>> resolve(@Nullable ClassLoader classLoader) throws ClassNotFoundException {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String name : this.classNames) {
			types.add(ClassUtils.forName(name, classLoader));
		}
		return types;
	}

	/**
	 * Returns the class names.
	 * @return the names, in scanning order
	 */
	public List<String> getClassNames() {
		return this.classNames;
	}

}
