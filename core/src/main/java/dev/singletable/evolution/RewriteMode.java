package dev.singletable.evolution;

/**
 * How {@link SingleTableBackfills#forEach} writes a transformed resource.
 */
public enum RewriteMode {

	/**
	 * Rewrites the stored items as they are: the latest item (and, for a versioned type, the version item it
	 * copies) get the new content; version, {@code updated_at} and history are kept, nothing is audited.
	 */
	IN_PLACE,

	/**
	 * Saves the transformed resource as an application's update would: a new version for a versioned type, a new
	 * {@code updated_at}, audited when the type is {@code @Audited} and the options allow it.
	 */
	NEW_VERSION

}
