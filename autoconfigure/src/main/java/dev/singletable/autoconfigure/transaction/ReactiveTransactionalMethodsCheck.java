package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.autoconfigure.transaction.ReactiveMethodInBlockingTransactionException.Offence;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;

/**
 * Fails start-up, rather than letting a blocking transaction silently wrap reactive writes, when a
 * {@code @Transactional} method (Spring's or {@code jakarta.transaction}'s, on the method or its class, as Spring's
 * {@link TransactionInterceptor} reads them) returns a {@link Publisher} ({@code Mono}, {@code Flux}, or another
 * type Spring adapts, a Kotlin {@code Flow}) or is a Kotlin {@code suspend} function, resolves — as the interceptor
 * resolves it: qualifier, the class's {@code @Qualifier}, the default manager — to a blocking transaction manager,
 * and belongs to a bean that reaches reactive singletable operations: the reactive template, a reactive singletable
 * repository, or any bean that depends on one, however indirectly (its registered bean dependencies, and the types
 * of its fields and constructor parameters, {@code ObjectProvider}s included). Spring runs a blocking manager
 * around the method call only and commits before anything subscribes to the returned publisher, whose writes are
 * then sent one by one, outside any transaction. {@code ReactiveMethodInBlockingTransactionFailureAnalyzer} names
 * each such method and the fix ({@link ReactiveSingleTableTransactional @ReactiveSingleTableTransactional}). A
 * method whose manager cannot be resolved (a missing name, several candidates) is left to Spring and the names
 * check.
 */
public final class ReactiveTransactionalMethodsCheck implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Method DETERMINE = determineMethod();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return;
		}
		// plain @Transactional on reactive methods runs in the reactive manager beside the blocking default
		ReactiveMethodsTransactionManager.route(factory);
		TransactionAspectSupport interceptor = interceptor(factory);
		TransactionAttributeSource attributes = interceptor.getTransactionAttributeSource();
		if (attributes == null) {
			return;
		}
		Reach reach = new Reach(factory);
		List<Offence> offences = new ArrayList<>();
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getMergedBeanDefinition(name);
			if (definition.isAbstract() || definition.getRole() != BeanDefinition.ROLE_APPLICATION) {
				continue;
			}
			Class<?> userClass = targetClass(factory, name);
			if (userClass == null || userClass.isInterface()) {
				continue;
			}
			List<Method> reactiveMethods = reactiveTransactionalMethods(userClass, attributes);
			if (reactiveMethods.isEmpty()) {
				continue;
			}
			List<String> path = reach.pathFrom(name);
			if (path == null) {
				continue;
			}
			for (Method method : reactiveMethods) {
				Offence offence = offence(factory, interceptor, attributes, name, userClass, method, path);
				if (offence != null) {
					offences.add(offence);
				}
			}
		}
		if (!offences.isEmpty()) {
			throw new ReactiveMethodInBlockingTransactionException(offences);
		}
	}

	/** The class of a bean's instance behind any proxy (an interface-based one included), else of its definition. */
	static @Nullable Class<?> targetClass(ConfigurableListableBeanFactory factory, String name) {
		Object instance = (factory.containsSingleton(name) && !factory.isFactoryBean(name)) ? factory.getSingleton(name)
				: null;
		if (instance != null) {
			return AopProxyUtils.ultimateTargetClass(instance);
		}
		Class<?> type = factory.getType(name, false);
		return (type != null) ? ClassUtils.getUserClass(type) : null;
	}

	/** The application's transaction interceptor, or one resolving managers as Spring's default one does. */
	static TransactionAspectSupport interceptor(ConfigurableListableBeanFactory factory) {
		TransactionInterceptor own = factory.getBeanProvider(TransactionInterceptor.class).getIfUnique();
		if (own != null) {
			return own;
		}
		TransactionInterceptor standard = new TransactionInterceptor();
		standard.setTransactionAttributeSource(new AnnotationTransactionAttributeSource(false));
		standard.setBeanFactory(factory);
		return standard;
	}

	private static List<Method> reactiveTransactionalMethods(Class<?> type, TransactionAttributeSource attributes) {
		List<Method> methods = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			int modifiers = method.getModifiers();
			if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)
					|| !isReactive(method)) {
				continue;
			}
			if (attributes.getTransactionAttribute(method, type) != null) {
				methods.add(method);
			}
		}
		return methods;
	}

	/** A publisher, another type Spring adapts to one (a Kotlin {@code Flow}), or a Kotlin suspending function. */
	static boolean isReactive(Method method) {
		Class<?> returned = method.getReturnType();
		if (Publisher.class.isAssignableFrom(returned) || KotlinDetector.isSuspendingFunction(method)) {
			return true;
		}
		return !CompletionStage.class.isAssignableFrom(returned) && !returned.isPrimitive()
				&& ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned) != null;
	}

	private static @Nullable Offence offence(ConfigurableListableBeanFactory factory, TransactionAspectSupport interceptor,
			TransactionAttributeSource attributes, String beanName, Class<?> type, Method method, List<String> path) {
		TransactionAttribute attribute = attributes.getTransactionAttribute(method, type);
		if (attribute == null) {
			return null;
		}
		Object manager = manager(interceptor, attribute, type);
		if (manager == null || manager instanceof ReactiveTransactionManager) {
			return null;
		}
		return new Offence(beanName, type, method, managerName(factory, manager), manager.getClass(), path);
	}

	/**
	 * The transaction manager Spring's interceptor resolves for a method's attribute, {@literal null} when it cannot
	 * (a missing name, several candidates, none at all).
	 */
	static @Nullable Object manager(TransactionAspectSupport interceptor, TransactionAttribute attribute, Class<?> type) {
		try {
			return ReflectionUtils.invokeMethod(DETERMINE, interceptor, attribute, type);
		}
		catch (BeansException ex) {
			return null;
		}
	}

	static String managerName(ConfigurableListableBeanFactory factory, Object manager) {
		for (String name : factory.getBeanNamesForType(TransactionManager.class, true, false)) {
			if (factory.containsSingleton(name) && factory.getSingleton(name) == manager) {
				return name;
			}
		}
		return manager.getClass().getSimpleName();
	}

	private static Method determineMethod() {
		Method method = ReflectionUtils.findMethod(TransactionAspectSupport.class, "determineTransactionManager",
				TransactionAttribute.class, Class.class);
		if (method == null) {
			throw new IllegalStateException("Spring's TransactionAspectSupport has no determineTransactionManager("
					+ "TransactionAttribute, Class): an unsupported Spring Framework version");
		}
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	/**
	 * Which beans reach reactive singletable operations, and through which beans: each answer remembered.
	 */
	private static final class Reach {

		private final ConfigurableListableBeanFactory factory;

		private final Map<String, Optional<List<String>>> known = new HashMap<>();

		private final Set<String> visiting = new HashSet<>();

		Reach(ConfigurableListableBeanFactory factory) {
			this.factory = factory;
		}

		/** The beans from {@code name} to one of reactive singletable operations, or {@code null}. */
		@Nullable List<String> pathFrom(String name) {
			Optional<List<String>> answer = this.known.get(name);
			if (answer != null) {
				return answer.orElse(null);
			}
			if (!this.visiting.add(name)) {
				return null;
			}
			try {
				List<String> path = find(name);
				this.known.put(name, Optional.ofNullable(path));
				return path;
			}
			finally {
				this.visiting.remove(name);
			}
		}

		private @Nullable List<String> find(String name) {
			if (!this.factory.containsBean(name)) {
				return null;
			}
			if (isReactiveSingleTable(name)) {
				return List.of(name);
			}
			for (String dependency : this.factory.getDependenciesForBean(name)) {
				List<String> path = pathFrom(dependency);
				if (path != null) {
					return prepend(name, path);
				}
			}
			Class<?> type = this.factory.getType(name, false);
			if (type == null) {
				return null;
			}
			for (ResolvableType injected : injectedTypes(ClassUtils.getUserClass(type))) {
				Class<?> resolved = injected.resolve();
				if (resolved == null || resolved == Object.class || resolved.getName().startsWith("java.")) {
					continue;
				}
				if (isReactiveSingleTableType(resolved)) {
					return List.of(name, resolved.getSimpleName());
				}
				for (String candidate : this.factory.getBeanNamesForType(resolved, true, false)) {
					List<String> path = candidate.equals(name) ? null : pathFrom(candidate);
					if (path != null) {
						return prepend(name, path);
					}
				}
			}
			return null;
		}

		private boolean isReactiveSingleTable(String name) {
			if (this.factory.isTypeMatch(BeanFactory.FACTORY_BEAN_PREFIX + name,
					ReactiveSingleTableRepositoryFactoryBean.class)) {
				return true;
			}
			Class<?> type = this.factory.getType(name, false);
			return type != null && isReactiveSingleTableType(type);
		}

		private static boolean isReactiveSingleTableType(Class<?> type) {
			return ReactiveSingleTableOperations.class.isAssignableFrom(type)
					|| ReactiveReadOnlySingleTableRepository.class.isAssignableFrom(type);
		}

		private static List<String> prepend(String name, List<String> path) {
			List<String> longer = new ArrayList<>(path.size() + 1);
			longer.add(name);
			longer.addAll(path);
			return longer;
		}

		/**
		 * The types of a class's fields, constructor parameters and {@code @Autowired} method parameters, those an
		 * {@code ObjectProvider}, {@code Optional}, {@code Supplier}, collection or array hands out unwrapped.
		 */
		private static List<ResolvableType> injectedTypes(Class<?> type) {
			List<ResolvableType> types = new ArrayList<>();
			for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
				for (Field field : current.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						types.add(unwrapped(ResolvableType.forField(field)));
					}
				}
				for (Constructor<?> constructor : current.getDeclaredConstructors()) {
					for (int i = 0; i < constructor.getParameterCount(); i++) {
						types.add(unwrapped(ResolvableType.forConstructorParameter(constructor, i)));
					}
				}
				for (Method method : current.getDeclaredMethods()) {
					if (method.isAnnotationPresent(Autowired.class)) {
						for (int i = 0; i < method.getParameterCount(); i++) {
							types.add(unwrapped(ResolvableType.forMethodParameter(method, i)));
						}
					}
				}
			}
			return types;
		}

		private static ResolvableType unwrapped(ResolvableType type) {
			ResolvableType current = type;
			for (int depth = 0; depth < 3; depth++) {
				if (current.isArray()) {
					current = current.getComponentType();
					continue;
				}
				Class<?> resolved = current.resolve();
				if (resolved != null && (ObjectProvider.class.isAssignableFrom(resolved)
						|| Optional.class == resolved || Supplier.class == resolved
						|| Collection.class.isAssignableFrom(resolved)
						|| "jakarta.inject.Provider".equals(resolved.getName()))) {
					current = current.getGeneric(0);
					continue;
				}
				if (resolved != null && Map.class.isAssignableFrom(resolved)) {
					current = current.getGeneric(1);
					continue;
				}
				break;
			}
			return current;
		}

	}

}
