package dev.singletable.repository.support;

import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.query.SingleTableQueryLookupStrategy;

/**
 * What a repository factory of one kind, blocking or reactive, resolves for a repository interface: its entity
 * information, its base class, whether it may declare what it declares ({@link String} ids, a versioned interface
 * only for a versioned type) and how its query methods are planned.
 *
 * @param baseClass the base class of the repositories of this kind
 * @param versioned the versioned repository interface of this kind
 * @param plain the plain repository interface to extend instead
 * @param queryCheck plans one query method of this kind
 */
record RepositoryKind(Class<?> baseClass, Class<?> versioned, Class<?> plain,
		RepositoryDefinitionCheck.QueryCheck queryCheck) {

	/**
	 * The blocking kind. The reactive kind is {@code ReactiveSingleTableRepositoryFactory}'s own, so that making a
	 * blocking repository links no class of Reactor, an optional library.
	 */
	static final RepositoryKind BLOCKING = new RepositoryKind(SimpleSingleTableRepository.class,
			VersionedRepository.class, SingleTableRepository.class, SingleTableQueryLookupStrategy::check);

	/** The entity information of a domain type, from the converter's mapping. */
	@SuppressWarnings("unchecked")
	static <T, ID> EntityInformation<T, ID> entityInformation(SingleTableConverter converter, Class<T> domainClass) {
		return (EntityInformation<T, ID>) new PersistentEntityInformation<>(converter.getRequiredEntity(domainClass));
	}

	/**
	 * Checks a repository interface.
	 * @throws InvalidEntityDefinitionException naming the interface and what to change
	 */
	void validate(RepositoryMetadata metadata, SingleTableConverter converter) {
		if (metadata.getIdType() != String.class) {
			throw new InvalidEntityDefinitionException(metadata.getRepositoryInterface(),
					"its id type is " + metadata.getIdType().getSimpleName() + "; singletable ids are Strings");
		}
		SingleTablePersistentEntity<?> entity = converter.getRequiredEntity(metadata.getDomainType());
		if (this.versioned.isAssignableFrom(metadata.getRepositoryInterface()) && !entity.isVersioned()) {
			throw new InvalidEntityDefinitionException(metadata.getRepositoryInterface(),
					"it is a " + this.versioned.getSimpleName() + " but " + entity.getType().getSimpleName()
							+ " is not versioned; set @SingleTableEntity(versioned = true) or extend "
							+ this.plain.getSimpleName());
		}
	}

	/** Checks a repository interface as creating its repository does, with nothing but the converter. */
	void checkDefinition(Class<?> repositoryInterface, SingleTableConverter converter) {
		RepositoryDefinitionCheck.check(repositoryInterface, converter, this);
	}

}
