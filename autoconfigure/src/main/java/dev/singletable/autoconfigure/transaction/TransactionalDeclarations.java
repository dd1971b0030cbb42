package dev.singletable.autoconfigure.transaction;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ReflectionUtils;

/**
 * Tells, from the annotations its types declare, whether a bean class can have a transactional element at all:
 * whether the class, one of its superclasses or interfaces, or a method one of them declares, carries an annotation
 * that is one of the transaction annotations looked for or is meta-annotated with one (such as
 * {@code @SingleTableTransactional}, which carries {@code @Transactional}). A search of a method's or a class's type
 * hierarchy for such an annotation, Spring's {@code AnnotationTransactionAttributeSource}'s included, only ever finds
 * such a declaration, so a class without one needs no search of its methods. Each type's answer, and each annotation
 * type's, is kept for the beans that share them, in maps read and written without lambdas (each lambda is a class
 * made at start): plain maps for an instance that serves one pass over the beans, concurrent maps for the one the
 * long-lived {@link DeclaredTransactionAttributeSource} shares between threads.
 */
final class TransactionalDeclarations {

	/** The annotations Spring's default {@code AnnotationTransactionAttributeSource} reads, by name. */
	private static final List<String> ATTRIBUTE_SOURCE_ANNOTATIONS = List.of(Transactional.class.getName(),
			"jakarta.transaction.Transactional", "jakarta.ejb.TransactionAttribute");

	private final List<String> annotationNames;

	private final Map<Class<?>, Boolean> types;

	private final Map<Class<? extends Annotation>, Boolean> annotationTypes;

	private TransactionalDeclarations(List<String> annotationNames, Map<Class<?>, Boolean> types,
			Map<Class<? extends Annotation>, Boolean> annotationTypes) {
		this.annotationNames = annotationNames;
		this.types = types;
		this.annotationTypes = annotationTypes;
	}

	/**
	 * Looks for Spring's {@code @Transactional} only.
	 * @return a new instance for one pass
	 */
	static TransactionalDeclarations ofTransactional() {
		return new TransactionalDeclarations(List.of(Transactional.class.getName()), new HashMap<>(), new HashMap<>());
	}

	/**
	 * Looks for what Spring's default {@code AnnotationTransactionAttributeSource} reads: Spring's
	 * {@code @Transactional}, JTA's {@code @Transactional} and EJB's {@code @TransactionAttribute}.
	 * @return a new instance for one pass
	 */
	static TransactionalDeclarations ofAttributeSourceAnnotations() {
		return new TransactionalDeclarations(ATTRIBUTE_SOURCE_ANNOTATIONS, new HashMap<>(), new HashMap<>());
	}

	/**
	 * Looks for what Spring's default {@code AnnotationTransactionAttributeSource} reads, as
	 * {@link #ofAttributeSourceAnnotations()} does, keeping its answers in concurrent maps.
	 * @return a new instance that threads may share for the life of the application
	 */
	static TransactionalDeclarations sharedOfAttributeSourceAnnotations() {
		return new TransactionalDeclarations(ATTRIBUTE_SOURCE_ANNOTATIONS, new ConcurrentHashMap<>(),
				new ConcurrentHashMap<>());
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
			addInterfaces(current, hierarchy);
		}
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

	/** Adds the type's interfaces and theirs: Spring's searches of a type hierarchy go up both. */
	private static void addInterfaces(Class<?> type, Set<Class<?>> hierarchy) {
		for (Class<?> declared : type.getInterfaces()) {
			if (hierarchy.add(declared)) {
				addInterfaces(declared, hierarchy);
			}
		}
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
