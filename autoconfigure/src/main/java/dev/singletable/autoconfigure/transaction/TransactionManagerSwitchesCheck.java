package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Fails start-up when a {@code @Transactional} method would run without a transaction because the property of its
 * kind switched the singletable manager off: {@value #BLOCKING} for blocking methods,
 * {@value #REACTIVE} for methods returning a publisher and Kotlin {@code suspend} functions. A method is refused when
 * Spring's transaction interceptor resolves no manager of its kind for it — none at all (no interceptor, or no
 * manager), or one of the other kind — as it resolves it (qualifier, the class's {@code @Qualifier}, the default
 * manager); one that another store's manager of its kind runs is left alone, and so is one naming a manager that is
 * not there (its call fails, and {@code TransactionManagerNamesCheck} reports such names). Nothing is checked while both
 * properties are on, and the auto-configuration defines no such check then.
 * {@code TransactionManagerDisabledFailureAnalyzer} names each method and the property.
 */
public final class TransactionManagerSwitchesCheck implements SmartInitializingSingleton, BeanFactoryAware,
		EnvironmentAware {

	static final String BLOCKING = "singletable.transaction.enabled";

	static final String REACTIVE = "singletable.transaction.reactive.enabled";

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable Environment environment;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		Environment environment = this.environment;
		if (factory == null || environment == null) {
			return;
		}
		boolean blockingOff = !environment.getProperty(BLOCKING, Boolean.class, true);
		boolean reactiveOff = !environment.getProperty(REACTIVE, Boolean.class, true);
		if (!blockingOff && !reactiveOff) {
			return;
		}
		TransactionInterceptor interceptor = factory.getBeanProvider(TransactionInterceptor.class).getIfUnique();
		TransactionAttributeSource attributes = (interceptor != null) ? interceptor.getTransactionAttributeSource()
				: new AnnotationTransactionAttributeSource(false);
		if (attributes == null) {
			return;
		}
		// the attribute source made here reads the annotations Spring's default one reads: a class that declares none
		// has no transactional method for it, and need not be searched method by method; an interceptor's source may
		// be the application's own, so with one every class is searched
		TransactionalDeclarations declarations = (interceptor == null)
				? TransactionalDeclarations.ofAttributeSourceAnnotations() : null;
		List<TransactionManagerDisabledException.Offence> offences = new ArrayList<>();
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getMergedBeanDefinition(name);
			if (definition.isAbstract() || definition.getRole() != BeanDefinition.ROLE_APPLICATION) {
				continue;
			}
			Class<?> type = ReactiveTransactionalMethodsCheck.targetClass(factory, name);
			if (type == null || type.isInterface()
					|| (declarations != null && !declarations.mayBeTransactional(type))) {
				continue;
			}
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
				int modifiers = method.getModifiers();
				if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
					continue;
				}
				TransactionAttribute attribute = attributes.getTransactionAttribute(method, type);
				boolean reactive = ReactiveTransactionalMethodsCheck.isReactive(method);
				if (attribute == null || (reactive ? !reactiveOff : !blockingOff)) {
					continue;
				}
				Object manager = (interceptor != null)
						? ReactiveTransactionalMethodsCheck.manager(interceptor, attribute, type) : null;
				if (interceptor != null && manager == null && StringUtils.hasText(attribute.getQualifier())) {
					// a name that is not there fails the call, loudly: the names check's and Spring's to report
					continue;
				}
				boolean runs = reactive ? manager instanceof ReactiveTransactionManager
						: manager instanceof PlatformTransactionManager;
				if (!runs) {
					String resolved = (interceptor == null) ? "no transaction interceptor (@Transactional is not enabled)"
							: (manager == null) ? "no transaction manager for it"
									: "the " + (reactive ? "blocking" : "reactive") + " transaction manager '"
											+ ReactiveTransactionalMethodsCheck.managerName(factory, manager) + "' ("
											+ ClassUtils.getShortName(manager.getClass()) + "), which cannot run it";
					offences.add(new TransactionManagerDisabledException.Offence(name, type, method,
							reactive ? REACTIVE : BLOCKING, resolved));
				}
			}
		}
		if (!offences.isEmpty()) {
			throw new TransactionManagerDisabledException(offences);
		}
	}

}
