package dev.singletable.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows a derived query method to filter: predicates no index key covers become a DynamoDB filter expression
 * (uncompressed types) or are evaluated after reading (compressed types). Filtered items still cost read
 * capacity, so without this annotation such a method fails when the repository is created.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowFiltering {
}
