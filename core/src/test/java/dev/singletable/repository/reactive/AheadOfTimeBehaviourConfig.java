package dev.singletable.repository.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryInformation;

import dev.singletable.test.AheadOfTimeApplication;

/**
 * {@link RepositoryBehaviourSuite.Config} processed ahead of time once for the JVM, as {@code process-aot} would:
 * the suite's AOT runs ({@link BlockingRepositoryBehaviourAotTests}, {@link ReactiveRepositoryBehaviourAotTests})
 * start their contexts from the code it generated, with each repository's {@code …Impl__AotRepository}.
 */
final class AheadOfTimeBehaviourConfig {

	private static AheadOfTimeApplication application;

	private AheadOfTimeBehaviourConfig() {
	}

	/** Registers the generated bean definitions in a context that is not refreshed yet. */
	static synchronized void register(GenericApplicationContext context) {
		if (application == null) {
			try {
				application = AheadOfTimeApplication.process(RepositoryBehaviourSuite.Config.class,
						Files.createTempDirectory("repository-behaviour-aot"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		application.initialize(context);
	}

	/**
	 * Returns the information of a repository bean as the started context built it: its query methods are those
	 * the generated fragment does not run.
	 */
	static RepositoryInformation information(GenericApplicationContext context, String bean) {
		return context.getBean("&" + bean, RepositoryFactoryInformation.class).getRepositoryInformation();
	}

}
