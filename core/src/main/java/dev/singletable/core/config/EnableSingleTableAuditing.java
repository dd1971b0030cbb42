package dev.singletable.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables auditing of singletable entities: {@code @CreatedBy}, {@code @LastModifiedBy} and {@code Auditable} types
 * are set by Spring Data's {@link org.springframework.data.auditing.AuditingHandler}, run as the first
 * {@link dev.singletable.core.mapping.event.BeforeConvertCallback} of every write of the template and repositories
 * (transactions included). The template keeps owning {@code @CreatedDate} and {@code @LastModifiedDate}: it stamps
 * them with its strictly increasing timestamps (the optimistic condition of plain types relies on them), so the
 * date settings below only apply to the dates of {@code Auditable} types. An update never changes the stored
 * creation values.
 * <pre class="code">
 * &#64;Configuration
 * &#64;EnableSingleTableAuditing(auditorAwareRef = "currentUser")
 * class AuditingConfiguration { }
 * </pre>
 * The template must be a bean of the context (it takes the callbacks from it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(SingleTableAuditingRegistrar.class)
public @interface EnableSingleTableAuditing {

	/**
	 * The name of the {@link org.springframework.data.domain.AuditorAware} bean; empty to use the only one.
	 * @return the bean name
	 */
	String auditorAwareRef() default "";

	/**
	 * Whether the dates of {@code Auditable} types are set.
	 * @return {@literal true} by default
	 */
	boolean setDates() default true;

	/**
	 * Whether a creation also sets the last-modified values.
	 * @return {@literal true} by default
	 */
	boolean modifyOnCreate() default true;

	/**
	 * The name of the {@link org.springframework.data.auditing.DateTimeProvider} bean for the dates of
	 * {@code Auditable} types; empty for the current time.
	 * @return the bean name
	 */
	String dateTimeProviderRef() default "";

}
