package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes an audit log row for every create, update, restore and delete of a {@link SingleTableEntity} type, in the
 * same {@code TransactWriteItems} as the change itself, in {@code simplesingletable}'s {@code AuditLog} layout
 * ({@code _INTERNAL#AuditLog#<ULID>}), so that rows are read by either library and a change never exists without
 * its row (or the reverse). The options mirror the Python library's {@code AuditConfig}:
 *
 * <pre class="code">
 * &#64;SingleTableEntity(versioned = true)
 * &#64;Audited(exclude = "passwordHash", snapshot = true)
 * record Account(&#64;Id String id, &#64;Version Long version, String email, String passwordHash) { }
 * </pre>
 *
 * Who made the change ({@code changed_by}) comes from the template's {@code AuditorAware}. Atomic updates
 * (counters, sets, lists) are not audited, as in the Python library. {@code include} and {@code exclude} name
 * Java properties (the names they are stored under are taken too), whatever the storage naming makes of them; a
 * name that is no property of the type fails the template's start-up with an
 * {@link InvalidEntityDefinitionException} naming the type and its properties (a type registered later: its first
 * write, before any request); on a type with an {@link UnmappedAttributes @UnmappedAttributes} property, another
 * name is taken as that of an attribute the property holds. The rows themselves name fields by their stored
 * names. A
 * {@link BlobField @BlobField} property is recorded as the Python library records it, as a reference
 * ({@code {"__blob_ref__": true, "version": n, "compressed": .., "content_type": ..}}, no {@code version} for
 * plain types), never its content: a new object of a versioned type is a change, as is a blob set or cleared.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Audited {

	/**
	 * Whether an update row records the fields that changed with their old and new values
	 * ({@code changed_fields}, Python's {@code track_field_changes}). It costs one strongly consistent
	 * {@code GetItem} of the stored latest item per update.
	 * @return whether updates record field changes
	 */
	boolean fieldChanges() default true;

	/**
	 * Whether each row stores the resource as it is after the change (before it, for a delete)
	 * ({@code resource_snapshot}, Python's {@code include_snapshot}).
	 * @return whether rows carry a snapshot
	 */
	boolean snapshot() default false;

	/**
	 * Properties never recorded, neither as changes nor in snapshots (Python's {@code exclude_fields}): Java
	 * property names, or the names they are stored under.
	 * @return the excluded fields
	 */
	String[] exclude() default {};

	/**
	 * When not empty, the only properties recorded (besides the system fields in snapshots): Java property names,
	 * or the names they are stored under.
	 * @return the included fields, empty for all
	 */
	String[] include() default {};

}
