package dev.singletable.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.SingleTableProperties.TableCreation;
import dev.singletable.autoconfigure.aot.SingleTableEntityTypes;
import dev.singletable.autoconfigure.client.ClientSettings;
import dev.singletable.autoconfigure.client.PropertiesSingleTableConnectionDetails;
import dev.singletable.autoconfigure.definitions.EarlyCheckedEntityTypes;
import dev.singletable.autoconfigure.definitions.EarlyMappingContext;
import dev.singletable.autoconfigure.definitions.KotlinEntitiesCheck;
import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocalConfiguration;
import dev.singletable.autoconfigure.events.ChangeEventsLibraryCheck;
import dev.singletable.autoconfigure.embedded.EmbeddedSingleTableConnectionDetails;
import dev.singletable.autoconfigure.properties.SingleTablePropertyNamesCheck;
import dev.singletable.autoconfigure.transaction.TemplateTransactionManagers;
import dev.singletable.autoconfigure.transaction.TransactionManagerNamesCheck;
import dev.singletable.autoconfigure.transaction.TransactionManagerSwitchesCheck;
import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of single-table DynamoDB storage: a {@link DynamoDbClient}
 * (unless the application defines one), the mapping context of the {@link SingleTableEntity @SingleTableEntity}
 * types in the application's packages (or, in an application processed ahead of time, those found then), the
 * storage converter, the table's {@link SingleTableDatabaseFactory}, the {@link SingleTableTemplate} built on it (with
 * the application's unique {@code AuditorAware} and its {@link AuditMetadataProvider}s, for audit rows; its
 * {@code transaction(..)} runs through the application's {@code SingleTableTransactionManager} of its factory) and
 * the table setup at startup. The storage converter's mapper registers Jackson's Kotlin module when it is on the
 * classpath; without it, a Kotlin entity type fails startup naming the module ({@link KotlinEntitiesCheck}).
 * Without a configured endpoint or region, and with DynamoDB Local on the classpath, an
 * {@link EmbeddedDynamoDbLocal embedded DynamoDB Local} is started. Every bean backs off when the application
 * defines its own.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@ConditionalOnClass({ DynamoDbClient.class, SingleTableTemplate.class })
@EnableConfigurationProperties(SingleTableProperties.class)
@Import({ EmbeddedDynamoDbLocalConfiguration.class, ChangeEventsLibraryCheck.class, KotlinEntitiesCheck.class })
public final class SingleTableAutoConfiguration {

	/** The property that switches change events on, whose stream the table then has. */
	private static final String CHANGES_PROPERTY = "singletable.changes.enabled";

	@Bean
	static SingleTablePropertyNamesCheck singleTablePropertyNamesCheck() {
		// A bean factory post-processor: a mistyped property fails startup before anything else is created
		return new SingleTablePropertyNamesCheck();
	}

	@Bean
	@Conditional(TransactionSwitchNotOn.class)
	static TransactionManagerSwitchesCheck singleTableTransactionManagerSwitchesCheck() {
		// @Transactional methods whose singletable manager a property switched off: start-up fails naming both. With
		// both switches on the check has nothing to check, so it is not defined: a bean less at every start
		return new TransactionManagerSwitchesCheck();
	}

	@Bean
	static TransactionManagerNamesCheck singleTableTransactionManagerNamesCheck() {
		// @Transactional("name") of the application's singletable beans: a missing manager fails startup
		return new TransactionManagerNamesCheck();
	}

	@Bean
	static TemplateTransactionManagers singleTableTemplateTransactionManagers() {
		// template.transaction(..) runs through the application's manager of the template's database factory
		return new TemplateTransactionManagers();
	}

	@Bean
	@ConditionalOnMissingBean(SingleTableConnectionDetails.class)
	PropertiesSingleTableConnectionDetails singleTableConnectionDetails(SingleTableProperties properties) {
		return new PropertiesSingleTableConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbClient dynamoDbClient(SingleTableConnectionDetails connectionDetails,
			ObjectProvider<SingleTableDynamoDbClientBuilderCustomizer> customizers) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder();
		ClientSettings.apply(builder, connectionDetails);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SingleTableMappingContext singleTableMappingContext(ApplicationContext applicationContext,
			SingleTableProperties properties, ObjectProvider<SingleTableEntityTypes> processedAheadOfTime,
			ObjectProvider<EarlyMappingContext> checkedEarly) throws ClassNotFoundException {
		MappingDefaults defaults = new MappingDefaults(properties.compression().enabled(),
				properties.versioning().maxVersions(), properties.compression().level());
		// A JVM application's early definitions check scanned and mapped the same packages' entity types already
		SingleTableMappingContext early = earlyMappingContext(applicationContext, defaults, checkedEarly);
		if (early != null) {
			return early;
		}
		SingleTableMappingContext mappingContext = new SingleTableMappingContext(defaults);
		// An application processed ahead of time knows its entity types: no classpath scan at startup
		SingleTableEntityTypes known = processedAheadOfTime.getIfAvailable();
		Set<Class<?>> entityTypes = (known != null) ? known.resolve(applicationContext.getClassLoader())
				: scanEntities(applicationContext);
		// A Kotlin entity type without Jackson's Kotlin module fails startup naming the module, before it is mapped
		KotlinEntitiesCheck.checkEntityTypes(entityTypes, applicationContext.getClassLoader());
		mappingContext.setInitialEntitySet(entityTypes);
		// Invalid entity types fail startup here rather than on first use
		mappingContext.initialize();
		return mappingContext;
	}

	/**
	 * The early definitions check's mapping context when the entity scan below would scan exactly the packages it
	 * scanned (no {@link EntityScan @EntityScan}, the same auto-configuration packages) with the same defaults.
	 */
	private static @Nullable SingleTableMappingContext earlyMappingContext(ApplicationContext applicationContext,
			MappingDefaults defaults, ObjectProvider<EarlyMappingContext> checkedEarly) {
		EarlyMappingContext early = checkedEarly.getIfAvailable();
		if (early == null || !EntityScanPackages.get(applicationContext).getPackageNames().isEmpty()
				|| !AutoConfigurationPackages.has(applicationContext)) {
			return null;
		}
		return early.reusableFor(AutoConfigurationPackages.get(applicationContext), defaults);
	}

	/**
	 * Finds the {@link SingleTableEntity @SingleTableEntity} types in the packages of {@link EntityScan @EntityScan}
	 * or, without it, in the {@link AutoConfigurationPackages auto-configuration packages}.
	 */
	private static Set<Class<?>> scanEntities(ApplicationContext applicationContext)
			throws ClassNotFoundException {
		return new EntityScanner(applicationContext) {

			@Override
			protected ClassPathScanningCandidateComponentProvider createClassPathScanningCandidateComponentProvider(
					ApplicationContext context) {
				ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(
						false, context.getEnvironment()) {

					@Override
					protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
						// the root of a hierarchy is a sealed interface or an abstract class
						return definition.getMetadata().isIndependent();
					}

				};
				provider.setResourceLoader(context);
				return provider;
			}

		}.scan(SingleTableEntity.class);
	}

	@Bean
	@ConditionalOnMissingBean(SingleTableConverter.class)
	MappingSingleTableConverter singleTableConverter(SingleTableMappingContext mappingContext,
			ObjectProvider<SingleTableJsonMapperBuilderCustomizer> customizers,
			ObjectProvider<EarlyCheckedEntityTypes> earlyChecked) {
		List<SingleTableJsonMapperBuilderCustomizer> ordered = customizers.orderedStream().toList();
		// The storage mapper is built here and never exposed as a bean, so the web layer cannot pick it up
		Supplier<JsonMapper> storageMapper = new StorageMapper(ordered);
		// Processed ahead of time, the build checked the entity types (process-aot ran the early definitions check);
		// in a JVM application, the early definitions check checked them all on the default mapper without Jackson
		// (records without Jackson annotations), which no customizer changes. Either way Jackson's classes are loaded
		// at the first read or write instead of before the application is ready
		return (AotDetector.useGeneratedArtifacts() || (ordered.isEmpty() && checkedEarly(mappingContext, earlyChecked)))
				? new MappingSingleTableConverter(mappingContext, storageMapper)
				: new MappingSingleTableConverter(mappingContext, storageMapper.get());
	}

	/**
	 * Builds the storage mapper with the application's customizers. A class rather than a lambda: a lambda's method
	 * would be one of this configuration's, whose signature (returning the mapper) Spring's introspection of the
	 * configuration's methods resolves, loading Jackson's classes before the application is ready.
	 */
	private static final class StorageMapper implements Supplier<JsonMapper> {

		private final List<SingleTableJsonMapperBuilderCustomizer> customizers;

		StorageMapper(List<SingleTableJsonMapperBuilderCustomizer> customizers) {
			this.customizers = customizers;
		}

		@Override
		public JsonMapper get() {
			JsonMapper.Builder builder = StorageJsonMapper.builder();
			for (SingleTableJsonMapperBuilderCustomizer customizer : this.customizers) {
				customizer.customize(builder);
			}
			return builder.build();
		}

	}

	private static boolean checkedEarly(SingleTableMappingContext mappingContext,
			ObjectProvider<EarlyCheckedEntityTypes> earlyChecked) {
		EarlyCheckedEntityTypes checked = earlyChecked.getIfAvailable();
		if (checked == null) {
			return false;
		}
		List<Class<?>> types = new ArrayList<>();
		mappingContext.getPersistentEntities().forEach((entity) -> types.add(entity.getType()));
		return checked.covers(types);
	}

	@Bean
	@ConditionalOnMissingBean
	SingleTableSchema singleTableSchema(SingleTableProperties properties, SingleTableMappingContext mappingContext,
			Environment environment) {
		SingleTableSchema schema = SingleTableSchema.standard(properties.tableName())
			.withEntityIndexes(mappingContext.getPersistentEntities());
		// change events read the table's stream: create, enable and validate it with the table
		return environment.getProperty(CHANGES_PROPERTY, Boolean.class, false) ? schema.withChangeStream() : schema;
	}

	@Bean
	@ConditionalOnMissingBean
	SingleTableSchemaInitializer singleTableSchemaInitializer(DynamoDbClient client, SingleTableSchema schema,
			SingleTableProperties properties, SingleTableConnectionDetails connectionDetails) {
		// An embedded DynamoDB Local starts empty: its table is always created, and it has announced itself
		boolean embedded = connectionDetails instanceof EmbeddedSingleTableConnectionDetails;
		TableCreation mode = embedded ? TableCreation.CREATE_IF_MISSING : properties.table().create();
		return new SingleTableSchemaInitializer(client, schema, mode, embedded);
	}

	@Bean
	@ConditionalOnMissingBean
	SingleTableDatabaseFactory singleTableDatabaseFactory(DynamoDbClient client, SingleTableProperties properties) {
		return SingleTableDatabaseFactory.create(client, properties.tableName());
	}

	@Bean
	@ConditionalOnMissingBean(SingleTableOperations.class)
	SingleTableTemplate singleTableTemplate(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter,
			SingleTableProperties properties, ObjectProvider<SingleTableSchemaInitializer> initializers,
			ObjectProvider<AuditorAware<?>> auditors, ObjectProvider<AuditMetadataProvider> auditMetadata,
			ObjectProvider<SingleTableTemplateCustomizer> customizers) {
		// resolving the initializers prepares the table, so it is ready before anything can use the template
		initializers.orderedStream().toList();
		SingleTableTemplate template = new SingleTableTemplate(databaseFactory, converter);
		// the settings both templates take, mapped once
		TemplateSettings.of(properties, auditors, auditMetadata).applyTo(TemplateSettings.Target.of(template));
		template.setMaxConcurrentRequests(properties.concurrency().maxRequests());
		template.setStreamPrefetch(properties.stream().prefetch());
		for (SingleTableTemplateCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(template);
		}
		return template;
	}

	/**
	 * Whether {@code singletable.transaction.enabled} or {@code singletable.transaction.reactive.enabled} is anything
	 * but on, read as {@link TransactionManagerSwitchesCheck} reads them (a missing property is on); a value that is not
	 * a boolean matches, so that the check still fails the start on it.
	 */
	static final class TransactionSwitchNotOn implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			return !on(environment, "singletable.transaction.enabled")
					|| !on(environment, "singletable.transaction.reactive.enabled");
		}

		private static boolean on(Environment environment, String property) {
			try {
				return environment.getProperty(property, Boolean.class, true);
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

}
