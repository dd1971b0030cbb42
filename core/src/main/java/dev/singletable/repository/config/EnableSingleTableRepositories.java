package dev.singletable.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.repository.support.SingleTableRepositoryFactoryBean;

/**
 * Enables singletable repositories: interfaces extending
 * {@link dev.singletable.repository.SingleTableRepository}, {@link dev.singletable.repository.VersionedRepository}
 * or {@link dev.singletable.repository.ReadOnlySingleTableRepository} (or managing a
 * {@link dev.singletable.core.mapping.SingleTableEntity @SingleTableEntity} type) in the scanned packages
 * become beans backed by the {@link dev.singletable.core.SingleTableOperations} bean named by
 * {@link #singleTableTemplateRef()}. Spring Boot applications get this automatically.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(SingleTableRepositoriesRegistrar.class)
public @interface EnableSingleTableRepositories {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the base packages
	 */
	String[] value() default {};

	/**
	 * Base packages to scan for repository interfaces; by default the package of the annotated class.
	 * @return the base packages
	 */
	String[] basePackages() default {};

	/**
	 * Type-safe alternative to {@link #basePackages()}: the package of each class is scanned.
	 * @return classes marking base packages
	 */
	Class<?>[] basePackageClasses() default {};

	/**
	 * Types that qualify for component scanning, narrowing the base packages to them.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Types that do not qualify for component scanning.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * The postfix of custom repository implementation class names.
	 * @return the postfix, {@code Impl} by default
	 */
	String repositoryImplementationPostfix() default "Impl";

	/**
	 * Location of named queries; singletable has none, kept for the common configuration contract.
	 * @return the location
	 */
	String namedQueriesLocation() default "";

	/**
	 * How query methods are resolved; singletable derives them from names or {@code @IndexQuery}.
	 * @return the lookup strategy key
	 */
	Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

	/**
	 * The factory bean class creating each repository.
	 * @return the factory bean class
	 */
	Class<?> repositoryFactoryBeanClass() default SingleTableRepositoryFactoryBean.class;

	/**
	 * The base class of repository implementations; by default
	 * {@link dev.singletable.repository.support.SimpleSingleTableRepository}.
	 * @return the base class
	 */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/**
	 * The name of the {@link dev.singletable.core.SingleTableOperations} bean repositories use.
	 * @return the bean name
	 */
	String singleTableTemplateRef() default "singleTableTemplate";

	/**
	 * The name of the transaction manager that runs the {@code @Transactional} methods of the repositories (the
	 * annotations on repository interfaces and their methods). When no bean has the default name, they use the
	 * application's default transaction manager; another name that names no transaction manager fails at start-up,
	 * naming the transaction managers there are.
	 * @return the bean name
	 */
	String transactionManagerRef() default SingleTableTransactionManager.BEAN_NAME;

	/**
	 * Whether repository interfaces nested in other classes are found.
	 * @return {@literal true} to consider nested interfaces
	 */
	boolean considerNestedRepositories() default false;

}
