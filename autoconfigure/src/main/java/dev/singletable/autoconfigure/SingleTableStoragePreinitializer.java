package dev.singletable.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.repository.query.parser.PartTree;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Starts, once per JVM and on a background thread, what the first storage converter and mapping context of a cold
 * JVM spend most of their time on: loading and linking Jackson's databind (its {@code java.time} support included),
 * Spring Data's mapping infrastructure and its query method parser, by mapping, writing and reading a throwaway
 * entity and parsing a query method name of it. The main thread is meanwhile creating the beans before them (the
 * {@code DynamoDbClient} above all), so that creating the mapping context, the converter and the repositories later
 * finds those classes loaded: the application is ready sooner, for about the same CPU. Nothing of it is kept, and a
 * failure is only logged at debug level: the beans do their own work, and their own checks, whatever happened here.
 * <p>
 * A bean factory post-processor ordered first, so that it starts right after the configuration classes are parsed.
 * Like Spring Boot's background pre-initialization, it does nothing in a native image, on a single processor, or with
 * the system property {@value #IGNORE_PROPERTY} set to {@code true}.
 */
final class SingleTableStoragePreinitializer implements BeanFactoryPostProcessor, PriorityOrdered {

	/** The system property of Spring Boot that switches background pre-initialization off, honoured here too. */
	static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private static final Log logger = LogFactory.getLog(SingleTableStoragePreinitializer.class);

	private static final AtomicBoolean started = new AtomicBoolean();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (isEnabled() && started.compareAndSet(false, true)) {
			Thread thread = new Thread(SingleTableStoragePreinitializer::preinitialize, "singletable-preinit");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private static boolean isEnabled() {
		return !NativeDetector.inNativeImage() && !Boolean.getBoolean(IGNORE_PROPERTY)
				&& Runtime.getRuntime().availableProcessors() > 1;
	}

	/**
	 * Maps, writes and reads back a throwaway entity with a new mapping context and converter.
	 * @return the entity read back, or {@literal null} when something failed
	 */
	static @Nullable Object preinitialize() {
		try {
			SingleTableMappingContext mappingContext = new SingleTableMappingContext();
			mappingContext.setInitialEntitySet(Set.of(Throwaway.class));
			mappingContext.initialize();
			MappingSingleTableConverter converter = new MappingSingleTableConverter(mappingContext,
					StorageJsonMapper.builder().build());
			Map<String, AttributeValue> body = converter.writeBody(Throwaway.SAMPLE, Throwaway.SAMPLE.createdAt(),
					Throwaway.SAMPLE.updatedAt());
			// the parser of derived query methods, which the repositories use next
			new PartTree("findByNameOrderByCreatedAtDesc", Throwaway.class);
			return converter.read(Throwaway.class, body);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Background pre-initialization of the storage mapping failed; it is done on first use", ex);
			return null;
		}
	}

	/**
	 * The entity mapped by {@link #preinitialize()}: never stored.
	 *
	 * @param id the identifier
	 * @param version the version
	 * @param createdAt the creation time
	 * @param updatedAt the last modification time
	 * @param name a string
	 * @param tags a list
	 * @param counts a map
	 */
	@SingleTableEntity(prefix = "SingletablePreinit", versioned = true)
	record Throwaway(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String name, List<String> tags, Map<String, Integer> counts) {

		/** The value written and read back. */
		static final Throwaway SAMPLE = new Throwaway("id", 1L, Instant.parse("2026-01-02T03:04:05.123456Z"),
				Instant.parse("2026-01-02T03:04:06.654321Z"), "name", List.of("a"), Map.of("k", 1));

	}

}
