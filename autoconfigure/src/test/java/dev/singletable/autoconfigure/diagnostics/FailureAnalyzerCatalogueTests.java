package dev.singletable.autoconfigure.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import dev.singletable.autoconfigure.reactivetx.BookPackage;
import dev.singletable.autoconfigure.reactivetx.Shelves;
import dev.singletable.autoconfigure.transaction.SingleTableReactiveTransactionManagerAutoConfiguration;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.badcollection.Customer;
import dev.singletable.autoconfigure.badcollection.CustomerViewRepository;
import dev.singletable.autoconfigure.badquery.LikeWidgetRepository;
import dev.singletable.autoconfigure.blobfixtures.ManualPackage;
import dev.singletable.autoconfigure.catalogue.flux.FluxWidgetRepository;
import dev.singletable.autoconfigure.catalogue.publisherarg.PublisherArgumentWidgetRepository;
import dev.singletable.autoconfigure.catalogue.reactivelist.ReactiveListWidgetRepository;
import dev.singletable.autoconfigure.data.SingleTableReactiveRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.autoconfigure.invalid.Unversioned;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigration;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.EnableSingleTableRepositories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failure screens, one case (or more) per failure analyzer that {@code META-INF/spring.factories} registers: the
 * failure is the one the library really raises (a context that fails to start, or the library's own code path), the
 * analysis is the one Spring Boot would print (the first of every registered analyzer, in their order), and its
 * description and action must name the cause and the fix. An analyzer registered without a case fails
 * {@link #everyRegisteredAnalyzerHasACase()}: add one to {@link #cases()} — an analyzer, a failure, the environment
 * Boot would pass, and what the description and the action must say.
 */
class FailureAnalyzerCatalogueTests {

	private static final String FAILURE_ANALYZER = FailureAnalyzer.class.getName();

	private static final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class);

	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();
		String table = TestTables.uniqueName("catalogue");
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.TableSchemaFailureAnalyzer",
				"a table without the indexes (validate)", () -> {
					TestTables.createKeyOnlyTable(table);
					return startFailure(runner.withPropertyValues("singletable.table-name=" + table,
							"singletable.table.create=validate", TestTables.endpointProperty()));
				}, environment("singletable.table.create", "validate"),
				List.of("The DynamoDB table '" + table + "' does not fit", "index 'gsitype' is missing"),
				List.of("singletable.table.create=create-if-missing", "adds the missing indexes to an existing table",
						"reindex migration", "singletable.table.create=none")));
		String endpoint = "http://dynamodb-local.example:8000";
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.EndpointWithoutRegionFailureAnalyzer",
				"an endpoint on another host without a region",
				() -> withoutAwsSettings(() -> startFailure(runner.withPropertyValues("singletable.table-name=t",
						"singletable.endpoint=" + endpoint))),
				environment("singletable.endpoint", endpoint),
				List.of("singletable.endpoint is " + endpoint, "no region is set"),
				List.of("Set singletable.region", "AWS_REGION")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.NoDynamoDbConfiguredFailureAnalyzer",
				"neither endpoint nor region, embedded DynamoDB Local switched off",
				() -> withoutAwsSettings(() -> startFailure(runner.withPropertyValues("singletable.table-name=t",
						"singletable.embedded.enabled=false"))),
				new MockEnvironment(),
				List.of("No DynamoDB is configured", "singletable.endpoint and singletable.region are not set",
						"singletable.embedded.enabled=false"),
				List.of("set singletable.endpoint", "set singletable.region", "define a DynamoDbClient bean",
						"remove singletable.embedded.enabled=false")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.AwsCredentialsFailureAnalyzer",
				"a region of AWS without credentials",
				() -> withoutAwsSettings(() -> startFailure(runner.withPropertyValues("singletable.table-name=t",
						"singletable.region=eu-west-1"))),
				environment("singletable.region", "eu-west-1"), List.of("found no AWS credentials"),
				List.of("AWS_ACCESS_KEY_ID", "~/.aws/credentials", "singletable.endpoint")));
		int closedPort = closedPort();
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.DynamoDbUnreachableFailureAnalyzer",
				"an endpoint where nothing listens",
				() -> startFailure(runner.withPropertyValues("singletable.table-name=t",
						"singletable.endpoint=http://127.0.0.1:" + closedPort, "singletable.region=us-east-1")),
				environment("singletable.endpoint", "http://127.0.0.1:" + closedPort),
				List.of("DynamoDB could not be reached at singletable.endpoint=http://127.0.0.1:" + closedPort),
				List.of("start it and check singletable.endpoint", "remove singletable.endpoint")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.EmbeddedDynamoDbLocalFailureAnalyzer",
				"the embedded DynamoDB Local's port taken", () -> {
					try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
						return startFailure(runner.withPropertyValues("singletable.table-name=taken",
								"singletable.embedded.port=" + taken.getLocalPort()));
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				}, new MockEnvironment(), List.of("could not listen on port", "(singletable.embedded.port)"),
				List.of("Stop the process that listens on port", "singletable.embedded.port=0")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.InvalidEntityDefinitionFailureAnalyzer",
				"an entity that cannot be stored as declared",
				() -> startFailure(runner.withUserConfiguration(InvalidEntityScan.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("invalid"),
							TestTables.endpointProperty())),
				new MockEnvironment(), List.of("The entity type " + Unversioned.class.getName() + " cannot be stored"),
				List.of("Change " + Unversioned.class.getName(), "@SingleTableEntity",
						"packages scanned for entities")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer",
				"a derived method no index covers",
				() -> startFailure(runner.withConfiguration(
						AutoConfigurations.of(SingleTableRepositoriesAutoConfiguration.class))
					.withUserConfiguration(LikeRepository.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("badquery"),
							"singletable.table.create=create-if-missing", TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("cannot be mapped onto a DynamoDB key condition", "LikeWidgetRepository.findByColorLike"),
				List.of("@IndexKey", "@AllowFiltering", "@IndexQuery")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer",
				"a collection query over types sharing no partition template",
				() -> startFailure(runner.withConfiguration(
						AutoConfigurations.of(SingleTableRepositoriesAutoConfiguration.class))
					.withUserConfiguration(MismatchedCollection.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("badcollection"),
							"singletable.table.create=create-if-missing", TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("A @CollectionQuery method cannot be created", "CustomerViewRepository.findView"),
				List.of("the same partition key template", "list only types that share it")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer",
				"a reactive repository method returning a List",
				() -> startFailure(runner.withConfiguration(AutoConfigurations.of(
						SingleTableReactiveAutoConfiguration.class, SingleTableReactiveRepositoriesAutoConfiguration.class))
					.withUserConfiguration(ReactiveListRepository.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactivelist"),
							"singletable.table.create=create-if-missing", TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("returns a type its repository cannot return", "ReactiveListWidgetRepository.findByColor",
						"returns a Mono or a Flux, not List", "Flux<T>", "Mono<Page<T>>", "collectList()"),
				List.of("one of the return types the description lists", "ReactiveSingleTableRepository",
						"SingleTableRepository")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer",
				"a blocking repository method returning a Flux",
				() -> startFailure(runner.withConfiguration(
						AutoConfigurations.of(SingleTableRepositoriesAutoConfiguration.class))
					.withUserConfiguration(FluxRepository.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("fluxrepo"),
							"singletable.table.create=create-if-missing", TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("returns a type its repository cannot return", "FluxWidgetRepository.findByColor",
						"not a Flux", "List<T>", "ReactiveSingleTableRepository"),
				List.of("one of the return types the description lists", "ReactiveSingleTableRepository")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer",
				"a reactive repository method taking a Mono argument",
				() -> startFailure(runner.withConfiguration(AutoConfigurations.of(
						SingleTableReactiveAutoConfiguration.class, SingleTableReactiveRepositoriesAutoConfiguration.class))
					.withUserConfiguration(PublisherArgumentRepository.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("publisherarg"),
							"singletable.table.create=create-if-missing", TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("takes parameters its query cannot use", "PublisherArgumentWidgetRepository.findByColor",
						"values, not a Mono"),
				List.of("Change the method's parameters")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.MissingBlobStorageFailureAnalyzer",
				"a @BlobField without a bucket",
				() -> startFailure(runner.withUserConfiguration(ManualPackage.class)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("noblobs"),
							"singletable.table.create=none", TestTables.endpointProperty())),
				new MockEnvironment(), List.of("stores its property 'text' in S3", "singletable.blobs.bucket is not set"),
				List.of("Set singletable.blobs.bucket", "remove @BlobField")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.UnknownSingleTablePropertyFailureAnalyzer",
				"mistyped property names",
				() -> startFailure(runner.withPropertyValues("singletable.table-name=t",
						"singletable.versioning.max-version=5", "singletable.embeded.port=0",
						TestTables.endpointProperty())),
				new MockEnvironment(), List.of("singletable.versioning.max-version", "singletable.embeded.port"),
				List.of("singletable.versioning.max-version -> singletable.versioning.max-versions",
						"singletable.embeded.port -> singletable.embedded.port", "docs/reference/configuration.md")));
		cases.add(new Case("dev.singletable.autoconfigure.evolution.MigrationFailedFailureAnalyzer",
				"an applied migration declared differently", FailureAnalyzerCatalogueTests::changedMigration,
				new MockEnvironment(),
				List.of("Migration 1 was applied to the table with checksum ", "now declares it differently",
						"'seed the shelves'", "'seed every shelf'"),
				List.of("restore its description and steps as applied", "a new migration with a version higher",
						"delete the migration's record", "version 1")));
		cases.add(new Case("dev.singletable.autoconfigure.evolution.MigrationFailedFailureAnalyzer",
				"a migration step that fails", FailureAnalyzerCatalogueTests::failedMigrationStep, new MockEnvironment(),
				List.of("could not be applied", "failed at step 1 of 1 (run load)", "no shelves file"),
				List.of("Fix what the message names", "resumes from its checkpoints",
						"singletable.migrations.enabled=false")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.ReactiveMethodInBlockingTransactionFailureAnalyzer",
				"a blocking @Transactional method returning Mono over a reactive repository",
				() -> startFailure(new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
							SingleTableAutoConfiguration.class, SingleTableReactiveAutoConfiguration.class,
							SingleTableRepositoriesAutoConfiguration.class,
							SingleTableReactiveRepositoriesAutoConfiguration.class,
							SingleTableTransactionManagerAutoConfiguration.class,
							SingleTableReactiveTransactionManagerAutoConfiguration.class,
							TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
					.withUserConfiguration(BookPackage.class)
					.withBean("shelves", Shelves.class)
					.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
							"singletable.table-name=" + TestTables.uniqueName("catalogue-rtx"))),
				new MockEnvironment(),
				List.of("bean 'shelves'", "moveThenFail(Book) returns Mono",
						"blocking transaction manager 'singleTableTransactionManager'",
						"commits it before anything subscribes"),
				List.of("@ReactiveSingleTableTransactional on Shelves.moveThenFail(..)",
						"@Transactional(\"reactiveSingleTableTransactionManager\")")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.TransactionManagerDisabledFailureAnalyzer",
				"a plain @Transactional method with singletable.transaction.enabled=false and no other manager",
				() -> startFailure(new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
							SingleTableAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
							TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
					.withUserConfiguration(BookPackage.class)
					.withBean("ledger", Ledger.class)
					.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
							"singletable.table-name=" + TestTables.uniqueName("catalogue-txoff"),
							"singletable.transaction.enabled=false")),
				new MockEnvironment(),
				List.of("would run without a transaction", "bean 'ledger'", "post(String) returns void",
						"singletable.transaction.enabled=false switched singletable's off"),
				List.of("Remove singletable.transaction.enabled=false", "@Transactional(\"name\")")));
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.NoDynamoDbConfiguredFailureAnalyzer",
				"the reactive API's DynamoDbAsyncClient without a region", () -> new BeanCreationException(
						"reactiveSingleTableTemplate", "Error creating bean",
						new BeanCreationException(
								"class path resource [dev/singletable/autoconfigure/SingleTableReactiveAutoConfiguration.class]",
								"dynamoDbAsyncClient", "Failed to instantiate",
								SdkClientException.create(NoDynamoDbConfiguredFailureAnalyzer.NO_REGION
										+ " from any of the providers in the chain"))),
				new MockEnvironment(),
				List.of("The reactive API's DynamoDbAsyncClient could not be built",
						"singletable.endpoint and singletable.region are not set"),
				List.of("set singletable.endpoint", "set singletable.region", "define a DynamoDbClient bean",
						"DynamoDbAsyncClient bean")));
		FilteredClassLoader withoutKcl = new FilteredClassLoader("com.amazonaws.services.dynamodbv2.streamsadapter.",
				"software.amazon.kinesis.");
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.MissingLibraryFailureAnalyzer",
				"change events on without the KCL",
				() -> startFailure(runner.withClassLoader(withoutKcl)
					.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("nokcl"),
							"singletable.changes.enabled=true", "singletable.table.create=none",
							TestTables.endpointProperty())),
				new MockEnvironment(),
				List.of("singletable.changes.enabled=true", "com.amazonaws:dynamodb-streams-kinesis-adapter",
						"not on the class path"),
				List.of("Add dev.singletable:singletable-spring-boot-starter-events")));
		FilteredClassLoader withoutNetty = new FilteredClassLoader("software.amazon.awssdk.http.nio.netty.");
		cases.add(new Case("dev.singletable.autoconfigure.diagnostics.ReactiveApiUnavailableFailureAnalyzer",
				"a reactive repository without the SDK's Netty client",
				() -> startFailure(new ApplicationContextRunner()
					.withClassLoader(withoutNetty)
					.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
							SingleTableReactiveAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
							SingleTableReactiveRepositoriesAutoConfiguration.class))
					.withUserConfiguration(BookPackage.class)
					.withBean("shelves", Shelves.class)
					.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
							"singletable.table-name=" + TestTables.uniqueName("catalogue-nonetty"))),
				new MockEnvironment(),
				List.of("reactive API", "software.amazon.awssdk:netty-nio-client", "not on the class path"),
				List.of("Add dev.singletable:singletable-spring-boot-starter-reactive", "DynamoDbAsyncClient bean"),
				withoutNetty));
		return cases.stream();
	}

	@Test
	void everyRegisteredAnalyzerHasACase() throws IOException {
		Set<String> covered = new LinkedHashSet<>(cases().map(Case::analyzer).toList());
		assertThat(registeredAnalyzers()).as("failure analyzers of this module in META-INF/spring.factories")
			.isNotEmpty()
			.allSatisfy((analyzer) -> assertThat(covered).as("a catalogue case for %s", analyzer).contains(analyzer));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void eachFailureIsExplainedByItsAnalyzerNamingTheCauseAndTheFix(Case screen) {
		Throwable failure = screen.failure().get();
		assertThat(failure).as("the failure of %s", screen).isNotNull();
		AtomicReference<String> analyzedBy = new AtomicReference<>();
		// a case of a missing library: the application's class loader (the thread's) lacks it
		Thread thread = Thread.currentThread();
		ClassLoader applications = thread.getContextClassLoader();
		FailureAnalysis analysis;
		try {
			if (screen.classLoader() != null) {
				thread.setContextClassLoader(screen.classLoader());
			}
			analysis = analyze(failure, screen.environment(), analyzedBy);
		}
		finally {
			thread.setContextClassLoader(applications);
		}
		assertThat(analysis).as("an analysis of %s", failure).isNotNull();
		assertThat(analyzedBy.get()).as("the analyzer Boot picks for %s", failure).isEqualTo(screen.analyzer());
		assertThat(analysis.getDescription()).as("description").contains(screen.description());
		assertThat(analysis.getAction()).as("action").contains(screen.action());
	}

	/**
	 * The analysis Spring Boot prints: that of the first registered analyzer, in their order, that analyzes the
	 * failure (those needing a bean factory are left out, as when the context did not start).
	 */
	private static @Nullable FailureAnalysis analyze(Throwable failure, Environment environment,
			AtomicReference<String> analyzedBy) {
		List<FailureAnalyzer> analyzers = new ArrayList<>(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment),
					FailureHandler.handleMessage((message, ex) -> {
					})));
		AnnotationAwareOrderComparator.sort(analyzers);
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				analyzedBy.set(analyzer.getClass().getName());
				return analysis;
			}
		}
		return null;
	}

	/** The analyzers this module registers, read from its {@code META-INF/spring.factories}. */
	private static List<String> registeredAnalyzers() throws IOException {
		List<String> names = new ArrayList<>();
		for (URL resource : Collections.list(FailureAnalyzerCatalogueTests.class.getClassLoader()
			.getResources("META-INF/spring.factories"))) {
			Properties factories = new Properties();
			try (InputStream in = resource.openStream()) {
				factories.load(in);
			}
			for (String name : factories.getProperty(FAILURE_ANALYZER, "").split(",")) {
				if (name.trim().startsWith("dev.singletable.autoconfigure.")) {
					names.add(name.trim());
				}
			}
		}
		return names;
	}

	private static Throwable startFailure(ApplicationContextRunner runner) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		runner.run((context) -> failure.set(context.getStartupFailure()));
		return failure.get();
	}

	private static Throwable withoutAwsSettings(Supplier<Throwable> start) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		SingleTableFailureAnalyzersTests.withoutAwsSettings(() -> failure.set(start.get()));
		return failure.get();
	}

	private static Environment environment(String name, String value) {
		return new MockEnvironment().withProperty(name, value);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Applies migration 1, then declares it with another description: the next run refuses to start. */
	private static Throwable changedMigration() {
		SingleTableBackfills backfills = backfills();
		new SingleTableMigrations(backfills,
				List.of(SingleTableMigration.version("1").description("seed the shelves").run("seed", (b) -> {
				}).build()))
			.migrate();
		SingleTableMigrations changed = new SingleTableMigrations(backfills,
				List.of(SingleTableMigration.version("1").description("seed every shelf").run("seed", (b) -> {
				}).build()));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		assertThatThrownBy(changed::migrate).satisfies(failure::set);
		return failure.get();
	}

	private static Throwable failedMigrationStep() {
		SingleTableMigrations failing = new SingleTableMigrations(backfills(),
				List.of(SingleTableMigration.version("1").description("load the shelves").run("load", (b) -> {
					throw new IOException("no shelves file");
				}).build()));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		assertThatThrownBy(failing::migrate).satisfies(failure::set);
		return failure.get();
	}

	private static SingleTableBackfills backfills() {
		String table = TestTables.uniqueName("migrations");
		SingleTableSchema.standard(table).createIfMissing(TestTables.client());
		return new SingleTableBackfills(new SingleTableTemplate(TestTables.client(), table));
	}

	/**
	 * One failure screen.
	 *
	 * @param analyzer the class name of the analyzer that must explain the failure
	 * @param title what fails, naming the case
	 * @param failure the failure as the library raises it
	 * @param environment the environment Boot would pass to the analyzers
	 * @param description what the description must say (the cause)
	 * @param action what the action must say (the fix)
	 */
	record Case(String analyzer, String title, Supplier<Throwable> failure, Environment environment,
			List<String> description, List<String> action, @Nullable ClassLoader classLoader) {

		Case(String analyzer, String title, Supplier<Throwable> failure, Environment environment,
				List<String> description, List<String> action) {
			this(analyzer, title, failure, environment, description, action, null);
		}

		@Override
		public String toString() {
			return this.analyzer.substring(this.analyzer.lastIndexOf('.') + 1) + ": " + this.title;
		}

	}

	/** A blocking {@code @Transactional} method, for the manager switched off. */
	static class Ledger {

		@org.springframework.transaction.annotation.Transactional
		public void post(String entry) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Unversioned.class)
	static class InvalidEntityScan {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Customer.class)
	@EnableSingleTableRepositories(basePackageClasses = CustomerViewRepository.class)
	static class MismatchedCollection {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Widget.class)
	@EnableSingleTableRepositories(basePackageClasses = LikeWidgetRepository.class)
	static class LikeRepository {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Widget.class)
	@EnableReactiveSingleTableRepositories(basePackageClasses = ReactiveListWidgetRepository.class)
	static class ReactiveListRepository {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Widget.class)
	@EnableSingleTableRepositories(basePackageClasses = FluxWidgetRepository.class)
	static class FluxRepository {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Widget.class)
	@EnableReactiveSingleTableRepositories(basePackageClasses = PublisherArgumentWidgetRepository.class)
	static class PublisherArgumentRepository {

	}

}
