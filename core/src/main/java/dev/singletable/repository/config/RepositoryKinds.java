package dev.singletable.repository.config;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.data.repository.core.RepositoryMetadata;

/**
 * Which of the two configuration extensions, blocking or reactive, a repository interface belongs to: the kind of
 * the repository interfaces it extends, so that a blocking repository declaring a method that returns a
 * {@code Flux} (or a reactive one returning a {@code List}) is created, and refused naming that method, rather
 * than silently left to the other kind (Spring Data's {@code isReactiveRepository} counts any reactive type in any
 * method). An interface extending neither kind ({@code Repository} alone) is reactive when its methods use reactive
 * types.
 */
final class RepositoryKinds {

	private static final String REACTIVE_PACKAGE = "org.springframework.data.repository.reactive";

	private static final Set<String> REACTIVE_TYPES = Set.of(
			"dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository",
			"dev.singletable.repository.reactive.ReactiveSingleTableRepository",
			"dev.singletable.repository.reactive.ReactiveVersionedRepository");

	private static final Set<String> BLOCKING_TYPES = Set.of("org.springframework.data.repository.CrudRepository",
			"org.springframework.data.repository.ListCrudRepository",
			"org.springframework.data.repository.PagingAndSortingRepository",
			"org.springframework.data.repository.ListPagingAndSortingRepository",
			"dev.singletable.repository.ReadOnlySingleTableRepository",
			"dev.singletable.repository.SingleTableRepository", "dev.singletable.repository.VersionedRepository");

	private RepositoryKinds() {
	}

	/**
	 * Whether a repository is a reactive one.
	 * @param metadata the repository
	 * @return {@literal true} for a reactive repository
	 */
	static boolean isReactive(RepositoryMetadata metadata) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		collectSuperInterfaces(metadata.getRepositoryInterface(), interfaces);
		if (interfaces.stream()
			.anyMatch((type) -> REACTIVE_PACKAGE.equals(type.getPackageName()) || REACTIVE_TYPES.contains(type.getName()))) {
			return true;
		}
		if (interfaces.stream().anyMatch((type) -> BLOCKING_TYPES.contains(type.getName()))) {
			return false;
		}
		return metadata.isReactiveRepository();
	}

	private static void collectSuperInterfaces(Class<?> type, Set<Class<?>> interfaces) {
		for (Class<?> extended : type.getInterfaces()) {
			if (interfaces.add(extended)) {
				collectSuperInterfaces(extended, interfaces);
			}
		}
	}

}
