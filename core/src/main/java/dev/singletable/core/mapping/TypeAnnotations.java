package dev.singletable.core.mapping;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * singletable's annotations of an entity type ({@link IndexKey @IndexKey}, {@link Audited @Audited}) as Spring's
 * {@link AnnotatedElementUtils} finds them on the type, its interfaces and its superclasses (a class's own before
 * its interfaces', those before its superclass's).
 * <p>
 * Spring's merged lookups map every annotation of those types with its meta-annotations ({@code @SingleTableEntity}'s
 * {@code @Persistent} and its {@code @Reflective}, their annotation proxies, the aggregates' collectors), classes an
 * application's start needs for nothing else. So the annotations are read from the JDK's while the types declare
 * only annotations that cannot carry ours as meta-annotations, and by Spring's lookups as soon as one of them
 * declares another (a composed annotation of the application's).
 */
final class TypeAnnotations {

	/** Annotations of these packages cannot be meta-annotated with ours: they do not know them. */
	private static final String[] FOREIGN_PACKAGES = { "java.", "javax.", "jakarta.", "jdk.", "kotlin.",
			"org.jspecify.", "org.springframework.", "tools.jackson.", "com.fasterxml.jackson." };

	private TypeAnnotations() {
	}

	/**
	 * Returns the {@code @IndexKey} declarations of a type and its supertypes, as
	 * {@link AnnotatedElementUtils#findMergedRepeatableAnnotations(java.lang.reflect.AnnotatedElement, Class)}: from
	 * the last type visited to the type itself, each declaration once.
	 * @param type the entity type
	 * @return the declarations
	 */
	static Set<IndexKey> indexKeys(Class<?> type) {
		List<Annotation[]> declared = declared(type);
		if (declared == null) {
			return AnnotatedElementUtils.findMergedRepeatableAnnotations(type, IndexKey.class);
		}
		Set<IndexKey> keys = new LinkedHashSet<>();
		for (int i = declared.size() - 1; i >= 0; i--) {
			for (Annotation annotation : declared.get(i)) {
				if (annotation instanceof IndexKey key) {
					keys.add(key);
				}
				else if (annotation instanceof IndexKeys keysOfType) {
					Collections.addAll(keys, keysOfType.value());
				}
			}
		}
		return Collections.unmodifiableSet(keys);
	}

	/**
	 * Returns the {@code @Audited} declaration of a type or of the first of its supertypes that has one, as
	 * {@link AnnotatedElementUtils#findMergedAnnotation(java.lang.reflect.AnnotatedElement, Class)}.
	 * @param type the entity type
	 * @return the declaration, or {@literal null} when the type is not audited
	 */
	static @Nullable Audited audited(Class<?> type) {
		List<Annotation[]> declared = declared(type);
		if (declared == null) {
			return AnnotatedElementUtils.findMergedAnnotation(type, Audited.class);
		}
		for (Annotation[] annotations : declared) {
			for (Annotation annotation : annotations) {
				if (annotation instanceof Audited audited) {
					return audited;
				}
			}
		}
		return null;
	}

	/**
	 * The annotations declared by a type and by its supertypes, one array per type in the order Spring's scan of a
	 * type hierarchy visits them; {@literal null} when one of them declares an annotation that may carry ours.
	 */
	private static @Nullable List<Annotation[]> declared(Class<?> type) {
		List<Annotation[]> declared = new ArrayList<>();
		return collect(type, declared) ? declared : null;
	}

	private static boolean collect(Class<?> type, List<Annotation[]> declared) {
		if (type.getName().startsWith("java.") || type == Ordered.class) {
			// the types whose annotations Spring's scan skips
			return true;
		}
		Annotation[] annotations = type.getDeclaredAnnotations();
		for (Annotation annotation : annotations) {
			if (!isLeaf(annotation.annotationType())) {
				return false;
			}
		}
		declared.add(annotations);
		for (Class<?> implemented : type.getInterfaces()) {
			if (!collect(implemented, declared)) {
				return false;
			}
		}
		Class<?> superclass = type.getSuperclass();
		return superclass == null || superclass == Object.class || collect(superclass, declared);
	}

	/** Whether an annotation type cannot carry {@code @IndexKey} or {@code @Audited} as a meta-annotation. */
	private static boolean isLeaf(Class<? extends Annotation> annotationType) {
		if (annotationType == SingleTableEntity.class || annotationType == IndexKey.class
				|| annotationType == IndexKeys.class || annotationType == Audited.class) {
			return true;
		}
		String name = annotationType.getName();
		for (String foreign : FOREIGN_PACKAGES) {
			if (name.startsWith(foreign)) {
				return true;
			}
		}
		return false;
	}

}
