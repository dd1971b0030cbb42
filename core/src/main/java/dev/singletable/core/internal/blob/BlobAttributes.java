package dev.singletable.core.internal.blob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.singletable.core.blob.BlobLocation;

/**
 * Reads and writes the blob attributes of an item as {@code simplesingletable} stores them:
 * {@value #FIELDS} (a list of strings: the blob properties that have an object) and, on versioned items,
 * {@value #VERSIONS} (a map of numbers: which version's object each property uses).
 */
public final class BlobAttributes {

	/** The blob properties that have an object (L of S). */
	public static final String FIELDS = "_blob_fields";

	/** For versioned items, the version whose object each blob property uses (M of N). */
	public static final String VERSIONS = "_blob_versions";

	/**
	 * For versioned items of compressed types, what identifies the bytes of the object each blob property uses
	 * (M of S): {@code {version}:{MD5 hex}}, the version whose object it is and the MD5 of its bytes, so that an update
	 * recognises a value that did not change without asking S3. Only this library writes it, and only where Python
	 * never looks (a compressed item's top level); an entry whose version is not the one {@value #VERSIONS} names (a
	 * reference another writer changed in place) is not used, nor is an item without it: the value is then compared
	 * with the object itself.
	 */
	public static final String DIGESTS = "_blob_digests";

	private BlobAttributes() {
	}

	/**
	 * Adds the blob attributes of a plain item: {@value #FIELDS} with the given properties, or nothing when there
	 * are none.
	 * @param item the item's attributes, changed in place
	 * @param fields the properties that have an object
	 */
	public static void writePlain(Map<String, AttributeValue> item, Collection<String> fields) {
		item.remove(FIELDS);
		item.remove(VERSIONS);
		if (!fields.isEmpty()) {
			item.put(FIELDS, fieldList(fields));
		}
	}

	/**
	 * Adds the blob attributes of a versioned item ({@code vN} and {@code v0} alike): {@value #FIELDS} with the
	 * properties that have a reference and {@value #VERSIONS} with the references, or nothing when there are none.
	 * @param item the item's attributes, changed in place
	 * @param references the version each property's object belongs to
	 */
	public static void writeVersioned(Map<String, AttributeValue> item, Map<String, Long> references) {
		item.remove(FIELDS);
		item.remove(VERSIONS);
		if (references.isEmpty()) {
			return;
		}
		item.put(FIELDS, fieldList(references.keySet()));
		Map<String, AttributeValue> versions = new LinkedHashMap<>();
		new TreeMap<>(references).forEach((field, version) -> versions.put(field, AttributeValue.fromN(Long.toString(version))));
		item.put(VERSIONS, AttributeValue.fromM(versions));
	}

	/**
	 * Adds {@value #DIGESTS}, or removes it when there are none.
	 * @param item the item's attributes, changed in place
	 * @param references the version whose object each property uses
	 * @param digests the MD5 (hex) of each property's object, by property name
	 */
	public static void writeDigests(Map<String, AttributeValue> item, Map<String, Long> references,
			Map<String, String> digests) {
		item.remove(DIGESTS);
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		new TreeMap<>(digests).forEach((field, digest) -> {
			Long version = references.get(field);
			if (version != null) {
				values.put(field, AttributeValue.fromS(version + ":" + digest));
			}
		});
		if (!values.isEmpty()) {
			item.put(DIGESTS, AttributeValue.fromM(values));
		}
	}

	/**
	 * Reads {@value #DIGESTS}: the digests of the objects the item's {@value #VERSIONS} names, those recorded for
	 * another version left out.
	 * @param item the item, {@literal null} for none
	 * @return the MD5 (hex) of each property's object, by property name; empty when the item has none
	 */
	public static Map<String, String> readDigests(@Nullable Map<String, AttributeValue> item) {
		AttributeValue value = (item != null) ? item.get(DIGESTS) : null;
		Map<String, String> digests = new TreeMap<>();
		if (value == null || !value.hasM()) {
			return digests;
		}
		Map<String, Long> versions = readVersions(item);
		value.m().forEach((field, entry) -> {
			String text = entry.s();
			int colon = (text != null) ? text.indexOf(':') : -1;
			Long version = versions.get(field);
			if (colon > 0 && version != null && text.substring(0, colon).equals(Long.toString(version))) {
				digests.put(field, text.substring(colon + 1));
			}
		});
		return digests;
	}

	private static AttributeValue fieldList(Collection<String> fields) {
		return AttributeValue.fromL(new TreeSet<>(fields).stream().map(AttributeValue::fromS).toList());
	}

	/**
	 * Reads {@value #FIELDS}: a list of strings (or a string set).
	 * @param item the item
	 * @return the properties, in stored order; empty when the item has none
	 */
	public static List<String> readFields(Map<String, AttributeValue> item) {
		AttributeValue value = item.get(FIELDS);
		List<String> fields = new ArrayList<>();
		if (value == null) {
			return fields;
		}
		if (value.hasL()) {
			value.l().stream().filter((element) -> element.s() != null).forEach((element) -> fields.add(element.s()));
		}
		else if (value.hasSs()) {
			fields.addAll(value.ss());
		}
		return fields;
	}

	/**
	 * Reads {@value #VERSIONS}.
	 * @param item the item
	 * @return the version of each property's object, by property name; empty when the item has none
	 * @throws IllegalArgumentException when a version is not a positive whole number
	 */
	public static Map<String, Long> readVersions(Map<String, AttributeValue> item) {
		AttributeValue value = item.get(VERSIONS);
		Map<String, Long> versions = new TreeMap<>();
		if (value == null || !value.hasM()) {
			return versions;
		}
		value.m().forEach((field, number) -> {
			if (number.n() == null) {
				throw new IllegalArgumentException(VERSIONS + "." + field + " is not a number: " + number);
			}
			long version = new BigDecimal(number.n()).longValueExact();
			if (version <= 0) {
				throw new IllegalArgumentException(VERSIONS + "." + field + " is not a positive version: " + version);
			}
			versions.put(field, version);
		});
		return versions;
	}

	/**
	 * Returns where the objects of an item's blob properties are: for a plain item the unversioned key of each
	 * listed property; for a versioned item the version its {@value #VERSIONS} names, or the item's own version
	 * when it names none (as the Python library loads them).
	 * @param type the resource type name
	 * @param id the resource id
	 * @param itemVersion the item's version, or {@literal null} for a plain item
	 * @param item the item
	 * @return the location of each listed property's object, by property name in stored order
	 */
	public static Map<String, BlobLocation> locations(String type, String id, @Nullable Long itemVersion,
			Map<String, AttributeValue> item) {
		Map<String, Long> versions = readVersions(item);
		Map<String, BlobLocation> locations = new LinkedHashMap<>();
		for (String field : readFields(item)) {
			Long version = (itemVersion != null) ? versions.getOrDefault(field, itemVersion) : null;
			locations.put(field, new BlobLocation(type, id, version, field));
		}
		return locations;
	}

}
