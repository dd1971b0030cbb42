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

	/**
	 * singletable-kotlin's versioned coroutine repository, which the reactive factory implements (Spring Data adapts
	 * its {@code suspend} functions and {@code Flow}s to the reactive base class); named, as this module does not
	 * depend on that one.
	 */
	static final String COROUTINE_VERSIONED = "dev.singletable.repository.kotlin.CoroutineVersionedRepository";

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
		if (entity.isVersioned()) {
			return;
		}
		String versioned = null;
		String plain = null;
		if (this.versioned.isAssignableFrom(metadata.getRepositoryInterface())) {
			versioned = this.versioned.getSimpleName();
			plain = this.plain.getSimpleName();
		}
		else if (extendsInterfaceNamed(metadata.getRepositoryInterface(), COROUTINE_VERSIONED)) {
			versioned = "CoroutineVersionedRepository";
			plain = "CoroutineSingleTableRepository";
		}
		if (versioned != null) {
			throw new InvalidEntityDefinitionException(metadata.getRepositoryInterface(),
					"it is a " + versioned + " but " + entity.getType().getSimpleName()
							+ " is not versioned; set @SingleTableEntity(versioned = true) or extend " + plain);
		}
	}

	/** Whether a type extends the interface of a name, which this module may not see (singletable-kotlin's). */
	private static boolean extendsInterfaceNamed(Class<?> type, String name) {
		for (Class<?> extended : type.getInterfaces()) {
			if (extended.getName().equals(name) || extendsInterfaceNamed(extended, name)) {
				return true;
			}
		}
		return false;
	}

	/** Checks a repository interface as creating its repository does, with nothing but the converter. */
	void checkDefinition(Class<?> repositoryInterface, SingleTableConverter converter) {
		RepositoryDefinitionCheck.check(repositoryInterface, converter, this);
	}

}
