package dev.singletable.autoconfigure.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableBlobsAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.colliding.alpha.Item;
import dev.singletable.autoconfigure.diagnostics.InvalidEntityDefinitionFailureAnalyzer;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entity definitions are checked before the embedded servers start: an application with an invalid entity fails
 * startup, explained by its failure analysis, without having started DynamoDB Local or the in-memory S3 (whose
 * starts take seconds). A bean post-processor sees every server bean before it is initialized, which is when it
 * starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class EntityChecksBeforeEmbeddedServersTests {

	/** Names of the server beans initialized, in order; the post-processor adds to it. */
	static final List<String> servers = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SingleTableAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class))
		.withUserConfiguration(ServerStarts.class)
		.withPropertyValues("singletable.blobs.bucket=checked");

	@BeforeEach
	void forgetServers() {
		servers.clear();
	}

	@Test
	void anInvalidEntityFailsStartupBeforeAnyEmbeddedServerStarts(CapturedOutput output) {
		long start = System.nanoTime();
		this.contextRunner.withUserConfiguration(CollidingEntityScan.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("checked-first"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEntityDefinitionException.class);
				FailureAnalysis analysis = new InvalidEntityDefinitionFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("The entity type ")
					.contains(Item.class.getName())
					.contains(dev.singletable.autoconfigure.colliding.beta.Item.class.getName())
					.contains("@SingleTableEntity(prefix = \"...\")");
			});
		long millis = (System.nanoTime() - start) / 1_000_000;
		// Reported, not asserted: a loaded build machine makes any bound flaky
		System.err.printf("An invalid entity failed startup in %d ms%n", millis);
		assertThat(servers).isEmpty();
		assertThat(output).doesNotContain("Started embedded DynamoDB Local").doesNotContain("Started embedded S3");
	}

	@Test
	void validEntitiesStartBothServersAfterTheirCheck(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(BlobEntityScan.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("checked-first"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(servers).containsExactlyInAnyOrder("embeddedDynamoDbLocal", "singleTableEmbeddedS3");
			});
		assertThat(output).contains("Started embedded DynamoDB Local").contains("Started embedded S3");
	}

	/**
	 * Records each embedded server bean before it is initialized, that is before it starts.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ServerStarts {

		@Bean
		static BeanPostProcessor serverStarts() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof EmbeddedDynamoDbLocal || bean instanceof EmbeddedS3) {
						servers.add(beanName);
					}
					return bean;
				}

			};
		}

	}

	/**
	 * Scans the packages of two entities named {@code Item}, whose prefixes collide.
	 */
	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Item.class, basePackages = "dev.singletable.autoconfigure.colliding.beta")
	static class CollidingEntityScan {

	}

	/**
	 * Scans the package of a valid entity with a blob property.
	 */
	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Manual.class)
	static class BlobEntityScan {

	}

}
