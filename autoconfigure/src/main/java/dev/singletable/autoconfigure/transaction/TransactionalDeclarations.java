package dev.singletable.autoconfigure.transaction;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Tells, from the annotations its types declare, whether a bean class can have a transactional element at all:
 * whether the class, one of its superclasses or interfaces, or a method one of them declares, carries an annotation
 * that is one of the transaction annotations looked for or is meta-annotated with one (such as
 * {@code @SingleTableTransactional}, which carries {@code @Transactional}). A search of a method's or a class's type
 * hierarchy for such an annotation, Spring's {@code AnnotationTransactionAttributeSource}'s included, only ever finds
 * such a declaration, so a class without one needs no search of its methods. Each type's answer, and each annotation
 * type's, is kept for the beans that share them, in plain maps rather than through lambdas (each lambda is a class
 * made at start); one instance serves one pass over the beans.
 */
final class TransactionalDeclarations {

	/** The annotations Spring's default {@code AnnotationTransactionAttributeSource} reads, by name. */
	private static final List<String> ATTRIBUTE_SOURCE_ANNOTATIONS = List.of(Transactional.class.getName(),
			"jakarta.transaction.Transactional", "jakarta.ejb.TransactionAttribute");

	private final List<String> annotationNames;

	private final Map<Class<?>, Boolean> types = new HashMap<>();

	private final Map<Class<? extends Annotation>, Boolean> annotationTypes = new HashMap<>();

	private TransactionalDeclarations(List<String> annotationNames) {
		this.annotationNames = annotationNames;
	}

	/**
	 * Looks for Spring's {@code @Transactional} only.
	 * @return a new instance for one pass
	 */
	static TransactionalDeclarations ofTransactional() {
		return new TransactionalDeclarations(List.of(Transactional.class.getName()));
	}

	/**
	 * Looks for what Spring's default {@code AnnotationTransactionAttributeSource} reads: Spring's
	 * {@code @Transactional}, JTA's {@code @Transactional} and EJB's {@code @TransactionAttribute}.
	 * @return a new instance for one pass
	 */
	static TransactionalDeclarations ofAttributeSourceAnnotations() {
		return new TransactionalDeclarations(ATTRIBUTE_SOURCE_ANNOTATIONS);
	}

	/**
	 * Whether a search of the class's hierarchy could find {@code @Transactional} on the class or one of its methods.
	 * @param type the bean's class
	 * @return {@code false} when none of its types declares such an annotation
	 */
	boolean mayBeTransactional(Class<?> type) {
		Set<Class<?>> hierarchy = new LinkedHashSet<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			hierarchy.add(current);
		}
		hierarchy.addAll(ClassUtils.getAllInterfacesForClassAsSet(type));
		for (Class<?> declaring : hierarchy) {
			Boolean declares = this.types.get(declaring);
			if (declares == null) {
				declares = declaresTransactional(declaring);
				this.types.put(declaring, declares);
			}
			if (declares) {
				return true;
			}
		}
		return false;
	}

	private boolean declaresTransactional(Class<?> type) {
		if (carriesTransactional(type.getDeclaredAnnotations())) {
			return true;
		}
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			if (carriesTransactional(method.getDeclaredAnnotations())) {
				return true;
			}
		}
		return false;
	}

	private boolean carriesTransactional(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> type = annotation.annotationType();
			Boolean transactional = this.annotationTypes.get(type);
			if (transactional == null) {
				transactional = isTransactionAnnotation(type);
				this.annotationTypes.put(type, transactional);
			}
			if (transactional) {
				return true;
			}
		}
		return false;
	}

	private boolean isTransactionAnnotation(Class<? extends Annotation> annotationType) {
		if (this.annotationNames.contains(annotationType.getName())) {
			return true;
		}
		MergedAnnotations meta = MergedAnnotations.from(annotationType);
		for (String name : this.annotationNames) {
			if (meta.isPresent(name)) {
				return true;
			}
		}
		return false;
	}

}
