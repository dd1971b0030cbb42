package dev.singletable.repository.support;

import org.springframework.data.repository.core.RepositoryMetadata;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The one rule of what a repository interface may declare, for the blocking and the reactive repository factories:
 * {@link String} ids, and a versioned repository interface only for a versioned type.
 */
final class RepositoryChecks {

	private RepositoryChecks() {
	}

	/**
	 * Checks a repository interface.
	 * @param versioned the versioned repository interface of the factory's kind
	 * @param plain the plain repository interface to extend instead
	 * @throws InvalidEntityDefinitionException naming the interface and what to change
	 */
	static void validate(RepositoryMetadata metadata, SingleTableConverter converter, Class<?> versioned,
			Class<?> plain) {
		if (metadata.getIdType() != String.class) {
			throw new InvalidEntityDefinitionException(metadata.getRepositoryInterface(),
					"its id type is " + metadata.getIdType().getSimpleName() + "; singletable ids are Strings");
		}
		SingleTablePersistentEntity<?> entity = converter.getRequiredEntity(metadata.getDomainType());
		if (versioned.isAssignableFrom(metadata.getRepositoryInterface()) && !entity.isVersioned()) {
			throw new InvalidEntityDefinitionException(metadata.getRepositoryInterface(),
					"it is a " + versioned.getSimpleName() + " but " + entity.getType().getSimpleName()
							+ " is not versioned; set @SingleTableEntity(versioned = true) or extend "
							+ plain.getSimpleName());
		}
	}

}
