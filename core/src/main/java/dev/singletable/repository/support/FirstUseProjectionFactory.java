package dev.singletable.repository.support;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.ProjectionInformation;

/**
 * A repository factory's projection factory, made at its first use. Spring Data makes the projection factory with
 * the repository; a repository whose query methods are all generated ahead of time ({@code …__AotRepository})
 * uses it only when a query method first runs, and making it (Spring's SpEL-aware proxy projection factory, with
 * the conversion service of its projections and its Java time converters) was about 40 classes of the repository's
 * start that the application does not otherwise need before it is ready. A repository whose query methods are
 * planned when it is made (without ahead-of-time code) makes it then, as before.
 */
final class FirstUseProjectionFactory implements ProjectionFactory {

	private final Supplier<ProjectionFactory> maker;

	private volatile @Nullable ProjectionFactory factory;

	/**
	 * Creates the factory.
	 * @param maker makes the projection factory, at the first use
	 */
	FirstUseProjectionFactory(Supplier<ProjectionFactory> maker) {
		this.maker = maker;
	}

	@Override
	public <T> T createProjection(Class<T> projectionType, Object source) {
		return factory().createProjection(projectionType, source);
	}

	@Override
	public <T> T createProjection(Class<T> projectionType) {
		return factory().createProjection(projectionType);
	}

	@Override
	public ProjectionInformation getProjectionInformation(Class<?> projectionType) {
		return factory().getProjectionInformation(projectionType);
	}

	/** Whether the projection factory has been made. */
	boolean isMade() {
		return this.factory != null;
	}

	private ProjectionFactory factory() {
		ProjectionFactory made = this.factory;
		if (made == null) {
			synchronized (this) {
				made = this.factory;
				if (made == null) {
					made = this.maker.get();
					this.factory = made;
				}
			}
		}
		return made;
	}

}
