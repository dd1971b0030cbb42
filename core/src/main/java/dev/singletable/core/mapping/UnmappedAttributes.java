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
 * On read the property receives a mutable map, empty when nothing is unmapped, keyed by the stored name: every
 * top-level attribute of the item that is neither mapped to a property nor part of the layout (for uncompressed
 * types every unmapped field, for compressed types the attributes beside {@code data}), and for compressed items
 * every field of the JSON in {@code data} the type does not map. Entries are plain Java values, never SDK types,
 * read as an untyped {@code Map<String, Object>} property is: {@link String}, {@link Boolean}, {@link Number},
 * {@link java.util.List}, {@link java.util.Map}, {@literal null} and, for attributes, {@code byte[]} for a binary
 * (B, compare with {@link java.util.Arrays#equals(byte[], byte[])}) and a {@link java.util.Set} for a string,
 * number or binary set (SS, NS, BS). A field reads as the same Java value whether the item is compressed or not.
 * <p>
 * On write each entry goes back where it came from: an entry read from a top-level attribute stays a top-level
 * attribute, and when left unchanged it is written exactly as it was stored (an N with all its digits, a set
 * nested in a map still a set); an entry read from {@code data} stays a field of {@code data}. Changed entries
 * and entries added by the application are converted as property values are (a {@code Set} of strings to an SS,
 * of numbers to an NS, of {@code byte[]} to a BS, {@code byte[]} to a B, {@literal null} to NULL); an added
 * entry becomes a field of the JSON in {@code data} for compressed types and a top-level attribute otherwise. An
 * {@link software.amazon.awssdk.services.dynamodb.model.AttributeValue AttributeValue} put into the map is
 * accepted and stored as given, as a top-level attribute (reads never return one). Where each entry came from is
 * known to the map a read returned: carry that map over (changing it is fine); in a copy of it, every entry
 * counts as added. Mapped properties win over entries of the same name, and the attributes the layout writes
 * ({@code pk}, {@code sk}, {@code version}, {@code data},
 * {@code gsitype}/{@code gsitypesk}, the type's own index and TTL attributes, {@code _version_token}, the
 * {@code restored_from_version} a restore marks) are never
 * collected nor copied back: they are written afresh. Index attributes of indexes the type does not declare
 * (for example a {@code gsi1pk} a Python model writes) are kept as they were stored. On versioned types both the
 * latest copy ({@code v0}) and the new history item carry the entries, except a top-level {@code metadata}
 * attribute, which goes on {@code v0} only, where the Python library writes it (a type with
 * {@link FilterMetadata @FilterMetadata} properties writes their values over the kept map's entries of the same
 * names and keeps the other entries).
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
