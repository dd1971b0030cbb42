package dev.singletable.core.reactive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTransactional;

/**
 * {@link Transactional @Transactional} run by the {@link ReactiveSingleTableTransactionManager} named
 * {@value ReactiveSingleTableTransactionManager#BEAN_NAME} (the one the Spring Boot auto-configuration registers),
 * for methods returning a {@code Mono} or {@code Flux}: the writes the returned publisher makes through the reactive
 * template are sent as one {@code TransactWriteItems} when it completes, and none when it fails or is cancelled.
 * Spring chooses a transaction manager by name or by type, never by the method's return type, so where the
 * application also has a blocking transaction manager (the {@link SingleTableTransactional blocking singletable
 * one}, a JDBC or JPA one) plain {@code @Transactional} keeps selecting that one: use this annotation on reactive
 * methods.
 *
 * <pre class="code">
 * &#64;ReactiveSingleTableTransactional
 * public Mono&lt;Void&gt; placeOrder(Order order, Customer customer) {
 *     return template.create(order)
 *         .then(template.update(customer.withLastOrder(order.id())))
 *         .then();
 * }
 * </pre>
 *
 * @see ReactiveSingleTableTransactionManager
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Transactional(transactionManager = ReactiveSingleTableTransactionManager.BEAN_NAME)
public @interface ReactiveSingleTableTransactional {

	/**
	 * Same as {@link SingleTableTransactional#propagation()}.
	 * @return the propagation
	 */
	@AliasFor(annotation = Transactional.class, attribute = "propagation")
	Propagation propagation() default Propagation.REQUIRED;

	/**
	 * Same as {@link SingleTableTransactional#timeout()}.
	 * @return the timeout, {@code -1} for none
	 */
	@AliasFor(annotation = Transactional.class, attribute = "timeout")
	int timeout() default -1;

	/**
	 * Same as {@link SingleTableTransactional#readOnly()}.
	 * @return whether the transaction is read-only
	 */
	@AliasFor(annotation = Transactional.class, attribute = "readOnly")
	boolean readOnly() default false;

	/**
	 * Same as {@link SingleTableTransactional#rollbackFor()}.
	 * @return the exception types
	 */
	@AliasFor(annotation = Transactional.class, attribute = "rollbackFor")
	Class<? extends Throwable>[] rollbackFor() default {};

	/**
	 * Same as {@link SingleTableTransactional#noRollbackFor()}: the writes are sent though the publisher fails.
	 * @return the exception types
	 */
	@AliasFor(annotation = Transactional.class, attribute = "noRollbackFor")
	Class<? extends Throwable>[] noRollbackFor() default {};

}
