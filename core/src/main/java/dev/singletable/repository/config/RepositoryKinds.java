package dev.singletable.repository.config;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.core.KotlinDetector;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.PagingAndSortingRepository;
import org.springframework.data.repository.core.RepositoryMetadata;

import dev.singletable.repository.ReadOnlySingleTableRepository;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.VersionedRepository;

/**
 * Which of the two configuration extensions, blocking or reactive, a repository interface belongs to: the kind of
 * the repository interfaces it extends, so that a blocking repository declaring a method that returns a
 * {@code Flux} (or a reactive one returning a {@code List}) is created, and refused naming that method, rather
 * than silently left to the other kind (Spring Data's {@code isReactiveRepository} counts any reactive type in any
 * method). Spring Data's coroutine repositories ({@code CoroutineCrudRepository}, {@code CoroutineSortingRepository})
 * and singletable-kotlin's are reactive: Spring Data adapts their {@code suspend} functions and {@code Flow}s to the
 * reactive repository. An interface extending neither kind ({@code Repository} alone) is reactive when its methods
 * use reactive types ({@code Flow} included) or are Kotlin {@code suspend} functions.
 */
final class RepositoryKinds {

	/**
	 * The packages of the reactive repository interfaces: Spring Data's reactive and coroutine ones, which
	 * singletable-kotlin's coroutine repositories extend (so no Kotlin type is named here), and singletable's own
	 * (named by package, so that the blocking side links none of them).
	 */
	private static final Set<String> REACTIVE_PACKAGES = Set.of("org.springframework.data.repository.reactive",
			"org.springframework.data.repository.kotlin", SingleTableRepository.class.getPackageName() + ".reactive");

	private static final Set<Class<?>> BLOCKING_TYPES = Set.of(CrudRepository.class, ListCrudRepository.class,
			PagingAndSortingRepository.class, ListPagingAndSortingRepository.class,
			ReadOnlySingleTableRepository.class, SingleTableRepository.class, VersionedRepository.class);

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
			.anyMatch((type) -> REACTIVE_PACKAGES.contains(type.getPackageName()))) {
			return true;
		}
		if (interfaces.stream().anyMatch(BLOCKING_TYPES::contains)) {
			return false;
		}
		return metadata.isReactiveRepository() || declaresSuspendFunction(metadata.getRepositoryInterface());
	}

	/**
	 * Whether an interface declares a Kotlin {@code suspend} function, which Spring Data's
	 * {@code isReactiveRepository} does not count: a coroutine repository, run on the reactive template. Spring's
	 * {@link KotlinDetector} tells one (never, without Kotlin).
	 */
	private static boolean declaresSuspendFunction(Class<?> repositoryInterface) {
		for (Method method : repositoryInterface.getMethods()) {
			if (KotlinDetector.isSuspendingFunction(method)) {
				return true;
			}
		}
		return false;
	}

	private static void collectSuperInterfaces(Class<?> type, Set<Class<?>> interfaces) {
		for (Class<?> extended : type.getInterfaces()) {
			if (interfaces.add(extended)) {
				collectSuperInterfaces(extended, interfaces);
			}
		}
	}

}
