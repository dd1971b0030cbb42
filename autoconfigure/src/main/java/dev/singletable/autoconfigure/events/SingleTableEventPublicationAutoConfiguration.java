package dev.singletable.autoconfigure.events;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.events.SingleTableEventPublicationRepository;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of Spring Modulith's event publication registry on the table,
 * when {@code spring-modulith-events-core} is on the class path: a {@link SingleTableEventPublicationRepository} on the
 * application's {@link SingleTableTemplate}, so that the publications of events published in a transaction of the
 * {@code SingleTableTransactionManager} are stored with its writes in one {@code TransactWriteItems}. Events are
 * stored with the application's {@link EventSerializer} (Spring Modulith's Jackson module gives one), else as JSON
 * by the template's mapper; {@code spring.modulith.events.completion-mode} ({@code update}, {@code delete},
 * {@code archive}) says what completing one does. Runs before Spring Modulith's own
 * {@code EventPublicationAutoConfiguration}, which builds the registry on it; backs off from an
 * {@link EventPublicationRepository} of the application (or of another Modulith store) and when
 * {@code singletable.events.publication-registry.enabled=false}. {@code singletable.events.publication-registry.shards}
 * spreads each status of the publications over that many keys of the type index (see capacity.md).
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class,
		beforeName = SingleTableEventPublicationAutoConfiguration.MODULITH_EVENTS_AUTO_CONFIGURATION)
@ConditionalOnClass({ EventPublicationRepository.class, SingleTableEventPublicationRepository.class })
@ConditionalOnSingleCandidate(SingleTableTemplate.class)
@ConditionalOnMissingBean(EventPublicationRepository.class)
@ConditionalOnBooleanProperty(name = SingleTableEventPublicationAutoConfiguration.ENABLED_PROPERTY,
		matchIfMissing = true)
public final class SingleTableEventPublicationAutoConfiguration {

	/** The property that switches the registry on the table off. */
	static final String ENABLED_PROPERTY = "singletable.events.publication-registry.enabled";

	/** The property that spreads each status of the publications over shards of the type index. */
	static final String SHARDS_PROPERTY = "singletable.events.publication-registry.shards";

	/** Spring Modulith's auto-configuration of the registry, which needs a repository. */
	static final String MODULITH_EVENTS_AUTO_CONFIGURATION = "org.springframework.modulith.events.config"
			+ ".EventPublicationAutoConfiguration";

	/**
	 * Creates the repository of event publications on the template's table.
	 */
	@Bean
	SingleTableEventPublicationRepository singleTableEventPublicationRepository(SingleTableTemplate template,
			ObjectProvider<EventSerializer> serializer, Environment environment) {
		CompletionMode mode = completionMode(environment);
		int shards = shards(environment);
		EventSerializer configured = serializer.getIfUnique();
		return (configured != null) ? new SingleTableEventPublicationRepository(template, configured, mode, shards)
				: new SingleTableEventPublicationRepository(template, mode, shards);
	}

	/**
	 * Reads how many shards each status of the publications is spread over; 1 (not spread) when it is not set.
	 * @throws IllegalStateException naming the property and the range when it is not a number from 1 to 24
	 */
	static int shards(Environment environment) {
		String value = environment.getProperty(SHARDS_PROPERTY);
		if (value == null || value.isBlank()) {
			return 1;
		}
		try {
			int shards = Integer.parseInt(value.trim());
			if (shards >= 1 && shards <= SingleTableEntity.MAX_TYPE_INDEX_SHARDS) {
				return shards;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		throw new IllegalStateException(SHARDS_PROPERTY + " is '" + value + "': set a number of shards from 1 (each "
				+ "status of the publications on one key of the type index) to " + SingleTableEntity.MAX_TYPE_INDEX_SHARDS);
	}

	/**
	 * Reads Spring Modulith's completion mode, in any case ({@code delete} or {@code DELETE}), as Spring Boot binds
	 * enums; {@code update} when it is not set.
	 * @throws IllegalStateException naming the property and the modes when it names none
	 */
	static CompletionMode completionMode(Environment environment) {
		String value = environment.getProperty(CompletionMode.PROPERTY);
		if (value == null || value.isBlank()) {
			return CompletionMode.UPDATE;
		}
		String name = value.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
		for (CompletionMode mode : CompletionMode.values()) {
			if (mode.name().equals(name)) {
				return mode;
			}
		}
		throw new IllegalStateException(CompletionMode.PROPERTY + " is '" + value + "', which names no completion "
				+ "mode: set update, delete or archive");
	}

}
