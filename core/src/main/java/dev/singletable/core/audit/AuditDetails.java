package dev.singletable.core.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.internal.format.AttributeValues;

/**
 * What the audit rows of some changes should say beyond what the template knows: who made them
 * ({@code changed_by}, instead of the {@code AuditorAware}'s auditor) and free-form metadata ({@code audit_metadata})
 * — what {@code simplesingletable} takes as the {@code changed_by=} and {@code audit_metadata=} arguments of its
 * writes and transactions. Immutable: each {@code with...} method returns new details.
 * <pre class="code">
 * AuditDetails details = AuditDetails.changedBy("nightly-import").with("reason", "backfill").with("batch", 42);
 * AuditScope.run(details, () -&gt; repository.saveAll(imported));
 * </pre>
 * Metadata values are strings, numbers DynamoDB can store (finite, at most 38 significant digits, a magnitude from
 * {@code 1E-130} to {@code 9.99..E+125}), booleans, and lists or string-keyed maps of those, stored as DynamoDB
 * strings, numbers, booleans, lists and maps; anything else (including {@literal null}, sets, and such numbers
 * nested in a list or map) is refused when the details are built with an {@link InvalidAuditMetadataException}
 * naming the key and the path inside it ({@code source.ratio}, {@code tags[1]}) and why, as is the key
 * {@value AuditEntry#TRANSACTION_ID}, which the template writes itself. Lists and maps are copied, so later changes to them are not seen.
 * @see AuditScope
 * @see AuditMetadataProvider
 */
public final class AuditDetails {

	private static final AuditDetails NONE = new AuditDetails(null, Map.of());

	private final @Nullable String changedBy;

	private final Map<String, Object> metadata;

	private AuditDetails(@Nullable String changedBy, Map<String, Object> metadata) {
		this.changedBy = changedBy;
		this.metadata = metadata;
	}

	/**
	 * Returns details that say nothing: no changer, no metadata.
	 * @return the empty details
	 */
	public static AuditDetails none() {
		return NONE;
	}

	/**
	 * Returns details naming who makes the changes.
	 * @param changedBy the changer, stored as {@code changed_by}; must not be empty
	 * @return the details
	 */
	public static AuditDetails changedBy(String changedBy) {
		return NONE.withChangedBy(changedBy);
	}

	/**
	 * Returns details with the given metadata and no changer.
	 * @param metadata the metadata; must not be {@literal null}
	 * @return the details
	 * @throws InvalidAuditMetadataException when a key or value cannot be stored
	 */
	public static AuditDetails of(Map<String, ?> metadata) {
		return NONE.withMetadata(metadata);
	}

	/**
	 * Returns these details naming another changer.
	 * @param changedBy the changer, stored as {@code changed_by}; must not be empty
	 * @return the details
	 */
	public AuditDetails withChangedBy(String changedBy) {
		Assert.hasText(changedBy, "Changed-by must not be empty");
		return new AuditDetails(changedBy, this.metadata);
	}

	/**
	 * Returns these details with one more metadata entry (replacing one of the same key).
	 * @param key the key; must not be empty or {@value AuditEntry#TRANSACTION_ID}
	 * @param value a string, number, boolean, or a list or string-keyed map of those
	 * @return the details
	 * @throws InvalidAuditMetadataException when the key or value cannot be stored
	 */
	public AuditDetails with(String key, Object value) {
		return withMetadata(Collections.singletonMap(key, value));
	}

	/**
	 * Returns these details with more metadata entries (replacing those of the same keys).
	 * @param metadata the entries; must not be {@literal null}
	 * @return the details
	 * @throws InvalidAuditMetadataException when a key or value cannot be stored
	 */
	public AuditDetails withMetadata(Map<String, ?> metadata) {
		Assert.notNull(metadata, "Metadata must not be null");
		if (metadata.isEmpty()) {
			return this;
		}
		Map<String, Object> all = new LinkedHashMap<>(this.metadata);
		metadata.forEach((key, value) -> {
			checkKey(key, null);
			if (AuditEntry.TRANSACTION_ID.equals(key)) {
				throw new InvalidAuditMetadataException(key, "is reserved: the template writes the id of the "
						+ "transaction that made the change there; use another key");
			}
			all.put(key, checked(key, value));
		});
		return new AuditDetails(this.changedBy, Collections.unmodifiableMap(all));
	}

	/**
	 * Returns these details overridden by others: their changer if they name one, and their metadata entries over
	 * these (an inner {@link AuditScope} over an outer one).
	 * @param overrides the details that win; must not be {@literal null}
	 * @return the merged details
	 */
	public AuditDetails merge(AuditDetails overrides) {
		Assert.notNull(overrides, "Overriding details must not be null");
		if (this == NONE) {
			return overrides;
		}
		Map<String, Object> all = new LinkedHashMap<>(this.metadata);
		all.putAll(overrides.metadata);
		return new AuditDetails((overrides.changedBy != null) ? overrides.changedBy : this.changedBy,
				Collections.unmodifiableMap(all));
	}

	/**
	 * Returns who makes the changes.
	 * @return the changer, or {@literal null} to leave it to the {@code AuditorAware}
	 */
	public @Nullable String getChangedBy() {
		return this.changedBy;
	}

	/**
	 * Returns the metadata, in the order the entries were added (unmodifiable, lists and maps too).
	 * @return the metadata, empty for none
	 */
	public Map<String, Object> getMetadata() {
		return this.metadata;
	}

	private static void checkKey(@Nullable Object key, @Nullable String parent) {
		if (!(key instanceof String name) || name.isEmpty()) {
			String path = (parent != null) ? parent + "." + key : String.valueOf(key);
			throw new InvalidAuditMetadataException(path, "has an empty or non-string key; keys must be non-empty "
					+ "strings");
		}
	}

	/**
	 * Returns a value as stored (lists and maps copied, unmodifiable), or refuses it naming its path.
	 */
	private static Object checked(String path, @Nullable Object value) {
		if (value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
				|| value instanceof Float) {
			String problem = AttributeValues.numberProblem((Number) value);
			if (problem != null) {
				throw new InvalidAuditMetadataException(path, "is " + value + ", which DynamoDB cannot store: "
						+ problem);
			}
			return value;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				copy.add(checked(path + "[" + i + "]", list.get(i)));
			}
			return Collections.unmodifiableList(copy);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, nested) -> {
				checkKey(key, path);
				copy.put((String) key, checked(path + "." + key, nested));
			});
			return Collections.unmodifiableMap(copy);
		}
		throw new InvalidAuditMetadataException(path, (value == null) ? "is null; leave the key out instead"
				: "is a " + value.getClass().getName() + "; values must be strings, numbers, booleans, or lists "
						+ "or string-keyed maps of them (convert it, e.g. with toString())");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof AuditDetails details
				&& Objects.equals(this.changedBy, details.changedBy) && this.metadata.equals(details.metadata));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.changedBy, this.metadata);
	}

	@Override
	public String toString() {
		return "AuditDetails[changedBy=" + this.changedBy + ", metadata=" + this.metadata + "]";
	}

}
