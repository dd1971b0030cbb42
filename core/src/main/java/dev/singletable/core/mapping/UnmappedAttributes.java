package dev.singletable.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Map<String, Object>} property that keeps what the entity type does not map, so that an update
 * writes it back instead of dropping it: fields another service (a Python {@code simplesingletable} model, a
 * newer deployment) stored, and attributes of the layout Java does not model, such as {@code metadata},
 * {@code _blob_fields} and {@code _blob_versions}. Without such a property, whatever the type does not map is
 * lost when Java rewrites the item.
 * <p>
 * On read the property receives a mutable map, empty when nothing is unmapped, keyed by the stored name:
 * <ul>
 * <li>every top-level attribute of the item that is neither mapped to a property nor part of the layout, as the
 * {@link software.amazon.awssdk.services.dynamodb.model.AttributeValue AttributeValue} stored, so that its
 * DynamoDB type (N, M, SS, B, NULL...) survives unchanged. For uncompressed types that is every unmapped field;
 * for compressed types these are the attributes beside {@code data}.</li>
 * <li>for compressed items, every field of the JSON in {@code data} the type does not map, as a JSON value
 * ({@link String}, {@link Number}, {@link Boolean}, {@link java.util.List}, {@link java.util.Map} or
 * {@literal null}).</li>
 * </ul>
 * On write the entries go back where they came from: an {@code AttributeValue} entry becomes a top-level
 * attribute; any other value becomes a field of the JSON in {@code data} for compressed types, or an attribute
 * converted as property values are for uncompressed ones. Mapped properties win over entries of the same name,
 * and the attributes the layout writes ({@code pk}, {@code sk}, {@code version}, {@code data},
 * {@code gsitype}/{@code gsitypesk}, the type's own index and TTL attributes, {@code _version_token}) are never
 * collected nor copied back: they are written afresh. Index attributes of indexes the type does not declare
 * (for example a {@code gsi1pk} a Python model writes) are kept as they were stored. On versioned types both the
 * latest copy ({@code v0}) and the new history item carry the entries, except a top-level {@code metadata}
 * attribute, which goes on {@code v0} only, where the Python library writes it.
 * <pre class="code">
 * &#64;SingleTableEntity(versioned = true)
 * public record Task(&#64;Id String id, &#64;Version Long version, String title,
 *         &#64;UnmappedAttributes Map&lt;String, Object&gt; other) {
 * }
 * </pre>
 * Keeping entries requires updating the entity as read (or carrying the map over); an entity built from scratch
 * has none to keep. The library's storage mapper handles the property itself: Jackson annotations on it (such as
 * a {@code @JsonIgnore} meant for a web API) do not change what is stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
public @interface UnmappedAttributes {

}
