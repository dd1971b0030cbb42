package dev.singletable.core.internal.blob;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a template knows of the blob attributes of the latest versions it read or wrote, so that an update of a
 * versioned type with blob properties need not read the history item of the version it follows: the stored
 * {@value BlobAttributes#FIELDS}, {@value BlobAttributes#VERSIONS} and {@value BlobAttributes#DIGESTS} of a
 * resource at a version, as stored (raw attribute values, list order kept), for the last two versions of a resource
 * it read or wrote (a write of an entity read before the template's own last update of it, which its version
 * condition refuses, needs no read to be refused). A bounded map of resources, least recently used first out.
 * <p>
 * The facts of a version are almost immutable (the Python library's {@code copy_blob} rewrites them in place without
 * a new version; a deleted and recreated resource has other facts at the same version): an update that uses them
 * therefore puts {@code v0} on the condition that its blob attributes are still these ({@link #condition}), and a
 * mismatch is a failed condition, never a wrong reference.
 */
public final class KnownBlobFacts {

	/** The entries a template keeps by default (about 300 bytes each). */
	public static final int DEFAULT_CAPACITY = 4096;

	private static final String[] ATTRIBUTES = { BlobAttributes.FIELDS, BlobAttributes.VERSIONS,
			BlobAttributes.DIGESTS };

	private final int capacity;

	private final Map<String, Known> entries;

	/**
	 * @param capacity how many resources' facts are kept at most
	 */
	public KnownBlobFacts(int capacity) {
		this.capacity = capacity;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
				return size() > KnownBlobFacts.this.capacity;
			}

		};
	}

	/**
	 * The blob attributes of a version as stored: only those the item has.
	 * @param version the version they belong to
	 * @param attributes the item's blob attributes, by name
	 */
	public record Facts(long version, Map<String, AttributeValue> attributes) {

		public Facts {
			attributes = Map.copyOf(attributes);
		}

	}

	/**
	 * Records the blob attributes of a stored latest item ({@code v0}) of a versioned type, or of the latest item a
	 * write committed: the facts of its partition at its version. An item without a partition key or version is
	 * ignored.
	 */
	public void record(Map<String, AttributeValue> latest) {
		AttributeValue pk = latest.get(ItemAttributes.PK);
		AttributeValue version = latest.get(ItemAttributes.VERSION);
		AttributeValue sk = latest.get(ItemAttributes.SK);
		if (sk != null && !"v0".equals(sk.s())) {
			return;
		}
		if (pk == null || pk.s() == null || version == null || version.n() == null) {
			return;
		}
		Map<String, AttributeValue> attributes = new HashMap<>(4);
		for (String name : ATTRIBUTES) {
			AttributeValue value = latest.get(name);
			if (value != null) {
				attributes.put(name, value);
			}
		}
		Facts facts = new Facts(Long.parseLong(version.n()), attributes);
		synchronized (this.entries) {
			this.entries.merge(pk.s(), new Known(facts, null), (known, added) -> known.with(facts));
		}
	}

	/**
	 * Records the blob attributes of a latest item a read returned whole (by id, in a query page, in a read
	 * transaction), for a versioned type with blob properties; nothing for another type.
	 * @param metadata the type the item was read as
	 * @param latest the item, with every attribute stored (not a projection)
	 */
	public void recordRead(SingleTablePersistentEntity<?> metadata, Map<String, AttributeValue> latest) {
		if (metadata.isVersioned() && !metadata.getBlobProperties().isEmpty()) {
			record(latest);
		}
	}

	/**
	 * The facts known of a resource's partition at a version, {@literal null} when none are (never recorded,
	 * evicted, or recorded at another version).
	 */
	public @Nullable Facts get(String pk, long version) {
		Known known;
		synchronized (this.entries) {
			known = this.entries.get(pk);
		}
		return (known != null) ? known.at(version) : null;
	}

	/**
	 * The facts of a resource's last two versions recorded, the later first.
	 */
	private record Known(Facts latest, @Nullable Facts previous) {

		Known with(Facts facts) {
			if (facts.version() == this.latest.version()) {
				return new Known(facts, this.previous);
			}
			if (facts.version() > this.latest.version()) {
				return new Known(facts, (facts.version() == this.latest.version() + 1) ? this.latest : null);
			}
			// an older version read after a later one was recorded: the later one stays the latest
			return (facts.version() == this.latest.version() - 1) ? new Known(this.latest, facts) : this;
		}

		@Nullable Facts at(long version) {
			if (this.latest.version() == version) {
				return this.latest;
			}
			Facts previous = this.previous;
			return (previous != null && previous.version() == version) ? previous : null;
		}

	}

	/**
	 * Forgets what is known of a partition: its facts did not match the stored ones (an update's condition on them
	 * failed), or the template's delete of the resource committed (the blob stage's after-commit step of a resource
	 * delete, inside a transaction too).
	 */
	public void forget(String pk) {
		synchronized (this.entries) {
			this.entries.remove(pk);
		}
	}

	/** How many partitions' facts are known. */
	public int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * Whether a stored item's blob attributes are the given facts' (each equal, or absent in both).
	 */
	public static boolean matches(Facts facts, Map<String, AttributeValue> item) {
		for (String name : ATTRIBUTES) {
			if (!Objects.equals(facts.attributes().get(name), item.get(name))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds to a condition on {@code v0} that its blob attributes are the given facts' (equal, or absent where the
	 * facts have none): {@code =} compares lists in order and maps whatever their key order.
	 * @param condition the condition so far
	 * @param facts the facts the write used
	 * @param names the expression's attribute names, added to
	 * @param values the expression's values, added to
	 */
	public static String condition(String condition, Facts facts, Map<String, String> names,
			Map<String, AttributeValue> values) {
		StringBuilder expression = new StringBuilder(condition);
		for (int i = 0; i < ATTRIBUTES.length; i++) {
			String name = "#blob" + i;
			names.put(name, ATTRIBUTES[i]);
			AttributeValue value = facts.attributes().get(ATTRIBUTES[i]);
			if (value == null) {
				expression.append(" AND attribute_not_exists(").append(name).append(')');
			}
			else {
				values.put(":blob" + i, value);
				expression.append(" AND ").append(name).append(" = :blob").append(i);
			}
		}
		return expression.toString();
	}

}
