package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.DelegatingTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager;

/**
 * Lets a plain {@code @Transactional} on a method returning a publisher ({@code Mono}, {@code Flux}, a Kotlin
 * {@code Flow}) or on a Kotlin {@code suspend} function run in the {@code reactiveSingleTableTransactionManager}
 * when the application's default transaction manager is the blocking {@link SingleTableTransactionManager}, which
 * could never hold its writes. Spring Framework's {@code TransactionAspectSupport.determineTransactionManager}
 * chooses by the attribute's qualifier, then the class's {@code @Qualifier}, then the interceptor's own manager,
 * then the one default {@code TransactionManager} bean, never by what a method returns; its one input that knows the
 * method is the attribute. So this wraps the attribute source of Spring's {@link TransactionInterceptor}: a reactive
 * method's attribute without a qualifier, on a class without {@code @Qualifier}, in an interceptor without a manager
 * of its own, gets the reactive manager's name as its qualifier, and Spring resolves it as it resolves
 * {@code @Transactional("reactiveSingleTableTransactionManager")}. Every other method, and every method when the
 * default manager is another store's (JDBC, JPA, R2DBC, the application's {@code @Primary} one), resolves as Spring
 * resolves it. The source is wrapped when the singletons exist, before {@link ReactiveTransactionalMethodsCheck}
 * reads it, so the check sees what will run.
 */
final class ReactiveMethodsTransactionManager {

	private static final Method MANAGER_BEAN_NAME = managerBeanNameMethod();

	private ReactiveMethodsTransactionManager() {
	}

	/**
	 * Wraps the attribute source of the application's transaction interceptor, once; called by
	 * {@link ReactiveTransactionalMethodsCheck} when the singletons exist, before it reads the attributes.
	 * @param beanFactory the application's bean factory
	 */
	static void route(ConfigurableListableBeanFactory beanFactory) {
		TransactionInterceptor interceptor = beanFactory.getBeanProvider(TransactionInterceptor.class).getIfUnique();
		if (interceptor == null) {
			return;
		}
		TransactionAttributeSource source = interceptor.getTransactionAttributeSource();
		if (source != null && !(source instanceof Routing)) {
			interceptor.setTransactionAttributeSource(new Routing(source, interceptor, beanFactory));
		}
	}

	private static Method managerBeanNameMethod() {
		Method method = ReflectionUtils.findMethod(TransactionAspectSupport.class, "getTransactionManagerBeanName");
		if (method == null) {
			throw new IllegalStateException("Spring's TransactionAspectSupport has no getTransactionManagerBeanName(): "
					+ "an unsupported Spring Framework version");
		}
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	/**
	 * The interceptor's attribute source, naming the reactive manager for the reactive methods that would otherwise
	 * resolve to the blocking singletable manager.
	 */
	private static final class Routing implements TransactionAttributeSource {

		private final TransactionAttributeSource source;

		private final TransactionAspectSupport interceptor;

		private final BeanFactory beanFactory;

		private final Map<List<Object>, TransactionAttribute> routed = new ConcurrentHashMap<>();

		private volatile @Nullable Boolean defaultIsBlockingSingleTable;

		Routing(TransactionAttributeSource source, TransactionAspectSupport interceptor, BeanFactory beanFactory) {
			this.source = source;
			this.interceptor = interceptor;
			this.beanFactory = beanFactory;
		}

		@Override
		public boolean isCandidateClass(Class<?> targetClass) {
			return this.source.isCandidateClass(targetClass);
		}

		@Override
		public boolean hasTransactionAttribute(Method method, @Nullable Class<?> targetClass) {
			return this.source.hasTransactionAttribute(method, targetClass);
		}

		@Override
		public @Nullable TransactionAttribute getTransactionAttribute(Method method, @Nullable Class<?> targetClass) {
			TransactionAttribute attribute = this.source.getTransactionAttribute(method, targetClass);
			if (attribute == null || StringUtils.hasText(attribute.getQualifier())
					|| !ReactiveTransactionalMethodsCheck.isReactive(method)
					|| (targetClass != null && BeanFactoryAnnotationUtils.getQualifierValue(targetClass) != null)
					|| !routesToReactive()) {
				return attribute;
			}
			return this.routed.computeIfAbsent(List.of(method, (targetClass != null) ? targetClass : Object.class),
					(key) -> new ReactiveQualified(attribute));
		}

		/**
		 * Whether the interceptor resolves an unqualified attribute to the default manager and that is the blocking
		 * singletable one, beside the reactive singletable manager; decided once, when a method is first called or
		 * checked, after the managers exist.
		 */
		private boolean routesToReactive() {
			Boolean known = this.defaultIsBlockingSingleTable;
			if (known == null) {
				known = this.interceptor.getTransactionManager() == null
						&& !StringUtils.hasText((String) ReflectionUtils.invokeMethod(MANAGER_BEAN_NAME, this.interceptor))
						&& this.beanFactory.containsBean(ReactiveSingleTableTransactionManager.BEAN_NAME)
						&& this.beanFactory.isTypeMatch(ReactiveSingleTableTransactionManager.BEAN_NAME,
								ReactiveSingleTableTransactionManager.class)
						&& this.beanFactory.getBeanProvider(TransactionManager.class)
							.getIfUnique() instanceof SingleTableTransactionManager;
				this.defaultIsBlockingSingleTable = known;
			}
			return known;
		}

	}

	/** A method's attribute as declared, naming the reactive singletable manager. */
	@SuppressWarnings("serial")
	private static final class ReactiveQualified extends DelegatingTransactionAttribute {

		ReactiveQualified(TransactionAttribute attribute) {
			super(attribute);
		}

		@Override
		public String getQualifier() {
			return ReactiveSingleTableTransactionManager.BEAN_NAME;
		}

	}

}
