package dev.singletable.core.internal.blob;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.util.Assert;
import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobStorage;

/**
 * The rules of which S3 objects the versions of a resource refer to, as pure functions of their
 * {@code _blob_versions} maps (property → the version whose object it uses). Each object
 * {@code v{n}/{field}} is written once, by version {@code n}; later versions that leave the property unchanged
 * refer to it instead of copying it. So an object may be deleted only when no remaining version refers to it:
 * deleting or pruning a version must keep the objects later versions still use (the Python library deletes them,
 * its bug 2.14 #7) and must delete those nobody uses any more (it never does on pruning).
 */
public final class BlobReferences {

	private BlobReferences() {
	}

	/**
	 * Returns the references of a new version, as {@code simplesingletable} computes them on update: each property
	 * written with a value refers to the new version's object, each cleared property to none, every other one
	 * keeps its reference.
	 * @param previous the references of the version the new one follows (empty for a first version)
	 * @param newVersion the new version's number
	 * @param written the properties that get a new object with this version
	 * @param cleared the properties set to {@literal null}
	 * @return the new references, by property name in order
	 * @throws IllegalArgumentException when a property is both written and cleared
	 */
	public static Map<String, Long> nextVersion(Map<String, Long> previous, long newVersion,
			Collection<String> written, Collection<String> cleared) {
		Assert.isTrue(newVersion > 0, "Version must be positive");
		for (String field : written) {
			Assert.isTrue(!cleared.contains(field), () -> "Property '" + field + "' is both written and cleared");
		}
		Map<String, Long> next = new TreeMap<>(previous);
		cleared.forEach(next::remove);
		written.forEach((field) -> next.put(field, newVersion));
		return next;
	}

	/**
	 * Returns every object a set of versions refers to.
	 * @param versions the {@code _blob_versions} maps of the versions
	 * @return the references
	 */
	public static Set<BlobReference> referencedBy(Collection<? extends Map<String, Long>> versions) {
		Set<BlobReference> references = new LinkedHashSet<>();
		for (Map<String, Long> version : versions) {
			version.forEach((field, number) -> references.add(new BlobReference(field, number)));
		}
		return references;
	}

	/**
	 * Returns the objects that no remaining version refers to once some versions are gone (deleted one by one,
	 * pruned by a version limit, or all of them): those the removed versions referred to, less those any
	 * remaining one (including the latest copy {@code v0}, when it remains) refers to.
	 * @param removed the {@code _blob_versions} maps of the versions removed
	 * @param remaining the {@code _blob_versions} maps of every version that remains
	 * @return the objects to delete
	 */
	public static Set<BlobReference> unreferenced(Collection<? extends Map<String, Long>> removed,
			Collection<? extends Map<String, Long>> remaining) {
		Set<BlobReference> candidates = referencedBy(removed);
		candidates.removeAll(referencedBy(remaining));
		return candidates;
	}

	/**
	 * Returns the objects found in S3 that no version of the resource refers to: those the rules above missed, for
	 * example after a write whose item failed, or objects the Python library left behind when it pruned.
	 * @param existing the objects of the resource in S3 (see {@link BlobStorage#listVersioned(String, String)})
	 * @param versions the {@code _blob_versions} maps of every version of the resource
	 * @return the objects to delete, in the order given
	 */
	public static List<BlobLocation> orphans(Collection<BlobLocation> existing,
			Collection<? extends Map<String, Long>> versions) {
		Set<BlobReference> referenced = referencedBy(versions);
		return existing.stream()
			.filter((location) -> location.version() == null
					|| !referenced.contains(new BlobReference(location.field(), location.version())))
			.toList();
	}

	/**
	 * Returns the properties of a plain (unversioned) resource whose objects an update leaves without reference:
	 * those the previous item listed in {@code _blob_fields} and the new one does not. (An object the update
	 * replaces keeps its key and is overwritten.)
	 * @param previousFields the {@code _blob_fields} of the previous item
	 * @param newFields the {@code _blob_fields} of the new item
	 * @return the properties whose objects to delete
	 */
	public static Set<String> unreferencedFields(Collection<String> previousFields, Collection<String> newFields) {
		Set<String> fields = new LinkedHashSet<>(previousFields);
		fields.removeAll(newFields);
		return fields;
	}

}
