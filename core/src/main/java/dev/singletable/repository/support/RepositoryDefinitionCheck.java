package dev.singletable.repository.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryComposition.RepositoryFragments;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.RepositoryFragment;

import dev.singletable.core.convert.SingleTableConverter;

/**
 * Checks a repository interface as creating its repository does, with nothing but the converter: the
 * {@link RepositoryKind#validate} and the planning of every query method. Spring Data's own rules say which methods are
 * query methods (not those of the base class, nor default methods); methods declared by an interface that is no
 * {@link Repository} (a fragment, which a custom implementation may implement) are left to the repository's creation,
 * as are repositories with a custom implementation of their own.
 */
final class RepositoryDefinitionCheck extends RepositoryFactorySupport {

	private final SingleTableConverter converter;

	private final Class<?> baseClass;

	private RepositoryDefinitionCheck(SingleTableConverter converter, Class<?> baseClass) {
		this.converter = converter;
		this.baseClass = baseClass;
	}

	/**
	 * Checks a repository interface.
	 * @param repositoryInterface the interface
	 * @param converter the converter of the template its repository will use
	 * @param kind the kind of repository it declares
	 */
	static void check(Class<?> repositoryInterface, SingleTableConverter converter, RepositoryKind kind) {
		RepositoryDefinitionCheck check = new RepositoryDefinitionCheck(converter, kind.baseClass());
		RepositoryMetadata metadata = check.getRepositoryMetadata(repositoryInterface);
		kind.validate(metadata, converter);
		List<RepositoryFragment<?>> fragments = new ArrayList<>();
		for (Class<?> declared : superInterfaces(repositoryInterface, new LinkedHashSet<>())) {
			if (!Repository.class.isAssignableFrom(declared)) {
				fragments.add(RepositoryFragment.structural(declared));
			}
		}
		RepositoryInformation information = check.getRepositoryInformation(metadata, RepositoryFragments.from(fragments));
		ProjectionFactory projections = new SpelAwareProxyProjectionFactory();
		for (Method method : information.getQueryMethods()) {
			kind.queryCheck().check(method, information, projections, converter);
		}
	}

	private static Set<Class<?>> superInterfaces(Class<?> type, Set<Class<?>> found) {
		for (Class<?> declared : type.getInterfaces()) {
			if (found.add(declared)) {
				superInterfaces(declared, found);
			}
		}
		return found;
	}

	@Override
	public <T, ID> EntityInformation<T, ID> getEntityInformation(Class<T> domainClass) {
		return RepositoryKind.entityInformation(this.converter, domainClass);
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation metadata) {
		throw new UnsupportedOperationException("Only checks repository definitions");
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return this.baseClass;
	}

	/**
	 * Plans one query method, failing as the repository's creation would.
	 */
	@FunctionalInterface
	interface QueryCheck {

		void check(Method method, RepositoryMetadata metadata, ProjectionFactory factory, SingleTableConverter converter);

	}

}
