package dev.singletable.core.internal.blob;

import dev.singletable.core.VersionConflictException;

/**
 * The failure of an update that used {@link KnownBlobFacts} of the version it follows when the stored latest item,
 * still at that version, holds other blob attributes (another writer rewrote them in place, or the resource was
 * deleted and created again): nothing was written, and the single write is planned once more with today's read (the
 * facts are forgotten). A write collected by a transaction fails with it, a {@link VersionConflictException}: read
 * and apply the change again.
 */
public final class StaleBlobFactsException extends VersionConflictException {

	/**
	 * @param entityType the entity type
	 * @param id the resource id
	 * @param version the version the update followed (the stored one too)
	 */
	public StaleBlobFactsException(Class<?> entityType, String id, long version) {
		super(entityType.getSimpleName() + " '" + id + "' at version " + version + " refers to other blob objects than "
				+ "this application knew: another writer changed them in place; nothing was written. Read the latest "
				+ "state and apply the change again.", entityType, id, version, version);
	}

}
