package dev.singletable.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Annotation for a test of single-table storage only: the entities, the template, the repositories and the
 * embedded DynamoDB Local (when {@code com.amazonaws:DynamoDBLocal} is on the test classpath and no endpoint or
 * region is configured), without web, services or other components of the application.
 * <p>
 * Only the single-table auto-configuration applies, every part of it that the application's storage uses: the
 * transaction manager and Spring Boot's transaction auto-configuration (so that an imported {@code @Transactional}
 * service runs as it does in the application), auditing (with an {@code AuditorAware} bean the test imports), type
 * counts ({@code singletable.counts.enabled}), observations and metrics (with the registries the test provides),
 * and large fields in S3 ({@code singletable.blobs.bucket}; an in-memory S3 starts when {@code org.gaul:s3proxy} is
 * on the test classpath, as in the application), change events ({@code singletable.changes.enabled=true}: the
 * listeners a test imports receive the changes; {@code SingleTableChangeStream.awaitDelivered} waits for them) and the
 * outbox (with Spring Modulith on the test classpath; {@link EventPublications#awaitCompleted} waits for its
 * listeners). Component scanning finds no beans; entities and
 * repositories are found in the packages of the {@code @SpringBootApplication} as in the application. Every test
 * context of the JVM uses one embedded DynamoDB Local, each with a database of its own (see
 * {@link AutoConfigureDataSingleTable}).
 *
 * @see AutoConfigureDataSingleTable
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataSingleTableTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataSingleTableTypeExcludeFilter.class)
@AutoConfigureDataSingleTable
@ImportAutoConfiguration
public @interface DataSingleTableTest {

	/**
	 * Properties in form {@literal key=value} that should be added to the Spring {@link Environment} before the
	 * test runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Determines if default filtering should be used with {@link SpringBootApplication @SpringBootApplication}. By
	 * default no beans are included.
	 * @see #includeFilters()
	 * @see #excludeFilters()
	 * @return if default filters should be used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * A set of include filters which can be used to add otherwise filtered beans to the application context.
	 * @return include filters to apply
	 */
	Filter[] includeFilters() default {};

	/**
	 * A set of exclude filters which can be used to filter beans that would otherwise be added to the application
	 * context.
	 * @return exclude filters to apply
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration exclusions that should be applied for this test.
	 * @return auto-configuration exclusions to apply
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
