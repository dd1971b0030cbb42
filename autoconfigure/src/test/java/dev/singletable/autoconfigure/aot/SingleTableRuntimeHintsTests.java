package dev.singletable.autoconfigure.aot;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.data.repo.WidgetPackage;
import dev.singletable.autoconfigure.data.repo.WidgetRepository;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the runtime hints of an application processed ahead of time, as {@code spring-boot:process-aot} does:
 * singletable's own, registered through {@code aot.factories}, and those of the application's entities and
 * repositories, checked with {@link RuntimeHintsPredicates}.
 */
class SingleTableRuntimeHintsTests {

	@Test
	void aotFactoriesRegisterSingletablesHintsAndTheEntityProcessor() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anySatisfy((registrar) -> assertThat(registrar).isInstanceOf(SingleTableRuntimeHints.class));
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.anySatisfy((processor) -> assertThat(processor).isInstanceOf(SingleTableEntitiesAotProcessor.class));
	}

	@Test
	void theConfigurationMetadataAndDynamoDbLocalsServerFieldAreReachable() {
		RuntimeHints hints = new RuntimeHints();
		new SingleTableRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring-configuration-metadata.json"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer.class)
			.withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies()
			.forInterfaces(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class)).accepts(hints);
	}

	@Test
	void processingTheApplicationAheadOfTimeRegistersItsEntitiesForMappingAndJacksonAndItsRepositories() {
		RuntimeHints hints = processAheadOfTime(Application.class);

		assertThat(RuntimeHintsPredicates.reflection()
			.onType(Widget.class)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
					MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(hints);
		// Jackson writes the stored JSON through the record's accessors and reads it through its constructor
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Widget.class, "color")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WidgetRepository.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring-configuration-metadata.json"))
			.accepts(hints);
		// a type outside the application's packages gets nothing
		assertThat(RuntimeHintsPredicates.reflection().onType(Gadget.class)).rejects(hints);
	}

	@Test
	void entityTypesWithoutRepositoriesComeFromTheEntityScanPackages() {
		RuntimeHints hints = processAheadOfTime(ScannedApplication.class);

		assertThat(RuntimeHintsPredicates.reflection()
			.onType(Gadget.class)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
					MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Gadget.class, "displayName")).accepts(hints);
		// @EntityScan replaces the auto-configuration packages, as at runtime
		assertThat(RuntimeHintsPredicates.reflection().onType(Widget.class)
			.withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS)).rejects(hints);
	}

	private static RuntimeHints processAheadOfTime(Class<?> application) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(application);
			TestPropertyValues.of("singletable.table-name=aot", "singletable.embedded.enabled=false",
					"singletable.table.create=none").applyTo(context);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(application)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			return generation.getRuntimeHints();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SingleTableAutoConfiguration.class)
	@Import({ WidgetPackage.class, Client.class })
	@EntityScan(basePackageClasses = Gadget.class)
	static class ScannedApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SingleTableAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class })
	@Import({ WidgetPackage.class, Client.class })
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class Client {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.region(Region.US_EAST_1)
				.endpointOverride(URI.create("http://127.0.0.1:9"))
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.build();
		}

	}

}
