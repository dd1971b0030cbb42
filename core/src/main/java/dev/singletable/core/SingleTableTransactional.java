package dev.singletable.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Transactional @Transactional} run by the {@link SingleTableTransactionManager} named
 * {@value SingleTableTransactionManager#BEAN_NAME} (the one the Spring Boot auto-configuration registers): the
 * writes the method makes through the template and repositories are sent as one {@code TransactWriteItems} when it
 * returns, and none when it throws. Use it where the application has another transaction manager too (a JDBC or JPA
 * one), which plain {@code @Transactional} keeps selecting.
 *
 * <pre class="code">
 * &#64;SingleTableTransactional
 * public void placeOrder(Order order, Customer customer) {
 *     orders.save(order);
 *     customers.save(customer.withLastOrder(order.id()));
 * }
 * </pre>
 *
 * @see SingleTableTransactionManager
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Transactional(transactionManager = SingleTableTransactionManager.BEAN_NAME)
public @interface SingleTableTransactional {

	/**
	 * The propagation: {@code REQUIRED} (the default), {@code REQUIRES_NEW}, {@code SUPPORTS},
	 * {@code NOT_SUPPORTED} or {@code MANDATORY}; {@code NESTED} and {@code NEVER} are refused.
	 * @return the propagation
	 */
	@AliasFor(annotation = Transactional.class)
	Propagation propagation() default Propagation.REQUIRED;

	/**
	 * Seconds the transaction may take, checked when it commits: one past its deadline sends nothing.
	 * @return the timeout, {@code -1} for none
	 */
	@AliasFor(annotation = Transactional.class)
	int timeout() default -1;

	/**
	 * Whether the transaction only reads: a write in it fails at once, and nothing is sent.
	 * @return whether the transaction is read-only
	 */
	@AliasFor(annotation = Transactional.class)
	boolean readOnly() default false;

	/**
	 * Exception types that roll the transaction back, besides unchecked exceptions and errors.
	 * @return the exception types
	 */
	@AliasFor(annotation = Transactional.class)
	Class<? extends Throwable>[] rollbackFor() default {};

	/**
	 * Exception types that do not roll the transaction back: the writes are sent though the method throws.
	 * @return the exception types
	 */
	@AliasFor(annotation = Transactional.class)
	Class<? extends Throwable>[] noRollbackFor() default {};

}
