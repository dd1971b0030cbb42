package dev.singletable.core.internal.item;

import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * What an operation requires of the type it is called with, one rule for every operation of both templates: the
 * versions of a resource (read, restored or deleted one by one) exist only for a versioned type, and the one resource
 * of a singleton type is read as such only for a singleton.
 */
public final class TypeRequirements {

	private TypeRequirements() {
	}

	/**
	 * Returns the metadata of a versioned type, refusing any other.
	 * @throws IllegalArgumentException when the type is not versioned
	 */
	public static <T> SingleTablePersistentEntity<T> versioned(SingleTableConverter converter, Class<T> type) {
		SingleTablePersistentEntity<T> metadata = converter.getRequiredEntity(type);
		if (!metadata.isVersioned()) {
			throw new IllegalArgumentException(type.getSimpleName()
					+ " is not versioned; set @SingleTableEntity(versioned = true) to keep versions");
		}
		return metadata;
	}

	/**
	 * Returns the metadata of a singleton type, refusing any other.
	 * @throws SingletonUsageException when the type is not a singleton
	 */
	public static <T> SingleTablePersistentEntity<T> singleton(SingleTableConverter converter, Class<T> type) {
		SingleTablePersistentEntity<T> metadata = converter.getRequiredEntity(type);
		if (!metadata.isSingleton()) {
			throw new SingletonUsageException(type, "it is not a singleton; read it with findById, or declare it "
					+ "@SingleTableEntity(singleton = true)");
		}
		return metadata;
	}

}
