package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a no-argument method whose result is the key of a secondary index: a {@link String} for the partition
 * key alone, or an {@link IndexKeyPair} for partition and sort key together. A {@literal null} result leaves
 * the index attributes out of the item (a sparse index).
 * <pre class="code">
 * &#64;ComputedIndexKey(index = "gsi2")
 * public String activeByOwner() { return active ? "owner#" + owner : null; }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComputedIndexKey {

	/**
	 * The index name as in the table.
	 * @return the index name
	 */
	String index();

	/**
	 * The attribute holding the partition key; empty for the convention (see {@link IndexKey}).
	 * @return the attribute name
	 */
	String partitionAttribute() default "";

	/**
	 * The attribute holding the sort key; empty for the convention.
	 * @return the attribute name
	 */
	String sortAttribute() default "";

}
