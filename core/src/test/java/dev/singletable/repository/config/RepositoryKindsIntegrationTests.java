package dev.singletable.repository.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.fluxrepo.FluxBookRepository;
import dev.singletable.repository.query.UnsupportedQueryMethodException;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A repository is blocking or reactive by the repository interfaces it extends: a blocking repository declaring a
 * method that returns a {@code Flux} is created by the blocking configuration and refused naming that method, not
 * silently left to the reactive one.
 */
class RepositoryKindsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-repository-kinds");

	@Test
	void aBlockingRepositoryWithAFluxMethodFailsTheContextNamingTheMethod() {
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(FluxConfig.class).close())
			.rootCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("FluxBookRepository.findByAuthor")
			.hasMessageContaining("ReactiveSingleTableRepository");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = FluxBookRepository.class)
	static class FluxConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
