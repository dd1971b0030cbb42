package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the key values an entity writes for a secondary index, as templates over its properties:
 * {@code {property}} is replaced by the property value as it is stored (ISO timestamps and dates, enums by their
 * stored JSON value). Integers are written as plain decimal in partition templates (as Python's {@code str()}
 * does) and in a fixed-width form whose string order is numeric order in sort templates; {@code {property:d}}
 * and {@code {property:05d}} name the plain or zero-padded form explicitly (see {@link KeyTemplate}). When a
 * property in a template is {@literal null}, the index attributes are left out of the item (a sparse index).
 * <pre class="code">
 * &#64;IndexKey(index = "gsi1", partition = "status#{status}")                 // gsi1pk; sorted by pk (creation)
 * &#64;IndexKey(index = "gsi3", partition = "owner#{owner}", sort = "{dueDate}")  // gsi3pk + gsi3sk
 * &#64;IndexKey(index = "gsitype", sort = "{month}")                            // type index sorted by month
 * </pre>
 * Index keys are written on plain items and on the {@code v0} item of versioned resources only. The attribute
 * names follow the standard table ({@code gsi1pk}; {@code gsi3pk}/{@code gsi3sk}); for other indexes they
 * default to the index name without separators plus {@code pk}/{@code sk} (so {@code gsi-1} writes
 * {@code gsi1pk}/{@code gsi1sk}), or are given explicitly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(IndexKeys.class)
public @interface IndexKey {

	/**
	 * The index name as in the table, for example {@code gsi1}, {@code gsi-1} or {@code gsitype}.
	 * @return the index name
	 */
	String index();

	/**
	 * The partition key template. Empty is only allowed for {@code gsitype}, where it means the type prefix.
	 * @return the template
	 */
	String partition() default "";

	/**
	 * The sort key template; empty when the index sorts on the table's {@code pk} ({@code gsi1}, {@code gsi2})
	 * or has no sort key. For {@code gsitype}, empty means {@code updated_at}.
	 * @return the template
	 */
	String sort() default "";

	/**
	 * The attribute holding the partition key; empty for the convention.
	 * @return the attribute name
	 */
	String partitionAttribute() default "";

	/**
	 * The attribute holding the sort key; empty for the convention.
	 * @return the attribute name
	 */
	String sortAttribute() default "";

	/**
	 * Whether an item whose partition key renders but whose sort key does not (a sort property is {@literal null}
	 * or renders empty) is left out of the index, as a Python {@code gsi_config} pair function that returns
	 * {@code None} when a value is missing leaves it out ({@code lambda r: (f"board#{r.owner}", r.rank) if r.owner
	 * and r.rank else None}). By default such an item is refused
	 * ({@link dev.singletable.core.IncompleteIndexKeyException}): queries of its partition would silently miss it,
	 * and Python's pair without that guard writes a {@code None} sort key, which DynamoDB rejects. Only for a
	 * partition template with properties: a literal partition ({@code partition = "assigned"}) is always sparse.
	 * @return {@literal true} to leave such items out of the index
	 */
	boolean allowMissingSort() default false;

}
