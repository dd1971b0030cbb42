package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Copies a property of a versioned type into the {@code metadata} map (M) of its latest item ({@code v0}), keyed by
 * the property's stored name, as the Python library writes what {@code db_get_filter_metadata()} returns. A
 * compressed type keeps its properties inside the gzip {@code data}, where DynamoDB filters cannot see them; its
 * filter metadata can be seen:
 * <pre class="code">
 * &#64;SingleTableEntity(versioned = true)
 * public record Ticket(&#64;Id String id, &#64;Version Long version, &#64;FilterMetadata String status, String body) {
 * }
 *
 * template.query(Ticket.class).filter(Filter.property("status").eq("open"))   // metadata.status = "open"
 * </pre>
 * A {@link dev.singletable.core.query.Filter#property(String) Filter.property} on such a property of a compressed
 * type resolves to {@code metadata.<stored name>}, and derived {@code @AllowFiltering} repository methods filter on
 * it in DynamoDB instead of after reading. Values are stored as the property is ({@literal null} as NULL); history
 * items ({@code vN}) carry no {@code metadata}, as in the Python library. A {@code metadata} map an
 * {@link UnmappedAttributes @UnmappedAttributes} property keeps (written by Python with other keys) is kept, the
 * declared keys taking the entity's values. Only top-level properties of versioned types can be declared; each
 * costs its stored size on every {@code v0} write.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
public @interface FilterMetadata {

}
