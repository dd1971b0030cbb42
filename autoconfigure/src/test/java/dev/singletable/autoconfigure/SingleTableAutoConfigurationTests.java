package dev.singletable.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import dev.singletable.autoconfigure.client.PropertiesSingleTableConnectionDetails;
import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.autoconfigure.invalid.Unversioned;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.TableSchemaException;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableAutoConfiguration} against the JVM's shared DynamoDB Local, each with a table of its
 * own. The endpoint is configured, so the embedded DynamoDB Local never starts here (see
 * {@code embedded.SingleTableEmbeddedAutoConfigurationTests}).
 */
class SingleTableAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty());

	@Test
	void providesEveryBeanByDefault() {
		String table = TestTables.uniqueName("defaults");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SingleTableProperties.class)
					.hasSingleBean(PropertiesSingleTableConnectionDetails.class)
					.hasSingleBean(DynamoDbClient.class)
					.hasSingleBean(SingleTableMappingContext.class)
					.hasSingleBean(MappingSingleTableConverter.class)
					.hasSingleBean(SingleTableSchema.class)
					.hasSingleBean(SingleTableSchemaInitializer.class)
					.hasSingleBean(SingleTableTemplate.class)
					.hasSingleBean(SingleTableOperations.class)
					.doesNotHaveBean(EmbeddedDynamoDbLocal.class)
					.doesNotHaveBean(JsonMapper.class);
				assertThat(context.getBean(SingleTableTemplate.class).getTableName()).isEqualTo(table);
				assertThat(context.getBean(SingleTableMappingContext.class).getPersistentEntity(Gadget.class))
					.isNotNull();
				assertThat(context.getBean(SingleTableSchemaInitializer.class).getMode())
					.isEqualTo(SingleTableProperties.TableCreation.CREATE_IF_MISSING);
			});
	}

	@Test
	void templateStoresAndReadsThroughTheAutoConfiguredClient() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("roundtrip"),
					"singletable.table.create=create-if-missing")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Gadget created = template.create(Gadget.of("lamp", "ada", "Desk lamp"));
				assertThat(template.findById(Gadget.class, created.id())).contains(created);
			});
	}

	@Test
	void clientOfALoopbackEndpointUsesUsEast1AndDummyCredentials() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("client"), "singletable.table.create=none")
			.run((context) -> {
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(DynamoDbLocal.endpoint());
				assertThat(client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join())
					.isEqualTo(AwsBasicCredentials.create("dummy", "dummy"));
			});
	}

	@Test
	void clientOfARemoteEndpointUsesTheRegionAndTheDefaultCredentialsChain() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
			.withPropertyValues("singletable.table-name=remote", "singletable.table.create=none",
					"singletable.endpoint=https://dynamodb.eu-west-1.amazonaws.com", "singletable.region=eu-west-1")
			.run((context) -> {
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
				assertThat(client.serviceClientConfiguration().credentialsProvider())
					.isNotInstanceOf(StaticCredentialsProvider.class);
			});
	}

	@Test
	void clientBuilderCustomizersAreApplied() {
		RequestCounter requests = new RequestCounter();
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("customized"),
					"singletable.table.create=create-if-missing")
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
					() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(requests)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(requests.calledOperations()).startsWith("DescribeTable", "CreateTable");
			});
	}

	@Test
	void backsOffFromAUserDynamoDbClient() {
		try (DynamoDbClient userClient = DynamoDbLocal.newClient()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
				.withBean("userClient", DynamoDbClient.class, () -> userClient)
				.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("user-client"),
						"singletable.table.create=create-if-missing")
				.run((context) -> {
					assertThat(context).hasSingleBean(DynamoDbClient.class).doesNotHaveBean(EmbeddedDynamoDbLocal.class);
					assertThat(context.getBean(SingleTableTemplate.class).getClient()).isSameAs(userClient);
				});
		}
	}

	@Test
	void backsOffFromUserConnectionDetails() {
		SingleTableConnectionDetails details = new SingleTableConnectionDetails() {

			@Override
			public URI getEndpoint() {
				return DynamoDbLocal.endpoint();
			}

			@Override
			public @Nullable String getRegion() {
				return "eu-central-1";
			}

		};
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
			.withBean(SingleTableConnectionDetails.class, () -> details)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("user-details"),
					"singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SingleTableConnectionDetails.class)
					.doesNotHaveBean(PropertiesSingleTableConnectionDetails.class)
					.doesNotHaveBean(EmbeddedDynamoDbLocal.class);
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
				assertThat(client.serviceClientConfiguration().endpointOverride()).contains(DynamoDbLocal.endpoint());
			});
	}

	@Test
	void backsOffFromUserMappingContextConverterSchemaInitializerAndTemplate() {
		String table = TestTables.uniqueName("user-beans");
		SingleTableMappingContext mappingContext = new SingleTableMappingContext();
		MappingSingleTableConverter converter = new MappingSingleTableConverter(mappingContext);
		SingleTableSchema schema = SingleTableSchema.standard(table);
		this.contextRunner.withPropertyValues("singletable.table-name=" + table)
			.withBean(SingleTableMappingContext.class, () -> mappingContext)
			.withBean(SingleTableConverter.class, () -> converter)
			.withBean(SingleTableSchema.class, () -> schema)
			.withBean(SingleTableSchemaInitializer.class,
					() -> new SingleTableSchemaInitializer(TestTables.client(), schema,
							SingleTableProperties.TableCreation.CREATE_IF_MISSING))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SingleTableMappingContext.class)).isSameAs(mappingContext);
				assertThat(context.getBean(SingleTableConverter.class)).isSameAs(converter);
				assertThat(context.getBean(SingleTableSchema.class)).isSameAs(schema);
				assertThat(context.getBean(SingleTableSchemaInitializer.class).getSchema()).isSameAs(schema);
				assertThat(context.getBean(SingleTableTemplate.class).getConverter()).isSameAs(converter);
				assertThat(TestTables.indexNames(table)).doesNotContain("by-owner");
			});
		SingleTableTemplate userTemplate = new SingleTableTemplate(TestTables.client(), table);
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.withBean("userTemplate", SingleTableOperations.class, () -> userTemplate)
			.run((context) -> assertThat(context).hasSingleBean(SingleTableOperations.class)
				.getBean(SingleTableOperations.class)
				.isSameAs(userTemplate));
	}

	@Test
	void configuresNothingWithoutTheAwsSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DynamoDbClient.class))
			.withPropertyValues("singletable.table-name=absent")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SingleTableProperties.class)
				.doesNotHaveBean(SingleTableConnectionDetails.class)
				.doesNotHaveBean(SingleTableMappingContext.class)
				.doesNotHaveBean(SingleTableTemplate.class)
				.doesNotHaveBean(EmbeddedDynamoDbLocal.class));
	}

	@Test
	void configuresNothingWithoutTheCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SingleTableTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SingleTableProperties.class)
				.doesNotHaveBean(DynamoDbClient.class));
	}

	@Test
	void appliesCompressionAndVersioningDefaultsToTheMappingContext() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=defaults", "singletable.table.create=none",
					"singletable.compression.enabled=true", "singletable.versioning.max-versions=3",
					"singletable.compression.level=9")
			.run((context) -> assertThat(context.getBean(SingleTableMappingContext.class).getDefaults())
				.isEqualTo(new MappingDefaults(true, 3, 9)));
	}

	@Test
	void compressionLevelDefaultsToTheCoresDefaultAndOutsideOneToNineFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("singletable.table-name=defaults", "singletable.table.create=none")
			.run((context) -> assertThat(
					context.getBean(SingleTableMappingContext.class).getDefaults().compressionLevel())
				.isEqualTo(MappingDefaults.DEFAULT_COMPRESSION_LEVEL));
		this.contextRunner
			.withPropertyValues("singletable.table-name=defaults", "singletable.table.create=none",
					"singletable.compression.level=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("singletable.compression.level must be a gzip level from 1"));
	}

	@Test
	void entityScanReplacesTheAutoConfigurationPackagesAndInvalidEntitiesFailStartup() {
		this.contextRunner.withUserConfiguration(InvalidEntityScan.class)
			.withPropertyValues("singletable.table-name=invalid", "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEntityDefinitionException.class)
					.hasMessageContaining(Unversioned.class.getName())
					.hasMessageContaining("@Version");
			});
	}

	@Test
	void aTtlAttributeThatAPropertyIsStoredUnderFailsStartup() {
		this.contextRunner.withUserConfiguration(InvalidTtlEntityScan.class)
			.withPropertyValues("singletable.table-name=invalid", "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEntityDefinitionException.class)
					.hasMessageContaining(dev.singletable.autoconfigure.invalidttl.Lease.class.getName())
					.hasMessageContaining("ttlAttribute 'ttl' is also where its property 'ttl' is stored");
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			singletable.table-name=t                    | singletable.table.create=bogus | properties under 'singletable.table.create' & for value [bogus]
			singletable.table-name=t                    | singletable.versioning.max-versions=-1 | singletable.versioning.max-versions must be 0 (keep every version) or more, but was -1
			singletable.table-name=t                    | singletable.endpoint=localhost:8000 | singletable.endpoint must be an absolute http or https URI
			singletable.table-name=t                    | singletable.cursor-secret=short | singletable.cursor-secret must have at least 16 characters, but has 5
			singletable.table-name=t                    | singletable.concurrency.max-requests=-1 | singletable.concurrency.max-requests must be 0 or more (0 or 1 sends requests one after another), but was -1
			singletable.table-name=t                    | singletable.embedded.port=70000 | singletable.embedded.port must be between 0 (a free port) and 65535, but was 70000
			'singletable.table-name= '                  | singletable.embedded.port=0 | singletable.table-name must be set to the name of the DynamoDB table
			singletable.compression.enabled=true        | singletable.embedded.port=0 | singletable.table-name must be set to the name of the DynamoDB table
			""")
	void invalidPropertiesFailStartupNamingThePropertyAndTheRule(String first, String second, String expected) {
		this.contextRunner.withPropertyValues(first, second).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(expected.split(" & "));
		});
	}

	@Test
	void acceptsACursorSecretAndConsistentReads() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("secret"),
					"singletable.table.create=create-if-missing", "singletable.cursor-secret=0123456789abcdef",
					"singletable.consistent-reads=true")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Gadget created = template.create(Gadget.of("pen", "bo", "Pen"));
				assertThat(template.findById(Gadget.class, created.id())).contains(created);
			});
	}

	@Test
	void configuresRequestConcurrencyAndStreamPrefetchAndStopsTheHelperThreadsWhenTheContextCloses() {
		String table = TestTables.uniqueName("concurrency");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				Object parallel = parallel(context.getBean(SingleTableTemplate.class));
				assertThat(ReflectionTestUtils.getField(parallel, "maxConcurrency")).isEqualTo(8);
				assertThat(ReflectionTestUtils.getField(parallel, "prefetch")).isEqualTo(true);
			});
		List<ThreadPoolExecutor> pools = new ArrayList<>();
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.concurrency.max-requests=3",
					"singletable.stream.prefetch=false")
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Object parallel = parallel(template);
				assertThat(ReflectionTestUtils.getField(parallel, "maxConcurrency")).isEqualTo(3);
				assertThat(ReflectionTestUtils.getField(parallel, "prefetch")).isEqualTo(false);
				List<Gadget> gadgets = new ArrayList<>();
				for (int i = 0; i < 120; i++) {
					gadgets.add(template.create(Gadget.of("g" + i, "bo", "Gadget " + i)));
				}
				assertThat(template.findAllById(Gadget.class, gadgets.stream().map(Gadget::id).toList()))
					.containsExactlyElementsOf(gadgets);
				pools.add((ThreadPoolExecutor) ReflectionTestUtils.getField(parallel, "pool"));
				assertThat(pools.get(0).isShutdown()).isFalse();
			});
		assertThat(pools).singleElement().satisfies((pool) -> assertThat(pool.isShutdown()).isTrue());
	}

	@Test
	void validateFailsNamingEveryMissingIndexOfAKeyOnlyTable() {
		String table = TestTables.uniqueName("key-only");
		TestTables.createKeyOnlyTable(table);
		this.contextRunner.withPropertyValues("singletable.table-name=" + table).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(TableSchemaException.class)
				.hasMessageContaining("Table '" + table + "'")
				.hasMessageContaining("index 'gsitype' is missing")
				.hasMessageContaining("index 'gsi3' is missing")
				.hasMessageContaining("index 'by-owner' is missing (HASH byownerpk, RANGE byownersk)");
		});
	}

	@Test
	void validateFailsNamingTheEntityIndexAStandardTableLacks() {
		String table = TestTables.uniqueName("standard");
		SingleTableSchema.standard(table).create(TestTables.client());
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=validate")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(TableSchemaException.class, (failure) -> assertThat(failure.getProblems())
						.singleElement()
						.asString()
						.contains("index 'by-owner' is missing"));
			});
	}

	@Test
	void validateFailsWhenTheTableIsMissing() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("missing"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("the table does not exist");
			});
	}

	@Test
	void validatePassesForAFittingTable() {
		String table = TestTables.uniqueName("fitting");
		SingleTableSchema.standard(table)
			.withIndexes(List.of(new dev.singletable.core.schema.TableIndex("by-owner", "byownerpk", "byownersk")))
			.create(TestTables.client());
		this.contextRunner.withPropertyValues("singletable.table-name=" + table)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SingleTableTemplate.class));
	}

	@Test
	void createIfMissingCreatesTheStandardTableAndTheEntityIndexes() {
		String table = TestTables.uniqueName("create");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(TestTables.indexNames(table)).containsExactlyInAnyOrder("gsitype", "gsi1", "gsi2", "gsi3",
						"by-owner");
			});
	}

	@Test
	void createIfMissingAddsMissingIndexesToAnExistingTable() {
		String table = TestTables.uniqueName("create-existing");
		TestTables.createKeyOnlyTable(table);
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(TestTables.indexNames(table)).containsExactlyInAnyOrder("gsitype", "gsi1", "gsi2", "gsi3",
						"by-owner");
			});
	}

	@Test
	void createIfMissingFailsWhenAnExistingTableHasTheWrongKeys() {
		String table = TestTables.uniqueName("wrong-keys");
		TestTables.client()
			.createTable((request) -> request.tableName(table)
				.billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
				.keySchema((key) -> key.attributeName("id").keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH))
				.attributeDefinitions((attribute) -> attribute.attributeName("id")
					.attributeType(software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S)));
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("the primary key must be pk (HASH, S) + sk (RANGE, S) but is HASH id");
			});
	}

	@Test
	void noneNeitherCreatesNorChecksTheTable() {
		String table = TestTables.uniqueName("none");
		this.contextRunner.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SingleTableTemplate.class);
				assertThat(TestTables.exists(table)).isFalse();
			});
	}

	@Test
	void storageMapperCustomizerNamesStoredAttributes() {
		String table = TestTables.uniqueName("snake");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.withBean(SingleTableJsonMapperBuilderCustomizer.class,
					() -> (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Gadget created = template.create(Gadget.of("kettle", "cy", "Blue kettle"));
				assertThat(storedItem(table)).containsKey("display_name").doesNotContainKey("displayName");
				assertThat(template.findById(Gadget.class, created.id())).contains(created);
			});
	}

	@Test
	void applicationJsonMapperDoesNotChangeStoredAttributes() {
		String table = TestTables.uniqueName("web-mapper");
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + table, "singletable.table.create=create-if-missing")
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
			.run((context) -> {
				context.getBean(SingleTableTemplate.class).create(Gadget.of("mug", "di", "Green mug"));
				assertThat(storedItem(table)).containsKey("displayName").doesNotContainKey("display_name");
			});
	}

	private static Map<String, AttributeValue> storedItem(String table) {
		List<Map<String, AttributeValue>> items = TestTables.client()
			.scan((request) -> request.tableName(table).consistentRead(true))
			.items();
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static String messages(@Nullable Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

	/**
	 * Scans the package of an invalid entity instead of the auto-configuration packages.
	 */
	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Unversioned.class)
	static class InvalidEntityScan {

	}

	/**
	 * Scans the package of an entity whose TTL attribute collides with a property.
	 */
	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = dev.singletable.autoconfigure.invalidttl.Lease.class)
	static class InvalidTtlEntityScan {

	}

	/** The template's parallel requests, inside the components it is a facade over. */
	private static Object parallel(SingleTableTemplate template) {
		Object parts = ReflectionTestUtils.getField(template, "parts");
		return ((dev.singletable.core.internal.template.TemplateComponents) parts).base().parallel();
	}

}
