package dev.singletable.autoconfigure.events;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.MissingLibraryException;

/**
 * Refuses the start-up of an application that switches change events on ({@code singletable.changes.enabled=true})
 * without Amazon's DynamoDB Streams adapter and the KCL on its class path, naming the starter to add: without it
 * {@link SingleTableChangeEventsAutoConfiguration} would not apply, and the application's listeners would wait for
 * changes that never come. Imported by the main auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(SingleTableChangeEventsAutoConfiguration.ENABLED_PROPERTY)
@ConditionalOnMissingClass(SingleTableChangeEventsAutoConfiguration.ADAPTER)
public final class ChangeEventsLibraryCheck {

	/** The starter of change events. */
	static final String STARTER = "dev.singletable:singletable-spring-boot-starter-events";

	/** The library change events read the stream with. */
	static final String LIBRARY = "com.amazonaws:dynamodb-streams-kinesis-adapter";

	@Bean
	static InitializingBean singleTableChangeEventsLibraryCheck() {
		return () -> {
			throw new MissingLibraryException(
					"Switching change events on (" + SingleTableChangeEventsAutoConfiguration.ENABLED_PROPERTY + "=true)",
					LIBRARY,
					STARTER);
		};
	}

}
