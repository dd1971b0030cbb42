package dev.singletable.core.mapping;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The {@link IndexKey @IndexKey} declarations of an entity type, as Spring's
 * {@link AnnotatedElementUtils#findMergedRepeatableAnnotations(java.lang.reflect.AnnotatedElement, Class)} finds
 * them: on the type, its interfaces and its superclasses (a class's own before its interfaces', those before its
 * superclass's), listed from the last of them to the type itself, each declaration once.
 * <p>
 * That lookup maps every annotation of those types with its meta-annotations ({@code @SingleTableEntity}'s
 * {@code @Persistent} and its {@code @Reflective}, their annotation proxies and the collectors of Spring's merged
 * annotations), classes an application's start needs for nothing else. So the declarations are read from the JDK's
 * annotations while the types declare only annotations that cannot carry {@code @IndexKey} as a meta-annotation,
 * and by Spring's lookup as soon as one of them declares another (a composed annotation of the application's).
 */
final class IndexKeyDeclarations {

	/** Annotations of these packages cannot be meta-annotated with {@code @IndexKey}: they do not know it. */
	private static final String[] FOREIGN_PACKAGES = { "java.", "javax.", "jakarta.", "jdk.", "kotlin.",
			"org.jspecify.", "org.springframework.", "tools.jackson.", "com.fasterxml.jackson." };

	private IndexKeyDeclarations() {
	}

	/**
	 * Returns the {@code @IndexKey} declarations of a type and its supertypes.
	 * @param type the entity type
	 * @return the declarations, in the order Spring's merged lookup returns them
	 */
	static Set<IndexKey> of(Class<?> type) {
		List<List<IndexKey>> byType = new ArrayList<>();
		if (!collect(type, byType)) {
			return AnnotatedElementUtils.findMergedRepeatableAnnotations(type, IndexKey.class);
		}
		Set<IndexKey> keys = new LinkedHashSet<>();
		for (int i = byType.size() - 1; i >= 0; i--) {
			keys.addAll(byType.get(i));
		}
		return Collections.unmodifiableSet(keys);
	}

	/**
	 * Adds the declarations of a type and of its supertypes, one list per type in the order Spring's scan of a type
	 * hierarchy visits them; {@literal false} when a type declares an annotation that may carry {@code @IndexKey}.
	 */
	private static boolean collect(Class<?> type, List<List<IndexKey>> byType) {
		if (type.getName().startsWith("java.") || type == Ordered.class) {
			// the types whose annotations Spring's scan skips
			return true;
		}
		List<IndexKey> declared = new ArrayList<>();
		for (Annotation annotation : type.getDeclaredAnnotations()) {
			Class<? extends Annotation> annotationType = annotation.annotationType();
			if (annotationType == IndexKey.class) {
				declared.add((IndexKey) annotation);
			}
			else if (annotationType == IndexKeys.class) {
				Collections.addAll(declared, ((IndexKeys) annotation).value());
			}
			else if (annotationType != SingleTableEntity.class && !isForeign(annotationType)) {
				return false;
			}
		}
		byType.add(declared);
		for (Class<?> implemented : type.getInterfaces()) {
			if (!collect(implemented, byType)) {
				return false;
			}
		}
		Class<?> superclass = type.getSuperclass();
		return superclass == null || superclass == Object.class || collect(superclass, byType);
	}

	private static boolean isForeign(Class<? extends Annotation> annotationType) {
		String name = annotationType.getName();
		for (String foreign : FOREIGN_PACKAGES) {
			if (name.startsWith(foreign)) {
				return true;
			}
		}
		return false;
	}

}
