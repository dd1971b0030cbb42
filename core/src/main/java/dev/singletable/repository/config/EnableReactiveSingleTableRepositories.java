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

import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;

/**
 * Enables reactive singletable repositories: interfaces extending
 * {@link dev.singletable.repository.reactive.ReactiveSingleTableRepository},
 * {@link dev.singletable.repository.reactive.ReactiveVersionedRepository} or
 * {@link dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository} (or another reactive Spring Data
 * repository managing a {@link dev.singletable.core.mapping.SingleTableEntity @SingleTableEntity} type) in the scanned
 * packages become beans backed by the {@link dev.singletable.core.reactive.ReactiveSingleTableOperations} bean named
 * by {@link #reactiveSingleTableTemplateRef()}. Kotlin coroutine repositories are reactive ones: Spring Data's
 * {@code CoroutineCrudRepository} and {@code CoroutineSortingRepository}, singletable-kotlin's
 * {@code CoroutineSingleTableRepository} and {@code CoroutineVersionedRepository}, and an interface extending only
 * {@code Repository} whose methods are {@code suspend} functions or return a {@code Flow}. Blocking and reactive
 * repositories may share packages: each annotation takes only its own kind, decided by the repository interfaces it
 * extends (by its method signatures when it extends only {@code Repository}), so that a method returning the other
 * kind's type fails the start naming it. Spring Boot applications get this automatically when Reactor is present.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(ReactiveSingleTableRepositoriesRegistrar.class)
public @interface EnableReactiveSingleTableRepositories {

	/** Same as {@link EnableSingleTableRepositories#value()}. */
	String[] value() default {};

	/** Same as {@link EnableSingleTableRepositories#basePackages()}. */
	String[] basePackages() default {};

	/** Same as {@link EnableSingleTableRepositories#basePackageClasses()}. */
	Class<?>[] basePackageClasses() default {};

	/** Same as {@link EnableSingleTableRepositories#includeFilters()}. */
	Filter[] includeFilters() default {};

	/** Same as {@link EnableSingleTableRepositories#excludeFilters()}. */
	Filter[] excludeFilters() default {};

	/** Same as {@link EnableSingleTableRepositories#repositoryImplementationPostfix()}. */
	String repositoryImplementationPostfix() default "Impl";

	/** Same as {@link EnableSingleTableRepositories#namedQueriesLocation()}. */
	String namedQueriesLocation() default "";

	/** Same as {@link EnableSingleTableRepositories#queryLookupStrategy()}. */
	Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

	/**
	 * The factory bean class creating each repository.
	 * @return the factory bean class
	 */
	Class<?> repositoryFactoryBeanClass() default ReactiveSingleTableRepositoryFactoryBean.class;

	/**
	 * The base class of repository implementations; by default
	 * {@link dev.singletable.repository.support.SimpleReactiveSingleTableRepository}.
	 * @return the base class
	 */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/**
	 * The name of the {@link dev.singletable.core.reactive.ReactiveSingleTableOperations} bean repositories use.
	 * @return the bean name
	 */
	String reactiveSingleTableTemplateRef() default "reactiveSingleTableTemplate";

	/** Same as {@link EnableSingleTableRepositories#considerNestedRepositories()}. */
	boolean considerNestedRepositories() default false;

}
