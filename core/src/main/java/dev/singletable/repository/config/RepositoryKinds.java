package dev.singletable.repository.config;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.data.repository.core.RepositoryMetadata;

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

	/** The packages of Spring Data's reactive and coroutine repository interfaces. */
	private static final Set<String> REACTIVE_PACKAGES = Set.of("org.springframework.data.repository.reactive",
			"org.springframework.data.repository.kotlin");

	/** The parameter a Kotlin {@code suspend} function is compiled with, named so that no Kotlin class is linked. */
	private static final String CONTINUATION = "kotlin.coroutines.Continuation";

	private static final Set<String> REACTIVE_TYPES = Set.of(
			"dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository",
			"dev.singletable.repository.reactive.ReactiveSingleTableRepository",
			"dev.singletable.repository.reactive.ReactiveVersionedRepository",
			"dev.singletable.repository.kotlin.CoroutineSingleTableRepository",
			"dev.singletable.repository.kotlin.CoroutineVersionedRepository");

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
			.anyMatch((type) -> REACTIVE_PACKAGES.contains(type.getPackageName())
					|| REACTIVE_TYPES.contains(type.getName()))) {
			return true;
		}
		if (interfaces.stream().anyMatch((type) -> BLOCKING_TYPES.contains(type.getName()))) {
			return false;
		}
		return metadata.isReactiveRepository() || declaresSuspendFunction(metadata.getRepositoryInterface());
	}

	/**
	 * Whether an interface declares a Kotlin {@code suspend} function, which Spring Data's
	 * {@code isReactiveRepository} does not count: a coroutine repository, run on the reactive template.
	 */
	private static boolean declaresSuspendFunction(Class<?> repositoryInterface) {
		for (Method method : repositoryInterface.getMethods()) {
			Class<?>[] parameters = method.getParameterTypes();
			if (parameters.length > 0 && CONTINUATION.equals(parameters[parameters.length - 1].getName())) {
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
