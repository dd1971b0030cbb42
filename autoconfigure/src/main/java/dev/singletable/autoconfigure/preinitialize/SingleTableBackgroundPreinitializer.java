package dev.singletable.autoconfigure.preinitialize;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Starts {@link StartupWarmUp} on a daemon thread of its own as soon as the environment is prepared (once per JVM),
 * so that the classes the application's DynamoDB client, first requests and storage mapper need are loaded on the
 * second core while the main thread parses the configuration. Nothing waits for it: neither the start nor its failure
 * (a definition error is reported as soon as it is found). Skipped, as Spring Boot's own background preinitializer is,
 * with the system property {@code spring.backgroundpreinitializer.ignore=true}, on a single processor and in a native
 * image; a warm-up that fails only leaves that work to the main thread.
 */
final class SingleTableBackgroundPreinitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private static final String CLIENT_CLASS = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";

	private static final AtomicBoolean started = new AtomicBoolean();

	private static final Log logger = LogFactory.getLog(SingleTableBackgroundPreinitializer.class);

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!enabled(event.getSpringApplication().getClassLoader()) || !started.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(SingleTableBackgroundPreinitializer::warmUp, "singletable-preinit");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	static boolean enabled(ClassLoader classLoader) {
		return !Boolean.getBoolean(IGNORE_PROPERTY) && !NativeDetector.inNativeImage()
				&& Runtime.getRuntime().availableProcessors() > 1 && ClassUtils.isPresent(CLIENT_CLASS, classLoader);
	}

	private static void warmUp() {
		// in the order the application needs them: its client, its first requests, then its converter's mapper
		run(StartupWarmUp::buildClient);
		run(StartupWarmUp::sendRequests);
		run(StartupWarmUp::mapJson);
	}

	private static void run(Step step) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			// only a warm-up: the application does the same work itself and reports its own failures
			logger.trace("Background warm-up step failed", ex);
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

}
